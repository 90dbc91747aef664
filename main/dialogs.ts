import { dialog, type BrowserWindow } from 'electron';
import { openFileOptionsSchema, saveFileOptionsSchema, type PickedFile } from '../core/contract/preload-api';
import { writeFileAtomicAsync } from '../core/storage/atomic-write';
import { readPickedFile } from './read-picked-file';

/** Native open: the planner picks a file; main reads it and hands the bytes to the renderer. */
export async function openFile(win: BrowserWindow, raw: unknown): Promise<PickedFile | null> {
  const opts = openFileOptionsSchema.parse(raw);
  const res = await dialog.showOpenDialog(win, { title: opts.title, filters: opts.filters, properties: ['openFile'] });
  const [picked] = res.filePaths;
  if (res.canceled || picked === undefined) return null;
  return readPickedFile(picked);
}

/** Native save, crash-safe (core/storage/atomic-write.ts): a crash leaves the old file or the new, never half. */
export async function saveFile(win: BrowserWindow, raw: unknown): Promise<string | null> {
  const opts = saveFileOptionsSchema.parse(raw);
  const res = await dialog.showSaveDialog(win, {
    title: opts.title,
    defaultPath: opts.suggestedName,
    filters: opts.filters,
  });
  if (res.canceled || !res.filePath) return null;
  await writeFileAtomicAsync(res.filePath, Buffer.from(opts.base64, 'base64'));
  return res.filePath;
}
