import { writeFileAtomic } from '../../core/storage/atomic-write';

/**
 * Child process for atomic-write.test.ts: replaces FILE with ever newer generations of a large
 * JSON document, as `rakeplan plan --out` does, until the test kills it.
 */
const [file, mib] = process.argv.slice(2) as [string, string];
const pad = 'x'.repeat(Number(mib) * 1024 * 1024);
for (let gen = 1; ; gen++) {
  writeFileAtomic(file, JSON.stringify({ gen, pad }));
  process.stdout.write(`wrote ${gen}\n`);
}
