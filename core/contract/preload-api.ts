import { z } from 'zod';
import type { ClientMessage, HostMessage } from './protocol';

/**
 * The one object preload exposes as `window.rakeplan`: the contract's message pipe plus native
 * file dialogs. Never a raw ipcRenderer.
 */
export interface PreloadApi {
  platform: 'electron';
  send(msg: ClientMessage): void;
  onMessage(listener: (msg: HostMessage) => void): () => void;
  openFile(options: OpenFileOptions): Promise<PickedFile | null>;
  saveFile(options: SaveFileOptions): Promise<string | null>;
  /** Commands from the application menu, and scenario files the OS asked us to open. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

/**
 * Every key of PreloadApi, at run time: the preload unit test and the Electron smoke spec check
 * the exposed object against it, so the narrow surface cannot grow unnoticed. `satisfies` makes a
 * key missing here, or one PreloadApi lacks, a compile error.
 */
export const PRELOAD_API_KEYS = Object.keys({
  onMenuCommand: true,
  onMessage: true,
  openFile: true,
  platform: true,
  saveFile: true,
  send: true,
} satisfies Record<keyof PreloadApi, true>) as (keyof PreloadApi)[];

const filters = z
  .array(
    z
      .object({ name: z.string().max(100), extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/i)).max(20) })
      .strict(),
  )
  .max(10);

export const openFileOptionsSchema = z
  .object({ title: z.string().max(200).optional(), filters: filters.optional() })
  .strict();
export const saveFileOptionsSchema = z
  .object({
    title: z.string().max(200).optional(),
    /** A bare file name; the folder is the planner's choice in the dialog. */
    suggestedName: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^/\\]+$/, 'must be a file name without folders'),
    base64: z.string().max(200 * 1024 * 1024),
    filters: filters.optional(),
  })
  .strict();

export type OpenFileOptions = z.input<typeof openFileOptionsSchema>;
export type SaveFileOptions = z.input<typeof saveFileOptionsSchema>;
export interface PickedFile {
  name: string;
  base64: string;
}

/** Largest file the open dialog will read [bytes]: bigger imports are refused with a message. */
export const MAX_OPEN_FILE_BYTES = 64 * 1024 * 1024;

/**
 * What main sends on the `rakeplan:menu` channel. A file opened from the OS (file association,
 * Recent menu) arrives read, like a dialog pick: the sandboxed renderer never sees a path.
 */
export const menuCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.enum(['new-scenario', 'import', 'export']) }).strict(),
  z
    .object({
      command: z.literal('open-file'),
      name: z.string().min(1).max(255),
      base64: z.string().max(Math.ceil(MAX_OPEN_FILE_BYTES / 3) * 4),
    })
    .strict(),
]);
export type MenuCommand = z.infer<typeof menuCommandSchema>;
