import { createHost, type Host } from '../host/create-host';
import type { CliEnv } from './command';

/**
 * Runs one CLI command against a host on the data directory and always closes it, so the
 * database is released even when the command throws a usage error half-way.
 */
export async function withCliHost<T>(env: CliEnv, work: (host: Host) => Promise<T>): Promise<T> {
  const host = createHost({ dataDir: env.dataDir, mode: 'cli' });
  try {
    return await work(host);
  } finally {
    host.close();
  }
}
