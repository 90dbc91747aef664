import fs from 'node:fs';
import path from 'node:path';
import { CliUsageError } from './args';

/** The folder a written path goes into must exist: a mistyped folder is said, not created. */
function checkParent(out: string, option: string): void {
  const parent = path.dirname(out);
  if (!fs.statSync(parent, { throwIfNoEntry: false })?.isDirectory())
    throw new CliUsageError(`${option} ${out}: the folder ${parent} does not exist; create it first`);
}

function checkNotInput(out: string, inputs: Record<string, string | undefined>, option: string): void {
  for (const [input, file] of Object.entries(inputs))
    if (file !== undefined && path.resolve(file) === path.resolve(out))
      throw new CliUsageError(`${option} ${out} is the ${input} file itself; write the result to another file`);
}

/**
 * Checked before the work starts: `--out` naming a folder, a file in a folder that does not exist,
 * or one of the command's own input files would lose a long solve's result at the write, or
 * replace the input with the output. An existing file is replaced whole (written atomically).
 */
export function checkOutFile(out: string, inputs: Record<string, string | undefined>, option = '--out'): void {
  if (fs.statSync(out, { throwIfNoEntry: false })?.isDirectory())
    throw new CliUsageError(`${option} ${out} is a folder; name the file to write`);
  checkParent(out, option);
  checkNotInput(out, inputs, option);
}

/**
 * `--out DIR` for a folder the command replaces whole (a model's): refused when it holds anything
 * but the files in `own`, since the replaced folder is deleted with everything in it.
 */
export function checkOutFolder(out: string, own: readonly string[]): void {
  const st = fs.statSync(out, { throwIfNoEntry: false });
  if (!st) return checkParent(out, '--out');
  if (!st.isDirectory()) throw new CliUsageError(`--out ${out} is a file; name a folder to write`);
  const others = fs.readdirSync(out).filter((f) => !own.includes(f));
  if (others.length)
    throw new CliUsageError(
      `--out ${out} holds other files (${others.slice(0, 5).join(', ')}${others.length > 5 ? ', …' : ''}), which replacing the folder would delete; give a new or empty folder`,
    );
}
