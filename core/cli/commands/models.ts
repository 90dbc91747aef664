import fs from 'node:fs';
import { MIN_OVERRIDE_REASON, type GateResult, type ModelVersionInfo } from '../../contract/api/registry';
import { baselineVerdict } from '../../registry/baseline-verdict';
import { bool, CliUsageError, str, type ParsedArgs } from '../args';
import type { CliCommand, CliEnv } from '../command';
import { withCliHost } from '../with-host';
import { MODEL_SPECS } from '../../../models';
import { trainedOnSynthetic } from '../../domain/training-origin';
import { metricLine } from './train';

const USAGE = `rakeplan models list [--json]
  rakeplan models show NAME[@VERSION] [--json]
  rakeplan models register DIR [--data CSV] [--note TEXT]
  rakeplan models evaluate NAME@VERSION
  rakeplan models promote NAME@VERSION [--override REASON]
  rakeplan models rollback NAME
  rakeplan models pin NAME@VERSION --consumer C   (NAME --consumer C --unpin to remove)
  rakeplan models import FILE.onnx --name NAME --inputs a,b,lane:cat=E|W [--task regression|binary|multiclass] [--classes x,y]
  rakeplan models delete NAME@VERSION`;

const SUBCOMMANDS = 'list, show, register, evaluate, promote, rollback, pin, import or delete';

/** `NAME@VERSION` → parts; the version is optional unless required. */
function ref(s: string | undefined, needVersion: boolean): { name: string; version?: number } {
  if (!s) throw new CliUsageError('a model name is required');
  const [name, v] = s.split('@') as [string, string | undefined];
  if (v === undefined) {
    if (needVersion) throw new CliUsageError(`give the version: ${name}@N`);
    return { name };
  }
  const version = Number(v);
  if (!Number.isInteger(version) || version < 1) throw new CliUsageError(`'${v}' is not a version number`);
  return { name, version };
}

/** `--override REASON`, as long as the registry records one: refused before the call, naming the option. */
function overrideReason(args: ParsedArgs): string | undefined {
  const reason = str(args, 'override');
  if (reason !== undefined && reason.trim().length < MIN_OVERRIDE_REASON)
    throw new CliUsageError(
      `--override needs a reason of at least ${MIN_OVERRIDE_REASON} characters (why the gates are overridden), got '${reason}'`,
    );
  return reason;
}

/** A gate's verdict: one that could not be judged is neither a pass nor a measured failure. */
const gateWord = (g: GateResult) => (g.passed ? 'PASS' : g.notEvaluated ? 'NOT EVALUATED' : 'FAIL');

function printVersion(v: ModelVersionInfo, env: CliEnv): void {
  const test = (v.metrics?.test ?? {}) as Record<string, number>;
  env.out(`${v.name}@${v.version}  ${v.origin}  ${v.aliases.join(',') || '-'}  created ${v.createdAt}`);
  env.out(
    `  task ${v.manifest.task} on ${v.manifest.target}; inputs ${v.manifest.inputs.map((i) => `${i.name}:${i.type}`).join(', ')}`,
  );
  if (v.dataset)
    env.out(
      `  dataset ${v.dataset.rows} rows ${v.dataset.from ?? '?'} … ${v.dataset.to ?? '?'} sha256 ${v.dataset.hash.slice(0, 12)}…`,
    );
  const data = v.manifest.trainingData;
  if (data)
    env.out(
      `  trained on ${data.source}${trainedOnSynthetic(v) ? ' — synthetic demo history: feeds only the demo (--demo)' : ''}`,
    );
  if (v.metrics)
    env.out(
      `  holdout ${metricLine(test, MODEL_SPECS.find((s) => s.name === (v.spec ?? v.name))?.unit ?? '')}; training ${v.trainMs ?? '–'} ms`,
    );
  const verdict = baselineVerdict(v.baselineMetrics, (v.metrics?.primary as { name?: string } | undefined)?.name);
  if (verdict) env.out(`  ${verdict}`);
  env.out(
    `  file ${v.fileSha256.slice(0, 12)}… ${(v.fileBytes / 1024).toFixed(1)} KiB; parent ${v.parentVersion ?? '-'}; pins ${v.pins.join(', ') || '-'}`,
  );
  if (v.gate)
    env.out(
      `  gates ${v.gate.passed ? 'PASSED' : 'FAILED'} vs ${v.gate.against !== null ? `@${v.gate.against}` : 'no production'}: ${v.gate.gates.map((g) => `${g.gate} ${g.passed ? 'ok' : gateWord(g)}`).join(', ')}`,
    );
  if (v.lastError) env.out(`  last error: ${v.lastError}`);
  if (v.note) env.out(`  note: ${v.note}`);
}

