import fs from 'node:fs';
import path from 'node:path';
import { CliUsageError } from './args';

/**
 * Checked before the work starts: `--out` naming a folder, or one of the command's own input files,
 * would lose a long solve's result at the write or replace the input with the output.
 */
export function checkOutFile(out: string, inputs: Record<string, string | undefined>): void {
  if (fs.statSync(out, { throwIfNoEntry: false })?.isDirectory())
    throw new CliUsageError(`--out ${out} is a folder; name the file to write`);
  for (const [option, file] of Object.entries(inputs))
    if (file !== undefined && path.resolve(file) === path.resolve(out))
      throw new CliUsageError(`--out ${out} is the ${option} file itself; write the result to another file`);
}
