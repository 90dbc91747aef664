import fs from 'node:fs';
import path from 'node:path';
import { ContractError } from '../contract/errors';
import type { HostServices } from './services';

/**
 * A file path that arrived in a call payload. From a window (Electron or browser mode) the
 * payload is untrusted — a compromised page must not write over the planner's files — so the
 * path must resolve inside `<dataDir>/<area>`, symlinks included; relative paths are taken from
 * there. From the CLI (the planner typed it) any path is theirs to choose.
 */
export function payloadPath(s: Pick<HostServices, 'mode' | 'dataDir'>, p: string, area: string, field: string): string {
  if (s.mode === 'cli' || s.mode === 'test') return notAFolder(path.resolve(p), p, field);
  const root = path.join(s.dataDir, area);
  fs.mkdirSync(root, { recursive: true });
  const realRoot = fs.realpathSync(root);
  const target = path.resolve(realRoot, p);
  // The deepest existing ancestor decides where a symlink really points.
  let existing = target;
  while (!fs.existsSync(existing)) existing = path.dirname(existing);
  const real = path.join(fs.realpathSync(existing), path.relative(existing, target));
  const rel = path.relative(realRoot, real);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    // The folder is named, not where it is: a refusal needs only the path the window sent.
    throw new ContractError(
      'BAD_PAYLOAD',
      `${field} must name a file inside the data folder's ${area} folder; '${p}' is outside it.`,
      [{ path: field, message: `must stay inside the data folder's ${area} folder` }],
    );
  }
  return notAFolder(real, p, field);
}

/** A folder where the file is to be written would fail later as a raw EISDIR: say so now. */
function notAFolder(file: string, p: string, field: string): string {
  if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ContractError('BAD_PAYLOAD', `${field}: ${p} is a folder, not a file.`, [
      { path: field, message: 'is a folder' },
    ]);
  }
  return file;
}
