#!/usr/bin/env node
// `npm run test:reliability`            → the long reliability suite: 50 SIGKILL trials per workload,
//                                          5,000 fuzzed import files, plus every fast reliability test.
// `npm run test:reliability -- soak [--minutes N]` → the bounded soak (default 10 minutes).
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const run = (cmd, argv, env = {}) => {
  const r = spawnSync(cmd, argv, {
    stdio: 'inherit',
    env: { ...process.env, ...env },
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run('node', ['scripts/build.mjs', '--node-only']);
if (args[0] === 'soak') {
  run('npx', ['tsx', 'tests/reliability/soak/soak.ts', ...args.slice(1)]);
} else {
  run('npx', ['vitest', 'run', 'tests/reliability', ...args], {
    RAKEPLAN_CRASH_TRIALS: process.env.RAKEPLAN_CRASH_TRIALS ?? '50',
    RAKEPLAN_FUZZ_FILES: process.env.RAKEPLAN_FUZZ_FILES ?? '5000',
  });
}
