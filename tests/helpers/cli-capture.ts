import path from 'node:path';
import { afterAll, afterEach, beforeEach, vi } from 'vitest';
import { tempDir } from './tmp';

/**
 * The CLI run in-process by a test file: a fresh data directory, stdout and stderr kept apart,
 * read through `stdout()` and `stderr()` and emptied by `clear()` between the runs of one test.
 */
export function cliCapture(prefix: string): {
  dir: string;
  stdout: () => string;
  stderr: () => string;
  clear: () => void;
} {
  const tmp = tempDir(prefix);
  afterAll(() => tmp.cleanup());
  let out = '';
  let err = '';
  beforeEach(() => {
    out = '';
    err = '';
    vi.stubEnv('RAKEPLAN_DATA_DIR', path.join(tmp.dir, 'data'));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      err += String(chunk);
      return true;
    });
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });
  return {
    dir: tmp.dir,
    stdout: () => out,
    stderr: () => err,
    clear: () => {
      out = '';
      err = '';
    },
  };
}
