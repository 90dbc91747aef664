import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '../../core/contract/errors';
import { createHost, type Host } from '../../core/host/create-host';
import { tempDir } from '../helpers/tmp';

/**
 * Files a window asks the host to READ: only under the data folder (symlinks resolved), only
 * regular files, only up to a size cap, with plain errors that never quote the file. A window is
 * a 'browser' host here; the same calls from the CLI ('cli'/'test') keep any path.
 */
const SECRET = 'secret_header_col';

let data: ReturnType<typeof tempDir>;
let outside: ReturnType<typeof tempDir>;
let host: Host;
let secretCsv: string;
let outsideModel: string;

beforeAll(() => {
  data = tempDir('rakeplan-paths-data-');
  outside = tempDir('rakeplan-paths-outside-');
  secretCsv = path.join(outside.dir, 'secret.csv');
  fs.writeFileSync(secretCsv, `${SECRET},b\n1,2\n`);
  outsideModel = path.join(outside.dir, 'model');
  fs.mkdirSync(outsideModel);
  fs.writeFileSync(path.join(outsideModel, 'manifest.json'), '{}');
  fs.mkdirSync(path.join(data.dir, 'mdl'));
  host = createHost({ dataDir: data.dir, mode: 'browser' });
});
afterAll(() => {
  host.close();
  data.cleanup();
  outside.cleanup();
});

async function refusal(p: Promise<unknown>): Promise<ContractError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ContractError);
  return err as ContractError;
}

const IMPORT = { name: 'imp', task: 'regression' as const, inputs: [{ name: 'x', type: 'numeric' as const }] };

/** Every call that takes a path to read, with that path. */
function calls(p: string): [string, () => Promise<unknown>][] {
  return [
    ['registry.batch csvPath', () => host.app.invoke('registry.batch', { name: 'm', csvPath: p })],
    [
      'training.start csv',
      () => host.app.invoke('training.start', { csv: p, name: 'm', target: 'b', task: 'regression' }),
    ],
    ['registry.import path', () => host.app.invoke('registry.import', { ...IMPORT, path: p })],
    [
      'registry.register dataCsv',
      () => host.app.invoke('registry.register', { dir: path.join(data.dir, 'mdl'), dataCsv: p }),
    ],
  ];
}

