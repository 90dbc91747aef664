import fs from 'node:fs';
import path from 'node:path';

/**
 * Electron's binary, where it is installed. Its npm package fetches it on first launch, which
 * cannot happen on machines without internet; there the desktop smoke spec is left out of the run
 * (playwright.config.ts says so in the output), and wherever the binary exists it runs and must pass.
 */
export function electronBinary(): string | null {
  const pkg = path.join(__dirname, '..', 'node_modules', 'electron');
  const pathTxt = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathTxt)) return null;
  const bin = path.join(pkg, 'dist', fs.readFileSync(pathTxt, 'utf8').trim());
  return fs.existsSync(bin) ? bin : null;
}

export const ELECTRON_SPEC = 'electron-smoke.spec.ts';
