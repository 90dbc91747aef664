import fs from 'node:fs';
import path from 'node:path';
import { readCsvHeader } from '../../csv/read';
import { writeCsvFile, type CsvCell } from '../../csv/write';
import { readCsvTable } from '../../ml/csv';
import { resolveModelDir } from '../../ml/model-dir';
import { loadModel } from '../../ml/onnx-session';
import { cellAt, type ColumnType } from '../../ml/table';
import { bool, onlyFor, str } from '../args';
import { runBatchPredict } from '../batch-predict';
import { checkOutFile } from '../out-file';
import type { CliCommand } from '../command';

export const predictCommand: CliCommand = {
  name: 'predict',
  summary:
    'Score a CSV with a trained model: writes the input columns plus prediction (or label and p_<class>) columns',
  usage:
    'rakeplan predict --model DIR|NAME[@VERSION] --csv IN --out OUT\n  rakeplan predict --batch --model NAME [--consumer C] (--csv IN | --table trips) [--out OUT]  (through the registry)',
  async run(args, env) {
    if (bool(args, 'batch')) {
      onlyFor(args, 'predict --batch', ['batch', 'model', 'consumer', 'csv', 'table', 'out', 'chunk']);
      return runBatchPredict(args, env);
    }
    onlyFor(args, 'predict', ['model', 'csv', 'out']);
    const dir = resolveModelDir(str(args, 'model', true)!, env.dataDir);
    const input = str(args, 'csv', true)!;
    const outFile = str(args, 'out', true)!;
    checkOutFile(outFile, { '--csv': input });
    const model = await loadModel(dir);
    try {
      // Read the model's inputs with the types it was trained on; other columns keep inferred types.
      const header = fs.existsSync(input) ? await readCsvHeader(input) : [];
      const types: Record<string, ColumnType> = {};
      for (const i of model.manifest.inputs) if (header.includes(i.name)) types[i.name] = i.type;
      const table = await readCsvTable(input, types);
      const pred = await model.predictTable(table);
      const classes = model.manifest.classes;
      const extra = classes ? ['prediction', ...classes.map((c) => `p_${c}`)] : Object.keys(pred.columns);
      const rows = function* (): Generator<CsvCell[]> {
        yield [...table.columns.map((c) => c.name), ...extra];
        for (let i = 0; i < table.nRows; i++) {
          const vals = extra.map((c) =>
            c === 'prediction' && classes ? pred.label![i]! : Number(pred.columns[c]![i]!.toPrecision(7)),
          );
          yield [...table.columns.map((c) => cellAt(c, i)), ...vals];
        }
      };
      await writeCsvFile(path.resolve(outFile), rows());
      env.out(`${table.nRows} rows scored with ${model.manifest.name} (${path.basename(dir)}) → ${outFile}`);
      env.out(`engine: ${pred.engine}${pred.engineNote ? ` (${pred.engineNote})` : ''}`);
      return 0;
    } finally {
      await model.close();
    }
  },
};
