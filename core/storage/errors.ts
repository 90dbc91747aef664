/** A database that cannot be opened or trusted. The host reports it rather than crashing. */
export class StorageError extends Error {
  constructor(
    readonly kind: 'corrupt' | 'unavailable' | 'too-new',
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

/**
 * Why a database could not be opened, in the planner's words. Only damage says to move the file
 * aside: a read-only folder, a full disk or a lock held by another program leave a sound database
 * that such advice would have the planner throw away.
 */
export function openFailure(file: string, err: unknown): StorageError {
  const message = (err as Error).message;
  const code = String((err as { code?: unknown }).code ?? '');
  if (/newer than this RakePlan/.test(message)) return new StorageError('too-new', message);
  const unavailable = (why: string) =>
    new StorageError('unavailable', `The database ${file} ${why} (${message}). Nothing in it was changed.`);
  if (/^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/.test(code) || /^E(ACCES|PERM|ROFS)$/.test(code))
    return unavailable(
      'cannot be written: its folder and file must be writable by RakePlan (check their permissions, and that the disk is not mounted read-only)',
    );
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC')
    return unavailable('cannot be written: the disk is full. Free some space and start RakePlan again');
  if (/^SQLITE_(BUSY|LOCKED)/.test(code))
    return unavailable(
      'is locked by another program (another RakePlan upgrading it, or a backup tool): close it and start RakePlan again',
    );
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO')
    return unavailable(
      'could not be read or written: the disk reported an error. Check the disk and start RakePlan again',
    );
  return new StorageError(
    'corrupt',
    `The database ${file} is damaged or not a RakePlan database (${message}). Move it aside or restore a backup; RakePlan will create a new one.`,
  );
}