export const modelsCommand: CliCommand = {
  name: 'models',
  summary: 'Model registry: list, show, register, evaluate, promote, rollback, pin, import, delete',
  usage: USAGE,
  async run(args: ParsedArgs, env) {
    const [sub, target] = args.positionals;
    if (!sub) throw new CliUsageError(`a subcommand is required: ${SUBCOMMANDS}`);
    return withCliHost(env, async (host) => {
      const call = host.app.invoke.bind(host.app);
      switch (sub) {
        case 'list': {
          const rows = await call('registry.list', {});
          if (bool(args, 'json')) {
            env.out(JSON.stringify(rows, null, 2));
            return 0;
          }
          if (rows.length === 0)
            env.out(
              'No models in the registry. Train one (rakeplan train) and register it (rakeplan models register DIR).',
            );
          for (const m of rows) {
            env.out(
              `${m.name.padEnd(22)} versions ${String(m.versions).padStart(3)}  production ${m.production !== null ? `@${m.production}` : '-'}  candidate ${m.candidate !== null ? `@${m.candidate}` : '-'}  ${m.pins.map((p) => `${p.consumer}→@${p.version}`).join(' ')}${m.lastError ? `  error: ${m.lastError}` : ''}`,
            );
          }
          return 0;
        }
        case 'show': {
          const r = ref(target, false);
          const v = await call('registry.show', { name: r.name, version: r.version });
          if (bool(args, 'json')) env.out(JSON.stringify(v, null, 2));
          else {
            printVersion(v, env);
            for (const e of v.events.slice(0, 10))
              env.out(
                `  ${e.at} ${e.kind}${e.version !== null ? ` @${e.version}` : ''}${e.fromVersion !== null ? ` (from @${e.fromVersion})` : ''}${e.detail?.reason ? `: ${String(e.detail.reason)}` : ''}`,
              );
          }
          return 0;
        }
        case 'register': {
          if (!target) throw new CliUsageError('give the trained model directory');
          const v = await call('registry.register', {
            dir: target,
            dataCsv: str(args, 'data'),
            note: str(args, 'note') ?? '',
          });
          printVersion(v, env);
          return 0;
        }
        case 'evaluate': {
          const r = ref(target, true);
          const rep = await call('registry.evaluate', { name: r.name, version: r.version! });
          for (const g of rep.gates) {
            env.out(`${gateWord(g)} ${g.gate}: ${g.summary}`);
            for (const c of g.checks.filter((x) => !x.passed))
              env.out(
                `     ${c.name}: ${String(c.value)} (limit ${String(c.limit)})${c.detail ? ` – ${c.detail}` : ''}`,
              );
          }
          return rep.passed ? 0 : 1;
        }
        case 'promote': {
          const r = ref(target, true);
          const reason = overrideReason(args);
          const res = await call('registry.promote', {
            name: r.name,
            version: r.version!,
            ...(reason ? { override: { reason } } : {}),
          });
          env.out(
            `${r.name}@${res.version} is in production${res.previous !== null ? ` (was @${res.previous})` : ''}${res.overridden ? ' – gates overridden, reason recorded' : ''}.`,
          );
          return 0;
        }
        case 'rollback': {
          const r = ref(target, false);
          const res = await call('registry.rollback', { name: r.name });
          env.out(`${r.name}: production rolled back from @${res.from} to @${res.version}.`);
          return 0;
        }
        case 'pin': {
          const r = ref(target, !bool(args, 'unpin'));
          const consumer = str(args, 'consumer', true)!;
          await call('registry.pin', { consumer, name: r.name, version: bool(args, 'unpin') ? null : r.version! });
          env.out(
            bool(args, 'unpin')
              ? `${consumer} follows ${r.name} production again.`
              : `${consumer} uses ${r.name}@${r.version}.`,
          );
          return 0;
        }
        case 'import': {
          if (!target || !fs.existsSync(target)) throw new CliUsageError(`ONNX file not found: ${target ?? '(none)'}`);
          const inputs = (str(args, 'inputs', true) ?? '')
            .split(',')
            .filter(Boolean)
            .map((spec) => {
              const [n, kind] = spec.split(':') as [string, string | undefined];
              if (!kind) return { name: n, type: 'numeric' as const };
              const m = /^cat=(.+)$/.exec(kind);
              if (!m)
                throw new CliUsageError(`input '${spec}': write NAME for numeric or NAME:cat=A|B|C for categorical`);
              return { name: n, type: 'categorical' as const, categories: m[1]!.split('|') };
            });
          const task = (str(args, 'task') ?? 'regression') as 'regression' | 'binary' | 'multiclass';
          const classes = str(args, 'classes')?.split(',');
          const v = await call('registry.import', {
            name: str(args, 'name', true)!,
            path: target,
            task,
            inputs,
            ...(classes ? { classes } : {}),
            note: str(args, 'note') ?? '',
          });
          printVersion(v, env);
          return 0;
        }
        case 'delete': {
          const r = ref(target, true);
          await call('registry.delete', { name: r.name, version: r.version! });
          env.out(`${r.name}@${r.version} deleted.`);
          return 0;
        }
        default:
          throw new CliUsageError(`unknown subcommand '${sub}' (${SUBCOMMANDS})`);
      }
    });
  },
};
