import { rupees, tonnes } from './figures';
import type { FinalPassInfo } from './plan';

// Plan notes and reasons with a fixed shape, each written here and nowhere else, so the interface
// can recognise one and write it in Hindi from its figures; any other text is shown as written.

/**
 * The plan notes the final improvement pass adds (core/optimizer/final-pass.ts), from its figures
 * (`solver.finalPass`): the interface recognises them by writing them again from the same figures.
 */
export function finalPassNotes(info: FinalPassInfo, limitS: number): string[] {
  const m = info.moves;
  const n = m.road + m.rake + m.fill + m.move;
  const reformed = m.reform ? ` and gave ${m.reform} part-empty rakes new loads` : '';
  return [
    ...(n > 0 || reformed
      ? [
          `The final improvement pass made ${n} single moves (${m.rake} rakes added, ${m.road} road lots added, ${m.fill} idle-wagon fills, ${m.move} moves between rakes or of road lots)${reformed}, saving ${rupees(info.savedRs)}.`,
        ]
      : []),
    ...(!info.complete
      ? [`The final improvement pass stopped at the time limit (${limitS} s) before it had tried every move.`]
      : []),
  ];
}

/** What the production suggestion's note says of the demand forecast (core/forecasts/service.ts). */
export type ProductionNote =
  | { kind: 'no-history' }
  | { kind: 'synthetic-history' }
  | { kind: 'no-forecast'; why: string }
  | { kind: 'included'; days: number; source: string }
  | { kind: 'failed'; error: string };

const OPEN_ONLY = 'Production suggestion from open orders only: ';
const NO_HISTORY = `${OPEN_ONLY}the plant has no demand history for a forecast.`;
const SYNTHETIC_HISTORY = `${OPEN_ONLY}the stored demand history is the demo's synthetic history, which feeds only the demo (--demo, or the demo scenario).`;
// Plans saved before the dash wrote the reason in brackets; they are still read.
const NO_FORECAST = new RegExp(`^${OPEN_ONLY}no demand forecast(?: — (.*)| \\((.*)\\))\\.$`, 's');
const FAILED = new RegExp(`^${OPEN_ONLY}the demand forecast failed \\((.*)\\)\\.$`, 's');
const INCLUDED = /^Production suggestion includes the (\d+)-day demand forecast \((.*)\)\.$/s;

export function productionNote(n: ProductionNote): string {
  switch (n.kind) {
    case 'no-history':
      return NO_HISTORY;
    case 'synthetic-history':
      return SYNTHETIC_HISTORY;
    case 'no-forecast':
      // A dash, not brackets: the reason often carries brackets of its own.
      return `${OPEN_ONLY}no demand forecast — ${n.why}.`;
    case 'included':
      return `Production suggestion includes the ${n.days}-day demand forecast (${n.source}).`;
    case 'failed':
      return `${OPEN_ONLY}the demand forecast failed (${n.error}).`;
  }
}

/** The note `productionNote` wrote, read back; null for any other note. */
export function readProductionNote(note: string): ProductionNote | null {
  if (note === NO_HISTORY) return { kind: 'no-history' };
  if (note === SYNTHETIC_HISTORY) return { kind: 'synthetic-history' };
  let m = NO_FORECAST.exec(note);
  if (m) return { kind: 'no-forecast', why: (m[1] ?? m[2])! };
  m = FAILED.exec(note);
  if (m) return { kind: 'failed', error: m[1]! };
  m = INCLUDED.exec(note);
  return m ? { kind: 'included', days: Number(m[1]), source: m[2]! } : null;
}

/** One clause of a production suggestion's `because` (clauses are joined with "; "). */
export type ProductionClause =
  | { kind: 'short'; product: string; tonnes: number }
  | { kind: 'lack'; product: string; tonnes: number }
  | { kind: 'need'; product: string }
  | { kind: 'forecast'; days: number; tonnes: number; source: string };

export function productionClause(c: ProductionClause): string {
  switch (c.kind) {
    case 'short':
      return `open orders for ${c.product} exceed usable stock by ${tonnes(c.tonnes)}`;
    case 'lack':
      return `${tonnes(c.tonnes)} of ${c.product} unserved for lack of stock`;
    case 'need':
      return `open orders for ${c.product} need more than the usable stock`;
    case 'forecast':
      return `forecast demand over the next ${c.days} days exceeds the stock left after open orders by ${tonnes(c.tonnes)} (${c.source})`;
  }
}

const T = '([\\d,]+) t';
const CLAUSES: Array<[RegExp, (m: RegExpExecArray) => ProductionClause]> = [
  [new RegExp(`^open orders for (\\S+) exceed usable stock by ${T}$`), (m) => tonnesClause('short', m[1]!, m[2]!)],
  [new RegExp(`^${T} of (\\S+) unserved for lack of stock$`), (m) => tonnesClause('lack', m[2]!, m[1]!)],
  [/^open orders for (\S+) need more than the usable stock$/, (m) => ({ kind: 'need', product: m[1]! })],
  [
    new RegExp(
      `^forecast demand over the next (\\d+) days exceeds the stock left after open orders by ${T} \\((.*)\\)$`,
      's',
    ),
    (m) => ({ kind: 'forecast', days: Number(m[1]), tonnes: Number(m[2]!.replaceAll(',', '')), source: m[3]! }),
  ],
];
const tonnesClause = (kind: 'short' | 'lack', product: string, t: string): ProductionClause => ({
  kind,
  product,
  tonnes: Number(t.replaceAll(',', '')),
});

/** A clause `productionClause` wrote, read back; null for any other text (plans of older versions). */
export function readProductionClause(text: string): ProductionClause | null {
  for (const [re, read] of CLAUSES) {
    const m = re.exec(text);
    if (m) return read(m);
  }
  return null;
}
