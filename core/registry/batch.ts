import fs from 'node:fs';
import path from 'node:path';
import type { BatchAnsweredBy, BatchReport, PredictAnswer } from '../contract/api/registry';
import { ContractError } from '../contract/errors';
import type { JobStore } from '../jobs/jobs';
import { readCsvFile } from '../csv/read';
import { writeCsvFile, type CsvCell } from '../csv/write';
import type { Cell } from '../ml/table';
import type { Database } from '../storage/db';
import type { ModelServer } from './serving';
import { historyChangedAt } from '../scenarios/history-store';

export interface BatchInput {
  name: string;
  consumer?: string;
  rows: Record<string, Cell>[];
  sourceLabel: string;
  outCsv: string | null;
  chunkRows: number;
}

/**
 * CSV file → raw rows (typing happens per row, so one bad cell skips one row, not the file).
 * Streamed, so a large batch never holds the host's thread for the whole read; broken quoting is
 * an error naming its line.
 */
export async function readCsvRows(file: string): Promise<Record<string, Cell>[]> {
  if (!fs.existsSync(file)) throw new ContractError('NOT_FOUND', `CSV file not found: ${file}`);
  let header: string[] | null = null;
  const rows: Record<string, Cell>[] = [];
  try {
    for await (const { cells } of readCsvFile(file)) {
      if (!cells.some((c) => c !== '')) continue;
      if (!header) header = cells.map((h) => h.trim());
      else rows.push(Object.fromEntries(header.map((h, j) => [h, cells[j] ?? null])));
    }
  } catch (err) {
    throw new ContractError('INVALID_DATA', `${file} ${(err as Error).message}`);
  }
  if (!header) throw new ContractError('INVALID_DATA', `${file} is empty: expected a header row.`);
  return rows;
}

/** Rows read between two turns of the event loop: a few ms each, so other calls are answered meanwhile. */
const HISTORY_PAGE_ROWS = 5_000;

/**
 * A history table's rows (`history_<name>`), read a page at a time with a turn of the event loop
 * between pages: a whole table at once held the host's thread for 2 s per call. Pages follow the
 * row id, so no statement stays open across a turn (the connection serves other calls meanwhile);
 * history replaced between two pages would mix two versions, so that read is refused.
 */
export async function readHistoryRows(db: Database.Database, table: string): Promise<Record<string, Cell>[]> {
  const page = db.prepare(`SELECT * FROM "history_${table}" WHERE rid > ? ORDER BY rid LIMIT ${HISTORY_PAGE_ROWS}`);
  const changedAt = historyChangedAt(db);
  const rows: Record<string, Cell>[] = [];
  for (let after = 0; ;) {
    const got = page.all(after) as ({ rid: number } & Record<string, Cell>)[];
    for (const { rid: _rid, ...r } of got) rows.push(r);
    if (got.length < HISTORY_PAGE_ROWS) return rows;
    after = got[got.length - 1]!.rid;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (historyChangedAt(db) !== changedAt)
      throw new ContractError(
        'CONFLICT',
        `The history was replaced while history_${table} was being read for scoring; nothing was scored. Start the batch again.`,
      );
  }
}

/**
 * Score rows in chunks with the serving path (so fallbacks are named here too). A chunk whose
 * input is rejected is scored row by row, and each bad row is skipped with its reason. Predictions
 * go to `batch_predictions` and, when asked, a CSV beside the inputs. Cancellable between chunks.
 */
