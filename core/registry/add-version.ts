import fs from 'node:fs';
import path from 'node:path';
import { ContractError } from '../contract/errors';
import type { HostServices } from '../host/services';
import { readCsvTable } from '../ml/csv';
import { readManifest } from '../ml/model-dir';
import type { Table } from '../ml/table';
import { registryFor } from './context';
import type { VersionRecord } from './store';
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
  return registryFor(s).registerDir(dir, {
    note: (opts.note ?? '') + extraNote,
    parentVersion: opts.parentVersion,
    table,
    tableSource,
    asCandidate: opts.asCandidate,
  });
}
