import Database from 'better-sqlite3';
import path from 'node:path';
import { startHost, sleep, type HostChild } from './host-child';

/**
 * Crash trials: a workload runs against the host child, which is killed with SIGKILL at a random
 * moment. Before the restart the database file must pass `PRAGMA integrity_check`; after it, the
 * workload's own check must find every acknowledged change whole, and nothing half-done.
 */
export interface Workload<L> {
  name: string;
  /** Once, on a running host: anything the trials need (ids, files). */
  setup(host: HostChild, ledger: L): Promise<void>;
  /** Issue calls until the host dies; record what was acknowledged in the ledger. */
  act(host: HostChild, trial: number, ledger: L): Promise<void>;
  /** On the restarted host: a list of problems (empty = nothing lost, nothing half-written). */
  verify(host: HostChild, ledger: L): Promise<{ problems: string[]; losses: number }>;
  ledger(): L;
  /** Kill moment after the workload starts [ms]: random in [min, max). */
  killWindowMs: [number, number];
}

export interface TrialReport {
  workload: string;
  trials: number;
  losses: number;
  problems: string[];
  /** Trials where the kill landed while a call was in flight (the interesting ones). */
  killedMidCall: number;
}

/** Deterministic per run: the kill moments are reproducible from the seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export async function runTrials<L>(
  w: Workload<L>,
  dataDir: string,
  trials: number,
  opts: { seed?: number; log?: (l: string) => void; env?: Record<string, string> } = {},
): Promise<TrialReport> {
  const rand = rng(opts.seed ?? 20261122);
  const ledger = w.ledger();
  const report: TrialReport = { workload: w.name, trials: 0, losses: 0, problems: [], killedMidCall: 0 };
  let host = startHost(dataDir, opts.env);
  await host.ready;
  await w.setup(host, ledger);
  try {
    for (let t = 0; t < trials; t++) {
      let inFlight = 0;
      const tracked: HostChild = {
        ...host,
        call: <T>(n: string, p: unknown, onP?: (x: unknown) => void) => {
          inFlight++;
          return host.call<T>(n, p, onP).finally(() => inFlight--);
        },
      };
      const acting = w.act(tracked, t, ledger).catch((e: { code?: string }) => {
        if (e.code !== 'HOST_EXITED') throw e;
      });
      const [min, max] = w.killWindowMs;
      await Promise.race([sleep(min + rand() * (max - min)), acting]);
      if (inFlight > 0) report.killedMidCall++;
      await host.kill();
      await acting;
      const integrity = checkIntegrity(dataDir);
      if (integrity !== 'ok') report.problems.push(`trial ${t}: integrity_check: ${integrity}`);
      host = startHost(dataDir, opts.env);
      await host.ready;
      const { problems, losses } = await w.verify(host, ledger);
      report.trials++;
      report.losses += losses;
      report.problems.push(...problems.map((p) => `trial ${t}: ${p}`));
      opts.log?.(`${w.name} trial ${t + 1}/${trials}: ${problems.length ? problems.join('; ') : 'ok'}`);
    }
  } finally {
    await host.kill();
  }
  return report;
}

/** Opened by a fresh connection while no host runs: WAL recovery, then the full check. */
function checkIntegrity(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'rakeplan.db'));
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}
