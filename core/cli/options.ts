/**
 * Every option each command takes, and whether it takes a value. The parser refuses anything
 * else: a mistyped option (`--tme-limit 3`) must stop the run, not run it with the default.
 */
export type OptionKind = 'string' | 'boolean';
export type OptionSpec = Readonly<Record<string, OptionKind>>;

/** Taken by every command. */
export const GLOBAL_OPTIONS: OptionSpec = { 'data-dir': 'string', help: 'boolean' };

const TRAIN_PARAMS: OptionSpec = {
  rounds: 'string',
  depth: 'string',
  leaves: 'string',
  'learning-rate': 'string',
  seed: 'string',
  bins: 'string',
  'early-stopping': 'string',
  'min-rows-per-leaf': 'string',
  'valid-fraction': 'string',
  'test-fraction': 'string',
  refit: 'boolean',
  'no-refit': 'boolean',
};

export const COMMAND_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  serve: { port: 'string' },
  health: {},
  plan: {
    scenario: 'string',
    out: 'string',
    'time-limit': 'string',
    gap: 'string',
    'export-lp': 'string',
    'rule-based': 'boolean',
    demo: 'boolean',
    'scenario-id': 'string',
    table: 'string',
    json: 'boolean',
    robust: 'boolean',
    plan: 'string',
    edits: 'string',
    base: 'string',
    stability: 'string',
    disruptions: 'string',
    now: 'string',
  },
  scenario: {
    into: 'string',
    table: 'string',
    replace: 'boolean',
    'skip-invalid': 'boolean',
    out: 'string',
    json: 'boolean',
    scenario: 'string',
    demo: 'boolean',
  },
  check: { scenario: 'string', plan: 'string' },
  indent: {
    scenario: 'string',
    'scenario-id': 'string',
    out: 'string',
    days: 'string',
    demo: 'boolean',
    json: 'boolean',
  },
  train: {
    ...TRAIN_PARAMS,
    spec: 'string',
    csv: 'string',
    target: 'string',
    task: 'string',
    name: 'string',
    out: 'string',
    threads: 'string',
    categorical: 'string',
    'time-column': 'string',
    'date-column': 'string',
    alpha: 'string',
    types: 'string',
    json: 'boolean',
  },
  predict: {
    model: 'string',
    csv: 'string',
    out: 'string',
    batch: 'boolean',
    consumer: 'string',
    table: 'string',
    chunk: 'string',
  },
  'demo-data': { seed: 'string', size: 'string', 'history-days': 'string', out: 'string' },
  models: {
    json: 'boolean',
    data: 'string',
    note: 'string',
    override: 'string',
    consumer: 'string',
    unpin: 'boolean',
    name: 'string',
    inputs: 'string',
    task: 'string',
    classes: 'string',
  },
  history: { json: 'boolean', replace: 'boolean' },
  metrics: { prometheus: 'boolean', minutes: 'string', json: 'boolean' },
};

/**
 * The options each subcommand takes, of its command's: `rakeplan scenario export --json` is
 * refused rather than printing text where a script waits for JSON.
 */
export const SUBCOMMAND_OPTIONS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  scenario: {
    list: ['json'],
    import: ['into', 'table', 'replace', 'skip-invalid', 'json'],
    export: ['out', 'table'],
    'apply-forecasts': ['scenario', 'out', 'demo'],
  },
  plan: {
    edit: ['scenario', 'plan', 'edits', 'out'],
    list: ['scenario-id', 'json'],
    show: ['json'],
    export: ['out', 'table'],
  },
  history: { import: ['replace', 'json', 'progress', 'no-progress'], info: ['json'] },
  models: {
    list: ['json'],
    show: ['json'],
    register: ['data', 'note'],
    evaluate: [],
    promote: ['override'],
    rollback: [],
    pin: ['consumer', 'unpin'],
    import: ['name', 'inputs', 'task', 'classes', 'note'],
    delete: [],
  },
};

/** The closest known option within two edits, for "did you mean". */
export function closestOption(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = 3;
  for (const k of known) {
    const d = editDistance(name, k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}
