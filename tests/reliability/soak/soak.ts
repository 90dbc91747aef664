import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScenarioSummary } from '../../../core/contract/api/scenarios';
import type { TrainingResult } from '../../../core/contract/api/training';
import { ensureHostBuilt, startHost } from '../crash/host-child';

/**
 * Bounded soak: `npm run test:reliability -- soak [--minutes N]` (default 10). One host child (as
 * the desktop app runs it) serves a mixed load — plan solves (optimised and rule-based, each in a
 * fresh worker so HiGHS' heap goes with it), predictions, and a small training + registration
 * every few minutes (new model versions: the serving LRU loads and evicts ORT sessions) — while
 * its resident memory is sampled from /proc every 5 s. Fails (exit 1) if the last quarter's
 * median RSS exceeds the second quarter's by more than 25 % + 64 MB, i.e. growth without bound.
 */
const minutes = Number(process.argv[process.argv.indexOf('--minutes') + 1] || 10) || 10;
const endAt = Date.now() + minutes * 60_000;
const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<number> {
  ensureHostBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rakeplan-soak-'));
  const host = startHost(dir);
  await host.ready;
  const pid = host.child.pid!;
  const samples: { tS: number; rssMb: number }[] = [];
  const t0 = Date.now();
  const sampler = setInterval(
    () => samples.push({ tS: Math.round((Date.now() - t0) / 1000), rssMb: Math.round(rssMb(pid)) }),
    5_000,
  );
  const counts = { solves: 0, predictions: 0, trainings: 0, errors: 0 };
  const errors: string[] = [];
  const note = (e: unknown) => {
    counts.errors++;
    if (errors.length < 10) errors.push(String((e as Error).message ?? e).slice(0, 200));
  };
  try {
    const scenarios = await host.call<ScenarioSummary[]>('scenarios.list', {});
    const scenarioId = scenarios[0]!.id;
    const train = async (i: number) => {
      // Distinct round counts give distinct model files (the same file registers as the same version).
      const t = await host.call<TrainingResult>('training.start', {
        spec: 'transit-delay',
        params: { rounds: 20 + (i % 11), seed: i },
      });
      await host.call('registry.promote', {
        name: 'transit-delay',
        version: t.registryVersion,
        override: { reason: 'soak rotation' },
      });
      counts.trainings++;
    };
    await train(0);
    const row = {
      corridor: 'EAST',
      destination: 'HWH',
      distanceKm: 820,
      wagonType: 'BCN',
      loadT: 2_500,
      date: '2026-07-01',
    };
    let lastTrain = Date.now();
    for (let i = 1; Date.now() < endAt; i++) {
      const jobs: Promise<unknown>[] = [
        host
          .call('plans.solve', { scenarioId, timeLimitS: 5, ruleBasedOnly: i % 3 === 0, name: `soak ${i}` })
          .then(() => counts.solves++, note),
      ];
      for (let k = 0; k < 20; k++)
        jobs.push(
          host
            .call('predict.rows', { model: 'transit-delay', rows: Array.from({ length: 50 }, () => row) })
            .then(() => counts.predictions++, note),
        );
      if (Date.now() - lastTrain > 120_000) {
        lastTrain = Date.now();
        jobs.push(train(i).catch(note));
      }
      await Promise.all(jobs);
      // Plans accumulate by design; delete old ones so the DB size does not masquerade as a leak.
      if (i % 20 === 0) {
        const plans = await host.call<{ id: string }[]>('plans.list', { scenarioId, limit: 500 });
        for (const p of plans.slice(5)) await host.call('plans.delete', { id: p.id }).catch(note);
      }
    }
  } finally {
    clearInterval(sampler);
    await host.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const q = Math.floor(samples.length / 4);
  const second = median(samples.slice(q, 2 * q).map((s) => s.rssMb));
  const last = median(samples.slice(3 * q).map((s) => s.rssMb));
  const peak = Math.max(...samples.map((s) => s.rssMb));
  const bounded = last <= second * 1.25 + 64;
  const summary = {
    minutes,
    ...counts,
    samples: samples.length,
    rssMb: { first: samples[0]?.rssMb, secondQuarterMedian: second, lastQuarterMedian: last, peak },
    bounded,
    firstErrors: errors,
  };
  console.log(JSON.stringify(summary, null, 2));
  console.log(
    `soak ${minutes} min: ${counts.solves} solves, ${counts.predictions} prediction calls, ${counts.trainings} trainings, ${counts.errors} errors; host RSS ${samples[0]?.rssMb} → ${last} MB (peak ${peak} MB) — ${bounded ? 'bounded' : 'GROWING'}`,
  );
  return bounded && counts.errors === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
