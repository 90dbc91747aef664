import { ContractError } from '../contract/errors';

/**
 * The text of an uploaded CSV or JSON file. Planners' tools write UTF-8 (with or without a BOM)
 * or, from "Unicode text" in Excel, UTF-16 with a BOM: both are read. Anything else — Windows
 * Latin-1 from an old "CSV (comma delimited)" save, a workbook renamed .csv, a binary file — is
 * refused with what it looks like and how to save it properly, rather than imported as mojibake.
 */
export function decodeText(bytes: Uint8Array, fileName: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new ContractError(
      'INVALID_DATA',
      `'${fileName}' is a zip file (an Excel workbook?), not text: name it .xlsx or save it as CSV UTF-8.`,
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new ContractError(
      'INVALID_DATA',
      `'${fileName}' is not a text file: it holds a NUL byte at offset ${nul} (binary data, or UTF-16 without its byte-order mark). Save it as CSV UTF-8.`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const at = text.indexOf('\uFFFD');
    const line = text.slice(0, at).split('\n').length;
    throw new ContractError(
      'INVALID_DATA',
      `'${fileName}' is not UTF-8 text: line ${line} holds a byte that is not valid UTF-8 (the file looks like Windows Latin-1). In Excel use "Save As → CSV UTF-8" and import again.`,
    );
  }
}