describe('paths a window sends are confined to the data folder', () => {
  it('refuses a file outside, by name, without reading it', async () => {
    for (const [label, call] of calls(secretCsv)) {
      const err = await refusal(call());
      expect(err.code, label).toBe('BAD_PAYLOAD');
      expect(err.message, label).toMatch(/outside the data folder/);
      expect(err.message, label).not.toContain(SECRET);
      // The refusal names the data folder, not where it is on the planner's disk.
      expect(JSON.stringify(err.toData()), label).not.toContain(fs.realpathSync(data.dir));
    }
    // The CLI ('test' mode here) keeps its user's path: the file is read, the model is what is missing.
    const cli = createHost({ dataDir: data.dir, mode: 'test' });
    try {
      const err = await refusal(cli.app.invoke('registry.batch', { name: 'no-such-model', csvPath: secretCsv }));
      expect(err.message).toMatch(/no-such-model/);
    } finally {
      cli.close();
    }
  });

  it('refuses a path with a NUL or of unbounded length at the boundary, naming the field and no file', async () => {
    const nul = await refusal(
      host.app.invoke('registry.batch', { name: 'm', historyTable: 'trips', outCsv: 'a\0b.csv' }),
    );
    expect([nul.code, nul.issues?.[0]?.path, nul.issues?.[0]?.message]).toEqual([
      'BAD_PAYLOAD',
      'outCsv',
      'may not hold a NUL character',
    ]);
    expect(nul.message).not.toContain(data.dir);
    const long = await refusal(host.app.invoke('registry.batch', { name: 'm', csvPath: 'x'.repeat(5000) }));
    expect([long.code, long.issues?.[0]?.path]).toEqual(['BAD_PAYLOAD', 'csvPath']);
    const column = await refusal(
      host.app.invoke('training.start', { csv: 'a.csv', name: 'm', target: 't'.repeat(300), task: 'regression' }),
    );
    expect([column.code, column.issues?.[0]?.path]).toEqual(['BAD_PAYLOAD', 'target']);
  });

  it('refuses a model folder outside: registry.register dir and predict.rows model', async () => {
    const reg = await refusal(host.app.invoke('registry.register', { dir: outsideModel }));
    expect([reg.code, reg.issues?.[0]?.path]).toEqual(['BAD_PAYLOAD', 'dir']);
    const pred = await refusal(host.app.invoke('predict.rows', { model: outsideModel, rows: [{ x: 1 }] }));
    expect(pred.code).toBe('BAD_PAYLOAD');
    expect(pred.message).toMatch(/outside the data folder/);
  });

  it('refuses a symlink inside the data folder that points outside', async () => {
    const link = path.join(data.dir, 'link.csv');
    fs.symlinkSync(secretCsv, link);
    for (const [label, call] of calls(link)) {
      const err = await refusal(call());
      expect(err.code, label).toBe('BAD_PAYLOAD');
      expect(err.message, label).not.toContain(SECRET);
    }
  });

  it('refuses a FIFO at once instead of blocking the host on it', async () => {
    const fifo = path.join(data.dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    // Nothing ever writes to the pipe: a host that waited on it would never answer, and the test
    // would time out. How fast the refusal comes is the machine's load, not the host's behaviour.
    for (const [label, call] of calls(fifo)) {
      const err = await refusal(call());
      expect([err.code, err.message], label).toEqual([
        'BAD_PAYLOAD',
        expect.stringMatching(/is a pipe \(FIFO\); only a regular file can be read/),
      ]);
    }
  });

  it('answers a missing file with NOT_FOUND and a folder with BAD_PAYLOAD, in plain words naming the field', async () => {
    const missing = await refusal(
      host.app.invoke('registry.import', { ...IMPORT, path: path.join(data.dir, 'none.onnx') }),
    );
    expect([missing.code, missing.message]).toEqual([
      'NOT_FOUND',
      `path: no file at ${path.join(data.dir, 'none.onnx')}.`,
    ]);
    fs.mkdirSync(path.join(data.dir, 'folder.csv'));
    const folder = await refusal(host.app.invoke('registry.batch', { name: 'm', csvPath: 'folder.csv' }));
    expect([folder.code, folder.message]).toEqual(['BAD_PAYLOAD', 'csvPath: folder.csv is a folder, not a file.']);
  });

  it('gives the CLI the same plain words for a folder or a missing file, instead of raw EISDIR', async () => {
    const cli = createHost({ dataDir: data.dir, mode: 'test' });
    try {
      const folder = await refusal(cli.app.invoke('registry.import', { ...IMPORT, path: outside.dir }));
      expect([folder.code, folder.message]).toEqual(['BAD_PAYLOAD', `path: ${outside.dir} is a folder, not a file.`]);
      const missing = await refusal(
        cli.app.invoke('registry.batch', { name: 'm', csvPath: path.join(outside.dir, 'none.csv') }),
      );
      expect([missing.code, missing.message]).toEqual([
        'NOT_FOUND',
        `csvPath: no file at ${path.join(outside.dir, 'none.csv')}.`,
      ]);
    } finally {
      cli.close();
    }
  });

  it('answers a folder given as outCsv with BAD_PAYLOAD naming the field, not a raw EISDIR', async () => {
    fs.writeFileSync(path.join(data.dir, 'rows.csv'), 'x\n1\n');
    fs.mkdirSync(path.join(data.dir, 'exports', 'out.csv'), { recursive: true });
    const err = await refusal(host.app.invoke('registry.batch', { name: 'm', csvPath: 'rows.csv', outCsv: 'out.csv' }));
    expect([err.code, err.message]).toEqual(['BAD_PAYLOAD', 'outCsv: out.csv is a folder, not a file.']);
  });

  it('refuses a file over the cap before reading it', async () => {
    const big = path.join(data.dir, 'big.csv');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 65 * 1024 * 1024); // sparse: costs no disk
    const err = await refusal(host.app.invoke('registry.batch', { name: 'm', csvPath: big }));
    expect([err.code, err.message]).toEqual([
      'LIMIT_EXCEEDED',
      `csvPath: ${big} is larger than the 64 MiB a CSV file may be.`,
    ]);
  });

  it('never quotes the CSV in a training error sent to a window', async () => {
    const csv = path.join(data.dir, 'train.csv');
    fs.writeFileSync(csv, `${SECRET},y\n${Array.from({ length: 50 }, (_, i) => `${i},${i * 2}`).join('\n')}\n`);
    const err = await refusal(
      host.app.invoke('training.start', { csv: 'train.csv', name: 'm', target: 'nope', task: 'regression' }),
    );
    expect(err.code).toBe('INVALID_DATA');
    expect(err.message).toMatch(/^Training m failed: the CSV could not be trained on/);
    expect(err.message).not.toContain(SECRET);
  });
});
