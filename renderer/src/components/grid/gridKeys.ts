/**
 * Keyboard model of the scenario grid, Excel-like: arrows move the active cell, Home/End go to the
 * row's ends (with Ctrl: the table's), PageUp/PageDown move a screenful, Enter or F2 edits,
 * typing a character starts editing with it, Delete clears, Escape cancels an edit, Tab is left
 * to the browser so it leaves the grid (the grid is one tab stop). Plain TS, no DOM.
 */
export interface Pos {
  row: number;
  col: number;
}
export interface Extent {
  rows: number;
  cols: number;
  page: number;
}
export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
}

export type GridAction =
  { kind: 'move'; to: Pos } | { kind: 'edit'; initial?: string } | { kind: 'clear' } | { kind: 'none' };

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** What a key pressed on the active cell (not while editing) does. */
export function cellKeyAction(e: KeyLike, at: Pos, ext: Extent, editable: boolean): GridAction {
  const ctrl = Boolean(e.ctrlKey || e.metaKey);
  if (ext.rows === 0 || ext.cols === 0) return { kind: 'none' };
  const move = (row: number, col: number): GridAction => ({
    kind: 'move',
    to: { row: clamp(row, 0, ext.rows - 1), col: clamp(col, 0, ext.cols - 1) },
  });
  switch (e.key) {
    case 'ArrowUp':
      return move(ctrl ? 0 : at.row - 1, at.col);
    case 'ArrowDown':
      return move(ctrl ? ext.rows - 1 : at.row + 1, at.col);
    case 'ArrowLeft':
      return move(at.row, ctrl ? 0 : at.col - 1);
    case 'ArrowRight':
      return move(at.row, ctrl ? ext.cols - 1 : at.col + 1);
    case 'Home':
      return move(ctrl ? 0 : at.row, 0);
    case 'End':
      return move(ctrl ? ext.rows - 1 : at.row, ext.cols - 1);
    case 'PageUp':
      return move(at.row - Math.max(1, ext.page), at.col);
    case 'PageDown':
      return move(at.row + Math.max(1, ext.page), at.col);
    case 'Enter':
    case 'F2':
      return editable ? { kind: 'edit' } : { kind: 'none' };
    case 'Delete':
    case 'Backspace':
      return editable ? { kind: 'clear' } : { kind: 'none' };
  }
  // A printable character replaces the cell's text, as in a spreadsheet.
  if (editable && !ctrl && !e.altKey && e.key.length === 1) return { kind: 'edit', initial: e.key };
  return { kind: 'none' };
}

/** Keep the active cell inside the grid when rows are filtered away or columns change. */
export function clampPos(at: Pos, ext: Pick<Extent, 'rows' | 'cols'>): Pos {
  return { row: clamp(at.row, 0, Math.max(0, ext.rows - 1)), col: clamp(at.col, 0, Math.max(0, ext.cols - 1)) };
}
