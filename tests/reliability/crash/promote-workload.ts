import type { ModelVersionInfo } from '../../../core/contract/api/registry';
import type { TrainingResult } from '../../../core/contract/api/training';
import type { Workload } from './trials';
import { MODEL } from './training-workload';

/**
 * (d) Promoting a model under SIGKILL: two registered versions promoted in turn (with an override
 * reason, as a planner would when a gate is marginal). After restart production is the version
 * of the last acknowledged promotion or of the one in flight, and it loads (`registry.reload`).
 */
interface Ledger {
  versions: number[];
  sent: number[];
  lastAcked: number;
}

export const promoteWorkload: Workload<Ledger> = {
  name: 'model promotion',
  killWindowMs: [20, 1500],
  ledger: () => ({ versions: [], sent: [], lastAcked: -1 }),

  async setup(host, ledger) {
    for (let i = 0; i < 2; i++) {
      const t = await host.call<TrainingResult>('training.start', { spec: MODEL, params: { rounds: 10 + i, seed: i } });
      ledger.versions.push(t.registryVersion); // training registers each model as a candidate
    }
    // Production exists before the first kill, so every trial tests a swap between two versions.
    // (A kill before any promotion leaves no production; `registry.show` then answers NOT_FOUND.)
    const first = ledger.versions[0]!;
    await host.call('registry.promote', { name: MODEL, version: first, override: { reason: 'crash trial setup' } });
    ledger.sent.push(first);
    ledger.lastAcked = 0;
  },

  async act(host, trial, ledger) {
    for (;;) {
      // Always the version that is not in production now: promoting the current one is refused.
      const current = ledger.sent.at(-1);
      const version = ledger.versions.find((v) => v !== current)!;
      ledger.sent.push(version);
      const at = ledger.sent.length - 1;
      await host.call('registry.promote', { name: MODEL, version, override: { reason: `crash trial ${trial}` } });
      ledger.lastAcked = at;
    }
  },

  async verify(host, ledger) {
    const problems: string[] = [];
    let losses = 0;
    if (ledger.sent.length === 0) return { problems, losses };
    const prod = await host
      .call<ModelVersionInfo>('registry.show', { name: MODEL, alias: 'production' })
      .catch(() => null);
    if (!prod) {
      if (ledger.lastAcked >= 0) {
        losses++;
        problems.push('production alias lost');
      }
      return { problems, losses };
    }
    // Allowed: the last acknowledged promotion's version, or the version sent after it (in flight at the kill).
    const allowed = new Set(ledger.sent.slice(Math.max(0, ledger.lastAcked)).filter((_, i) => i <= 1));
    if (ledger.lastAcked >= 0 && !allowed.has(prod.version)) {
      losses++;
      problems.push(`production is v${prod.version}, expected one of ${[...allowed].join('/')}`);
    }
    try {
      const r = await host.call<{ version: number }>('registry.reload', { name: MODEL });
      if (r.version !== prod.version) problems.push(`reload served v${r.version}, production is v${prod.version}`);
    } catch (e) {
      problems.push(`production v${prod.version} does not load: ${(e as Error).message}`);
    }
    ledger.sent = [prod.version];
    ledger.lastAcked = 0;
    return { problems, losses };
  },
};
