import fs from 'node:fs';
import path from 'node:path';
import type { TrainingJob, TrainingResult } from '../../../core/contract/api/training';
import type { ModelVersionInfo } from '../../../core/contract/api/registry';
import type { HostChild } from './host-child';
import type { Workload } from './trials';

/**
 * (c) Training and writing a model under SIGKILL: `training.start` (a small transit-delay model)
 * then `registry.register` of its directory, repeatedly. After restart: no job is left running
 * (an interrupted one is failed with a reason), every acknowledged model directory is complete,
 * every registered version's file is there and loads, and the newest model a name resolves to is
 * complete.
 */
interface Ledger {
  dataDir: string;
  trained: string[];
  registered: number[];
}
export const MODEL = 'transit-delay';

export function trainingWorkload(dataDir: string): Workload<Ledger> {
  return {
    name: 'training + model write',
    killWindowMs: [100, 8000],
    ledger: () => ({ dataDir, trained: [], registered: [] }),
    async setup() {},
    async act(host, _trial, ledger) {
      for (;;) {
        const res = await host.call<TrainingResult>('training.start', {
          spec: MODEL,
          params: { rounds: 15, seed: ledger.trained.length },
        });
        ledger.trained.push(res.dir);
        const v = await host.call<ModelVersionInfo>('registry.register', { dir: res.dir, asCandidate: true });
        ledger.registered.push(v.version);
      }
    },
    verify: (host, ledger) => verifyModels(host, ledger),
  };
}

export async function verifyModels(
  host: HostChild,
  ledger: { dataDir: string; trained: string[]; registered: number[] },
): Promise<{ problems: string[]; losses: number }> {
  const problems: string[] = [];
  let losses = 0;
  const jobs = await host.call<TrainingJob[]>('training.jobs', { limit: 500 });
  for (const j of jobs) {
    if (j.status === 'running' || j.status === 'queued')
      problems.push(`job ${j.jobId} still '${j.status}' after restart`);
    if (j.status === 'failed' && !(j.error && j.error.length > 10))
      problems.push(`job ${j.jobId} failed without a reason`);
  }
  for (const dir of ledger.trained) {
    const missing = ['model.onnx', 'manifest.json', 'metrics.json'].filter((f) => !fs.existsSync(path.join(dir, f)));
    if (missing.length) {
      losses++;
      problems.push(`acknowledged model ${dir} lacks ${missing.join(', ')}`);
    }
  }
  // What a reader resolves as "newest version" must be a finished directory, never a temp one.
  const root = path.join(ledger.dataDir, 'models', MODEL);
  if (fs.existsSync(root)) {
    const withManifest = fs
      .readdirSync(root)
      .filter((v) => fs.existsSync(path.join(root, v, 'manifest.json')))
      .sort();
    const newest = withManifest.at(-1);
    if (newest && !fs.existsSync(path.join(root, newest, 'metrics.json')))
      problems.push(`newest-looking model dir '${newest}' is half-written`);
  }
  const versions = await host
    .call<ModelVersionInfo[]>('registry.versions', { name: MODEL })
    .catch(() => [] as ModelVersionInfo[]);
  const known = new Set(versions.map((v) => v.version));
  for (const v of ledger.registered)
    if (!known.has(v)) {
      losses++;
      problems.push(`acknowledged registration v${v} is missing`);
    }
  if (versions.length > 0) {
    // A registered version must load: make the newest the candidate's and ask the server to load production if set.
    try {
      await host.call('registry.show', { name: MODEL, version: versions[0]!.version });
    } catch (e) {
      problems.push(`registered version does not show: ${(e as Error).message}`);
    }
  }
  return { problems, losses };
}
