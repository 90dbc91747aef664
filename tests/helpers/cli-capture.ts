import path from 'node:path';
import { afterAll, afterEach, beforeEach, vi } from 'vitest';
import { tempDir } from './tmp';

/**
 * The CLI run in-process by a test file: a fresh data directory, stdout muted and stderr kept,
 * read through `stderr()` and emptied by `clear()` between the runs of one test.
 */
export function cliCapture(prefix: string): { stderr: () => string; clear: () => void } {
  const tmp = tempDir(prefix);
  afterAll(() => tmp.cleanup());
  let err = '';
  beforeEach(() => {
    err = '';
    vi.stubEnv('RAKEPLAN_DATA_DIR', path.join(tmp.dir, 'data'));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      err += String(chunk);
      return true;
    });
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });
  return { stderr: () => err, clear: () => (err = '') };
}
