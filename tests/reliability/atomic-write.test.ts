import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

/**
 * Files the CLI writes (plan, demo data, predictions, batch scores) go through
 * core/storage/atomic-write.ts. A writer SIGKILLed at random points of a large write must leave
 * the previous file whole or the new one whole: never 0 bytes, never a truncated document.
 */
const MIB = 4;
const TRIALS = 4;

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir('rakeplan-atomic-');
});
afterAll(() => tmp.cleanup());

/** Start the writer, let it finish `writes` files, then kill it `delayMs` into the next one. */
function killMidWrite(file: string, writes: number, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    // One process (node with tsx as a loader): the tsx launcher would run the writer in a child
    // of its own, which a SIGKILL of the launcher leaves running.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.resolve('tests/reliability/atomic-writer.ts'), file, String(MIB)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let seen = 0;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.stdout.on('data', (d: Buffer) => {
      seen += d
        .toString()
        .split('\n')
        .filter((l) => l.startsWith('wrote')).length;
      if (seen === writes) setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`writer ended without being killed: ${stderr}`)),
    );
  });
}

describe('atomic file replacement', () => {
  it('a writer killed mid-write always leaves a whole file, old or new', async () => {
    const file = path.join(tmp.dir, 'plan.json');
    fs.writeFileSync(file, JSON.stringify({ gen: 0, pad: 'x'.repeat(MIB * 1024 * 1024) }));
    const gens: number[] = [];
    for (let t = 0; t < TRIALS; t++) {
      await killMidWrite(file, 1, (t * 7) % 40);
      const text = fs.readFileSync(file, 'utf8');
      expect(text.length, `trial ${t}: the file is ${text.length} bytes`).toBeGreaterThan(MIB * 1024 * 1024);
      const doc = JSON.parse(text) as { gen: number; pad: string };
      expect(doc.pad.length).toBe(MIB * 1024 * 1024);
      gens.push(doc.gen);
    }
    // The kills landed while writes were under way: the file moved on from generation 0.
    expect(Math.max(...gens)).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
