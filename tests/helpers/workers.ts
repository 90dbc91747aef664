import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { appRoot } from '../../core/host/paths';

/** Workers run from their bundles in dist/workers: build them when a test file runs alone. */
export function ensureWorkerBuilt(name: string): void {
  if (!fs.existsSync(path.join(appRoot(), 'dist', 'workers', `${name}.js`)))
    execFileSync('node', ['scripts/build.mjs', '--node-only'], { cwd: appRoot(), stdio: 'ignore' });
}
