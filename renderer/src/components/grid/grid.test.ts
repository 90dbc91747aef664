import { describe, expect, it } from 'vitest';
import { parseClipboard, pasteTargets, toClipboard } from './clipboard';
import { cellKeyAction, clampPos } from './gridKeys';

const ext = { rows: 10, cols: 4, page: 5 };

describe('grid keys', () => {
  it('moves with arrows and stops at the edges', () => {
    expect(cellKeyAction({ key: 'ArrowDown' }, { row: 0, col: 0 }, ext, true)).toEqual({
      kind: 'move',
      to: { row: 1, col: 0 },
    });
    expect(cellKeyAction({ key: 'ArrowUp' }, { row: 0, col: 2 }, ext, true)).toEqual({
      kind: 'move',
      to: { row: 0, col: 2 },
    });
    expect(cellKeyAction({ key: 'ArrowRight' }, { row: 3, col: 3 }, ext, true)).toEqual({
      kind: 'move',
      to: { row: 3, col: 3 },
    });
    expect(cellKeyAction({ key: 'ArrowLeft' }, { row: 3, col: 3 }, ext, true)).toEqual({
      kind: 'move',
      to: { row: 3, col: 2 },
    });
  });
  it('jumps with Home/End, Ctrl and pages', () => {
    expect(cellKeyAction({ key: 'End' }, { row: 3, col: 0 }, ext, true)).toEqual({
      kind: 'move',
      to: { row: 3, col: 3 },
    });
    expect(cellKeyAction({ key: 'Home', ctrlKey: true }, { row: 3, col: 2 }, ext, true)).toEqual({
      kind: 'move',
      to: { row: 0, col: 0 },
    });
    expect(cellKeyAction({ key: 'ArrowDown', metaKey: true }, { row: 3, col: 2 }, ext, true)).toEqual({
      kind: 'move',
      to: { row: 9, col: 2 },
    });
    expect(cellKeyAction({ key: 'PageDown' }, { row: 7, col: 1 }, ext, true)).toEqual({
      kind: 'move',
      to: { row: 9, col: 1 },
    });
  });
  it('edits with Enter, F2 or a typed character; read-only grids do not', () => {
    expect(cellKeyAction({ key: 'Enter' }, { row: 0, col: 0 }, ext, true)).toEqual({ kind: 'edit' });
    expect(cellKeyAction({ key: 'F2' }, { row: 0, col: 0 }, ext, true)).toEqual({ kind: 'edit' });
    expect(cellKeyAction({ key: '7' }, { row: 0, col: 0 }, ext, true)).toEqual({ kind: 'edit', initial: '7' });
    expect(cellKeyAction({ key: 'v', ctrlKey: true }, { row: 0, col: 0 }, ext, true)).toEqual({ kind: 'none' });
    expect(cellKeyAction({ key: 'Enter' }, { row: 0, col: 0 }, ext, false)).toEqual({ kind: 'none' });
    expect(cellKeyAction({ key: 'Delete' }, { row: 0, col: 0 }, ext, true)).toEqual({ kind: 'clear' });
  });
  it('leaves Tab to the browser so the grid is a single tab stop', () => {
    expect(cellKeyAction({ key: 'Tab' }, { row: 0, col: 0 }, ext, true)).toEqual({ kind: 'none' });
    expect(cellKeyAction({ key: 'Tab', shiftKey: true }, { row: 0, col: 0 }, ext, true)).toEqual({ kind: 'none' });
  });
  it('keeps the active cell inside a shrunken grid', () => {
    expect(clampPos({ row: 50, col: 9 }, { rows: 3, cols: 2 })).toEqual({ row: 2, col: 1 });
    expect(clampPos({ row: 5, col: 1 }, { rows: 0, cols: 2 })).toEqual({ row: 0, col: 1 });
  });
});

describe('clipboard', () => {
  it('reads an Excel range, dropping the final line break', () => {
    expect(parseClipboard('a\tb\r\n1\t2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseClipboard('x')).toEqual([['x']]);
    expect(parseClipboard('a\t\tc\n')).toEqual([['a', '', 'c']]);
  });
  it('reads quoted cells with tabs, line breaks and quotes', () => {
    expect(parseClipboard('"line1\nline2"\t"say ""hi"""\n')).toEqual([['line1\nline2', 'say "hi"']]);
    expect(
      parseClipboard(
        toClipboard([
          ['a\tb', 'q"'],
          ['', 'z'],
        ]),
      ),
    ).toEqual([
      ['a\tb', 'q"'],
      ['', 'z'],
    ]);
  });
  it('places a range from the active cell and counts what falls outside', () => {
    const { targets, outside } = pasteTargets(
      { row: 8, col: 2 },
      [
        ['1', '2', '3'],
        ['4', '5', '6'],
        ['7', '8', '9'],
      ],
      10,
      4,
    );
    expect(targets).toEqual([
      { row: 8, col: 2, text: '1' },
      { row: 8, col: 3, text: '2' },
      { row: 9, col: 2, text: '4' },
      { row: 9, col: 3, text: '5' },
    ]);
    expect(outside).toBe(5);
  });
  it('skips read-only columns', () => {
    const { targets, outside } = pasteTargets({ row: 0, col: 0 }, [['k', 'v']], 3, 2, (c) => c !== 0);
    expect(targets).toEqual([{ row: 0, col: 1, text: 'v' }]);
    expect(outside).toBe(1);
  });
});
