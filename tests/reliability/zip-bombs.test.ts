import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../core/importexport/xlsx';
import { assertZipWithinLimits } from '../../core/importexport/zip-limits';
import {
  BOMB_PART as SHEET,
  BOMB_VARIANTS,
  craftZip,
  workbookParts,
  zerosPart,
  type BombVariant,
  type CraftPart,
} from './zip-craft';

/**
 * Zip bombs dressed the ways that got past the guard: an end record that hides a part, bytes
 * before the zip, lying sizes, data descriptors, cut-short streams. The guard must refuse what
 * exceljs's reader would actually inflate, not what the headers claim.
 */
/** Small limits keep these fast: 32 MiB bombs against an 8 MiB cap. */
const LIMITS = { maxTotalBytes: 8 << 20, maxEntries: 100 };
const refusal = (code: string, message: RegExp) =>
  expect.objectContaining({ code, message: expect.stringMatching(message) });
const namesPart = refusal('LIMIT_EXCEEDED', new RegExp(`inflate to more than 8 MB \\(part '${SHEET}'\\)`));

describe('zip bombs through the real import path (1 MB file, 1 GiB inflated, real limits)', () => {
  const script = path.join(__dirname, 'zip-bomb-rss.ts');
  const expected: Record<BombVariant, { code: string; message: RegExp }> = {
    honest: { code: 'LIMIT_EXCEEDED', message: new RegExp(`inflate to more than 256 MB \\(part '${SHEET}'\\)`) },
    'lying-size': { code: 'LIMIT_EXCEEDED', message: new RegExp(`inflate to more than 256 MB \\(part '${SHEET}'\\)`) },
    descriptor: { code: 'LIMIT_EXCEEDED', message: new RegExp(`inflate to more than 256 MB \\(part '${SHEET}'\\)`) },
    'count-lie': { code: 'INVALID_DATA', message: /end record lists \d+ parts but the directory holds \d+/ },
    prepended: { code: 'INVALID_DATA', message: /bytes were prepended or inserted/ },
  };

  it.each(BOMB_VARIANTS)(
    '%s: refused before exceljs inflates it, the host growing by less than 64 MiB',
    (variant) => {
      // A process of its own, so the peak resident set is this import's alone.
      const out = execFileSync(process.execPath, ['--import', 'tsx', script, variant], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      const r = JSON.parse(out) as { code?: string; message: string; fileKiB: number; peakGrowthMiB: number };
      expect(r.fileKiB).toBeLessThan(2048);
      expect(r).toMatchObject(expected[variant]);
      expect(r.peakGrowthMiB).toBeLessThan(64);
    },
    90_000,
  );
});

describe('assertZipWithinLimits reads the zip the way exceljs will', () => {
  it('refuses an end record that counts one part fewer than the directory holds', async () => {
    const parts = [...(await workbookParts()), zerosPart(SHEET, 32)];
    await expect(assertZipWithinLimits(craftZip(parts), LIMITS)).rejects.toEqual(namesPart);
    await expect(assertZipWithinLimits(craftZip(parts, { claimedCount: parts.length - 1 }), LIMITS)).rejects.toEqual(
      refusal(
        'INVALID_DATA',
        new RegExp(`end record lists ${parts.length - 1} parts but the directory holds ${parts.length}`),
      ),
    );
  });

  it('refuses bytes before the zip, and reads the same workbook without them', async () => {
    const parts = await workbookParts();
    expect((await readXlsx(craftZip(parts)))[0]!.rows[1]).toEqual(['SO-1', 120]);
    const prepended = craftZip([...parts, zerosPart(SHEET, 32)], { prepend: Buffer.from('PK junk') });
    await expect(assertZipWithinLimits(prepended, LIMITS)).rejects.toEqual(
      refusal('INVALID_DATA', /bytes were prepended or inserted/),
    );
  });

  it('refuses data after the end record, however far from it the record is', async () => {
    const zip = craftZip([...(await workbookParts()), zerosPart(SHEET, 32)]);
    const trailed = Buffer.concat([zip, Buffer.alloc(70_000, 0x20)]);
    await expect(assertZipWithinLimits(trailed, LIMITS)).rejects.toEqual(
      refusal('INVALID_DATA', /data after the end of the zip/),
    );
  });

  it('measures data-descriptor parts by their bodies, and a directory cannot hide a body', async () => {
    const parts = (await workbookParts()).map((p): CraftPart => (p.method === 8 ? { ...p, descriptor: true } : p));
    expect((await readXlsx(craftZip(parts)))[0]!.rows[1]).toEqual(['SO-1', 120]);
    await expect(
      assertZipWithinLimits(craftZip([...parts, zerosPart(SHEET, 32, { descriptor: true })]), LIMITS),
    ).rejects.toEqual(namesPart);
    // The directory says 0 bytes, so JSZip reads nothing, but a streaming reader inflates the body.
    const hidden = craftZip([...parts, zerosPart(SHEET, 32, { descriptor: true, directoryCompressed: 0 })]);
    await expect(assertZipWithinLimits(hidden, LIMITS)).rejects.toEqual(
      refusal('INVALID_DATA', new RegExp(`part '${SHEET}'`)),
    );
  });

  it('refuses a part whose compressed stream is cut short, which a lenient reader inflates up to the cut', async () => {
    const bomb = zerosPart(SHEET, 4);
    const cut = { ...bomb, body: bomb.body.subarray(0, bomb.body.length - 2) };
    await expect(assertZipWithinLimits(craftZip([...(await workbookParts()), cut]), LIMITS)).rejects.toEqual(
      refusal('INVALID_DATA', new RegExp(`part '${SHEET}' is damaged`)),
    );
  });

  it('refuses zip64 sizes in a directory record', async () => {
    const parts = [...(await workbookParts()), zerosPart(SHEET, 4, { claimedSize: 0xffffffff })];
    await expect(assertZipWithinLimits(craftZip(parts), LIMITS)).rejects.toEqual(refusal('LIMIT_EXCEEDED', /zip64/));
  });
});
