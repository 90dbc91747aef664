import type { Contract } from '../contract';
import { ContractError, refusal } from '../contract/errors';
import type { HostApp } from '../host/app';
import type { HostServices } from '../host/services';
import { readCsvRows, readHistoryRows, runBatch } from './batch';
import { registerTrainedDir } from './add-version';
import { registryFor } from './context';
import { payloadPath } from '../host/safe-path';
import { fromWindow, readablePayloadPath, readPayloadFile } from '../host/payload-file';

/** Registry and serving calls. Every alias move is broadcast as `registry.changed`. */
export function registerRegistry(app: HostApp<Contract>, s: HostServices): void {
  const reg = () => registryFor(s);
  const changed = (
    name: string,
    kind:
      'promote' | 'override' | 'rollback' | 'candidate' | 'pin' | 'unpin' | 'delete' | 'register' | 'import' | 'reload',
    version: number | null,
  ) => app.emit('registry.changed', { name, kind, version });

  app.handleAll({
    'registry.list': () => reg().list(),
    'registry.versions': ({ name }) => {
      const r = reg();
      const versions = r.store.versions(name);
      if (versions.length === 0) throw refusal('NOT_FOUND', { code: 'model-unknown', params: { model: name } });
      return versions.map((v) => r.info(v));
    },
    'registry.show': ({ name, version, alias }) => {
      const r = reg();
      // An alias that is asked for and not set is NOT_FOUND: answering another version instead
      // would tell the caller that version serves when nothing does.
      const v =
        version ??
        (alias
          ? r.store.alias(name, alias)
          : (r.store.alias(name, 'production') ?? r.store.versionNumbers(name).at(-1)));
      if (v === undefined || v === null)
        throw refusal(
          'NOT_FOUND',
          alias
            ? { code: 'model-no-alias', params: { model: name, alias } }
            : { code: 'model-unknown', params: { model: name } },
        );
      const rec = r.store.require(name, v);
      return { ...r.info(rec), events: r.store.events(name), gateReports: r.store.gateReports(name, v) };
    },
    'registry.register': async ({ dir, dataCsv, note, parentVersion, asCandidate }) => {
      // A window may only name files under the data folder (core/host/payload-file.ts).
      const realDir = await readablePayloadPath(s, dir, 'dir', 'model-dir');
      const realCsv = dataCsv ? await readablePayloadPath(s, dataCsv, 'dataCsv', 'training-csv') : undefined;
      const rec = await registerTrainedDir(s, realDir, {
        dataCsv: realCsv,
        note,
        parentVersion,
        asCandidate,
        hideFileContent: fromWindow(s),
      });
      changed(rec.name, 'register', rec.version);
      return reg().info(rec);
    },
    'registry.import': async (p) => {
      let bytes: Uint8Array;
      let sourceRef = 'uploaded file';
      if (p.path) ({ bytes, path: sourceRef } = await readPayloadFile(s, p.path, 'path', 'onnx'));
      else bytes = Buffer.from(p.onnxBase64!, 'base64');
      const rec = await reg().importOnnx({ ...p, bytes, sourceRef });
      changed(rec.name, 'import', rec.version);
      return reg().info(rec);
    },
    'registry.evaluate': ({ name, version, rows }) => reg().evaluate(name, version, rows),
    'registry.promote': async ({ name, version, override }) => {
      const res = await reg().promote(name, version, override);
      changed(name, res.overridden ? 'override' : 'promote', version);
      return res;
    },
    'registry.setCandidate': ({ name, version }) => {
      const res = reg().setCandidate(name, version);
      changed(name, 'candidate', version);
      return res;
    },
    'registry.rollback': async ({ name }) => {
      const res = await reg().rollback(name);
      changed(name, 'rollback', res.version);
      return res;
    },
    'registry.reload': async ({ name }) => {
      const res = await reg().server.reload(name);
      changed(name, 'reload', res.version);
      return { name, ...res };
    },
    'registry.pin': ({ consumer, name, version }) => {
      const res = reg().pin(consumer, name, version);
      changed(name, version === null ? 'unpin' : 'pin', version);
      return res;
    },
    'registry.delete': ({ name, version }) => {
      const res = reg().delete(name, version);
      changed(name, 'delete', version);
      return res;
    },
    'registry.predict': ({ name, rows, consumer }) => reg().server.predict(name, rows, consumer),
    'registry.batch': async (p, ctx) => {
      // The paths are confined and checked (a regular file under the cap to read; a window may
      // only write inside <dataDir>/exports, core/host/safe-path.ts) before anything else.
      const csv = p.csvPath ? await readablePayloadPath(s, p.csvPath, 'csvPath', 'csv') : null;
      const outCsv = p.outCsv ? payloadPath(s, p.outCsv, 'exports', 'outCsv') : null;
      // A name the registry never held is refused before thousands of rows are read for it.
      if (reg().store.versionNumbers(p.name).length === 0)
        throw refusal('NOT_FOUND', { code: 'model-unknown', params: { model: p.name } });
      return s.slots.run('batch', async () => {
        // The CSV is streamed and a history table read in pages: neither holds the host's
        // thread for the whole read.
        const rows = csv ? await readCsvRows(csv) : await readHistoryRows(s.requireDb(), p.historyTable!);
        if (rows.length === 0)
          throw new ContractError(
            'INVALID_DATA',
            `${p.csvPath ?? `history table ${p.historyTable}`} has no rows to score.`,
          );
        return runBatch(
          s.requireDb(),
          s.requireJobs(),
          reg().server,
          {
            name: p.name,
            consumer: p.consumer,
            rows,
            sourceLabel: p.csvPath ?? `history_${p.historyTable}`,
            outCsv,
            chunkRows: p.chunkRows,
          },
          ctx,
        );
      });
    },
    'registry.getGateThresholds': () => reg().gateThresholds(),
    'registry.setGateThresholds': (t) => reg().setGateThresholds(t),
  });
}
