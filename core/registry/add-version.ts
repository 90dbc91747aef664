import fs from 'node:fs';
import path from 'node:path';
import { ContractError } from '../contract/errors';
import type { HostServices } from '../host/services';
import { readCsvTable } from '../ml/csv';
import { fingerprint, type DatasetFingerprint } from '../drift/reference';
import { grouped } from '../domain/figures';
import { fileSha256 } from '../ml/file-hash';
import type { ModelManifest } from '../ml/manifest';
import { readManifest } from '../ml/model-dir';
import type { Table } from '../ml/table';
import { registryFor } from './context';
import type { VersionRecord } from './version-record';
import { specTable } from './training-data';

/**
 * Register a trained model directory as a new version (a candidate by default), with the
 * training data's reference statistics, baseline and holdout for the gates and drift. Spec models
 * rebuild their table from the history; CSV models read `dataCsv`. The same file registered
 * again returns its existing version.
 */
export async function registerTrainedDir(
  s: HostServices,
  dir: string,
  opts: {
    dataCsv?: string;
    note?: string;
    parentVersion?: number;
    asCandidate?: boolean;
    hideFileContent?: boolean;
    /**
     * Called just before the version is recorded, with no pause between the two: it may stop the
     * registration by throwing (a cancelled training), or note that from now on it cannot.
     */
    beforeRecord?: () => void;
  } = {},
): Promise<VersionRecord> {
  if (!fs.existsSync(dir)) throw new ContractError('NOT_FOUND', `Model directory not found: ${dir}`);
  const manifest = readManifest(dir);
  let table: Table | undefined;
  let tableSource: string | undefined;
  let extraNote = '';
  try {
    if (opts.dataCsv) {
      table = await readCsvTable(opts.dataCsv, Object.fromEntries(manifest.inputs.map((i) => [i.name, i.type])));
      tableSource = `CSV ${path.resolve(opts.dataCsv)}`;
    } else if (manifest.spec) ({ table, source: tableSource } = specTable(manifest.spec, s.dbPath));
  } catch (err) {
    // Still register: the version serves; the gates and drift say they lack the reference.
    // A window's caller must not learn a file's content (its header, a cell) from the note.
    extraNote = ` [no training statistics: ${opts.hideFileContent && opts.dataCsv ? 'the data CSV could not be read as a table' : (err as Error).message}]`;
  }
  const data = table ? await sameData(manifest, table, opts.dataCsv) : null;
  if (data?.changed) {
    table = undefined;
    extraNote = ` [no training statistics: ${data.changed}]`;
  }
  opts.beforeRecord?.();
  return registryFor(s).registerDir(dir, {
    note: (opts.note ?? '') + extraNote,
    parentVersion: opts.parentVersion,
    table,
    dataset: data?.dataset,
    tableSource,
    asCandidate: opts.asCandidate,
  });
}

/**
 * Why the rebuilt data is not what the model learned from (the history was imported again, the
 * CSV rewritten), or null when it is the same or training did not record it; with the rebuilt
 * table's fingerprint when it was taken (registration records it rather than hashing again).
 */
async function sameData(
  m: ModelManifest,
  t: Table,
  dataCsv: string | undefined,
): Promise<{ changed: string | null; dataset?: DatasetFingerprint }> {
  const id = m.trainingData?.identity;
  if (!id) return { changed: null };
  const dataset = id.of === 'csv-file' && dataCsv ? undefined : fingerprint(t, m.dateColumn);
  const now = dataset ? dataset.hash : await fileSha256(dataCsv!);
  if (now === id.sha256) return { changed: null, dataset };
  return {
    changed: `the ${dataCsv ? 'data CSV' : 'stored history'} is not the data this model was trained on (${grouped(id.rows)} rows then, ${grouped(t.nRows)} now), so its holdout, baseline and drift reference would come from rows it never saw`,
  };
}
