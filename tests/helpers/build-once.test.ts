import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { staleBuild } from './build-once';
import { tempDir } from './tmp';

const tmp = tempDir('rp-build-once-');
afterAll(() => tmp.cleanup());

const write = (rel: string, at: number) => {
  const file = path.join(tmp.dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '');
  fs.utimesSync(file, at, at);
};

describe('the tests build dist/ only when it is stale', () => {
  it('names a missing bundle or a source newer than the oldest one; a fresh build is left alone', () => {
    write('core/cli/index.ts', 1000);
    write('core/workers/solve.worker.ts', 1000);
    write('core/cli/index.test.ts', 5000);
    write('package.json', 1000);
    for (const out of ['cli.js', 'cli-help.json', 'host/utility.js', 'main/index.js', 'preload/index.js'])
      write(`dist/${out}`, 2000);
    expect(staleBuild(tmp.dir)).toBe('dist/workers/solve.js is missing');
    write('dist/workers/solve.js', 2000);
    // A test file is in no bundle: changing it builds nothing.
    expect(staleBuild(tmp.dir)).toBeNull();
    write('core/cli/index.ts', 3000);
    expect(staleBuild(tmp.dir)).toBe(`${path.join('core', 'cli', 'index.ts')} changed after the last build`);
  });
});
