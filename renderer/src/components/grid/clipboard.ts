import type { Pos } from './gridKeys';

/**
 * A range copied from Excel or LibreOffice arrives as tab-separated lines; cells holding tabs,
 * line breaks or quotes are quoted with `"` and inner quotes doubled. The trailing line break
 * spreadsheets add is not an extra row.
 */
export function parseClipboard(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  const s = text.replace(/\r\n?/g, '\n');
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      i++;
      continue;
    }
    if (c === '\t') {
      row.push(cell);
      cell = '';
      i++;
      continue;
    }
    if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
      continue;
    }
    cell += c;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A range as Excel expects it on the clipboard. */
export function toClipboard(cells: readonly (readonly string[])[]): string {
  const q = (v: string) => (/[\t\n"]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return cells.map((r) => r.map(q).join('\t')).join('\r\n') + '\r\n';
}

export interface PasteTarget {
  row: number;
  col: number;
  text: string;
}

/**
 * Where each pasted value lands: from the active cell rightwards and downwards over the visible
 * (filtered, sorted) rows. Values beyond the last row or column are counted, not dropped silently.
 * A single value pasted over a multi-row selection is not supported: one value fills one cell.
 */
export function pasteTargets(
  anchor: Pos,
  data: readonly (readonly string[])[],
  rows: number,
  cols: number,
  editableCols?: (col: number) => boolean,
): { targets: PasteTarget[]; outside: number } {
  const targets: PasteTarget[] = [];
  let outside = 0;
  data.forEach((line, dr) =>
    line.forEach((text, dc) => {
      const row = anchor.row + dr;
      const col = anchor.col + dc;
      if (row >= rows || col >= cols || (editableCols && !editableCols(col))) outside++;
      else targets.push({ row, col, text });
    }),
  );
  return { targets, outside };
}