export async function runBatch(
  db: Database.Database,
  jobs: JobStore,
  server: ModelServer,
  input: BatchInput,
  ctx: { signal: AbortSignal; progress(p: { done: number; of: number; skipped: number }): void },
): Promise<BatchReport> {
  const started = performance.now();
  const job = jobs.create('batch-scoring', `Score ${input.rows.length} rows with ${input.name}`, {
    source: input.sourceLabel,
  });
  const skipped: { row: number; reason: string }[] = [];
  const out: { row: number; columns: Record<string, number>; label: string | null }[] = [];
  let last: PredictAnswer | null = null;
  const engines: NonNullable<BatchReport['engines']> = {};
  const answeredBy = new Map<string, BatchAnsweredBy>();
  let engineNote: string | undefined;
  const ins = db.prepare(
    'INSERT OR REPLACE INTO batch_predictions (job_id, row_index, model, version, source, output) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const keep = (a: PredictAnswer, rowNumbers: number[]) => {
    last = a;
    if (a.engine) engines[a.engine] = (engines[a.engine] ?? 0) + rowNumbers.length;
    const by = `${a.source}|${a.version}|${a.fallbackReason ?? ''}`;
    const seen = answeredBy.get(by);
    if (seen) seen.rows += rowNumbers.length;
    else
      answeredBy.set(by, {
        source: a.source,
        version: a.version,
        rows: rowNumbers.length,
        ...(a.fallbackReason ? { fallbackReason: a.fallbackReason } : {}),
        ...(a.fallbackReasons ? { fallbackReasons: a.fallbackReasons } : {}),
      });
    engineNote ??= a.engineNote;
    db.transaction(() => {
      rowNumbers.forEach((row, k) => {
        const columns = Object.fromEntries(Object.entries(a.columns).map(([c, v]) => [c, v[k]!]));
        const label = a.label?.[k] ?? null;
        out.push({ row, columns, label });
        ins.run(
          job.id,
          row,
          a.model,
          a.version,
          a.source,
          JSON.stringify(label !== null ? { ...columns, label } : columns),
        );
      });
    })();
  };
  let cancelled = false;
  try {
    for (let s = 0; s < input.rows.length; s += input.chunkRows) {
      if (ctx.signal.aborted) {
        cancelled = true;
        break;
      }
      const chunk = input.rows.slice(s, s + input.chunkRows);
      const numbers = chunk.map((_, k) => s + k + 1);
      try {
        keep(await server.predict(input.name, chunk, input.consumer), numbers);
      } catch (err) {
        if (!(err instanceof ContractError) || err.code !== 'INVALID_DATA') throw err;
        for (let k = 0; k < chunk.length; k++) {
          try {
            keep(await server.predict(input.name, [chunk[k]!], input.consumer), [numbers[k]!]);
          } catch (e) {
            if (!(e instanceof ContractError) || e.code !== 'INVALID_DATA') throw e;
            skipped.push({ row: numbers[k]!, reason: e.message.replace(/request row 1, /, '') });
          }
        }
      }
      const done = Math.min(input.rows.length, s + chunk.length);
      ctx.progress({ done, of: input.rows.length, skipped: skipped.length });
      jobs.update(job.id, { progress: done / Math.max(1, input.rows.length) });
    }
    let outCsv: string | null = null;
    // A cancelled batch leaves the file as it was: part of the rows there would pass for the whole.
    if (input.outCsv && !cancelled) {
      outCsv = path.resolve(input.outCsv);
      await writeCsvFile(outCsv, predictionRows(out));
    }
    const l = last as PredictAnswer | null;
    const report: BatchReport = {
      jobId: job.id,
      model: input.name,
      version: l?.version ?? null,
      source: l?.source ?? 'model',
      answeredBy: [...answeredBy.values()],
      rows: input.rows.length,
      scored: out.length,
      skipped: skipped.slice(0, 1000),
      skippedCount: skipped.length,
      outCsv,
      cancelled,
      ms: performance.now() - started,
      engines,
      ...(engineNote ? { engineNote } : {}),
    };
    jobs.update(job.id, {
      status: cancelled ? 'cancelled' : 'succeeded',
      detail: { ...report, skipped: report.skipped.slice(0, 50) },
    });
    return report;
  } catch (err) {
    jobs.update(job.id, { status: 'failed', error: (err as Error).message });
    throw err;
  }
}

/** The output CSV's lines: row number, each output column, and the label when there is one. */
function* predictionRows(
  out: { row: number; columns: Record<string, number>; label: string | null }[],
): Generator<CsvCell[]> {
  const cols = out.length ? Object.keys(out[0]!.columns) : [];
  const hasLabel = out.some((o) => o.label !== null);
  yield ['row', ...cols, ...(hasLabel ? ['label'] : [])];
  for (const o of out) yield [o.row, ...cols.map((c) => o.columns[c] ?? null), ...(hasLabel ? [o.label] : [])];
}
