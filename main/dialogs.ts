import { dialog, type BrowserWindow } from 'electron';
import fs from 'node:fs/promises';
import { openFileOptionsSchema, saveFileOptionsSchema, type PickedFile } from '../core/contract/preload-api';
import { readPickedFile } from './read-picked-file';

/** Native open: the planner picks a file; main reads it and hands the bytes to the renderer. */
export async function openFile(win: BrowserWindow, raw: unknown): Promise<PickedFile | null> {
  const opts = openFileOptionsSchema.parse(raw);
  const res = await dialog.showOpenDialog(win, { title: opts.title, filters: opts.filters, properties: ['openFile'] });
  const [picked] = res.filePaths;
  if (res.canceled || picked === undefined) return null;
  return readPickedFile(picked);
}

/** Native save: written to a temp file beside the target, then renamed, so a crash leaves no half file. */
export async function saveFile(win: BrowserWindow, raw: unknown): Promise<string | null> {
  const opts = saveFileOptionsSchema.parse(raw);
  const res = await dialog.showSaveDialog(win, {
    title: opts.title,
    defaultPath: opts.suggestedName,
    filters: opts.filters,
  });
  if (res.canceled || !res.filePath) return null;
  const tmp = `${res.filePath}.${process.pid}.tmp`;
  // 'wx': a file (or a link planted) at the temp name is never written through.
  const fh = await fs.open(tmp, 'wx');
  try {
    try {
      await fh.writeFile(Buffer.from(opts.base64, 'base64'));
      // Synced before the rename: without it a power cut can leave the new name on empty blocks.
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, res.filePath);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
  return res.filePath;
}
