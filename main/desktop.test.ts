import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hostDataDir } from './desktop';

vi.mock('electron', () => ({ app: { getPath: (name: string) => `/home/planner/.config/RakePlan/${name}` } }));

afterEach(() => void vi.unstubAllEnvs());

describe("the host's data folder, as main finds it for the logs", () => {
  it('is the user-data folder main hands the host, unless RAKEPLAN_DATA_DIR overrides it as the host honours', () => {
    vi.stubEnv('RAKEPLAN_DATA_DIR', '');
    expect(hostDataDir()).toBe(path.resolve('/home/planner/.config/RakePlan/userData'));
    vi.stubEnv('RAKEPLAN_DATA_DIR', '/srv/rakeplan');
    expect(hostDataDir()).toBe(path.resolve('/srv/rakeplan'));
  });
});
