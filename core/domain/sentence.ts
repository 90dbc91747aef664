/**
 * An error message as a clause inside another sentence: "There is no model named demand in the
 * registry." reads "there is no model named demand in the registry". A leading acronym or name
 * ("HiGHS …", "SQLITE_BUSY …") keeps its capitals.
 */
export function asClause(message: string): string {
  const s = message.trim().replace(/\.$/, '');
  return /^[A-Z][a-z]+(?![A-Za-z])/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}
