import { z } from 'zod';
import { defineCall } from '../define';

export interface HealthInfo {
  appVersion: string;
  schemaVersion: number;
  /** `ok`, or why the database cannot be used (the host still answers). */
  db: { status: 'ok' | 'corrupt' | 'unavailable'; message?: string; path: string; journalMode?: string };
  dataDir: string;
  /** `electron` or `browser` or `cli`. */
  mode: string;
  pid: number;
  uptimeS: number;
}

/** Host-wide calls. `system.sleep` exists to exercise progress and cancellation end to end. */
export const systemContract = {
  'health.get': defineCall(z.object({}).strict()).returns<HealthInfo>(),
  'system.sleep': defineCall(
    z.object({ ms: z.number().int().min(0).max(60_000), steps: z.number().int().min(1).max(100).default(4) }).strict(),
  )
    .returns<{ sleptMs: number }>()
    .withProgress<{ step: number; of: number }>(),
};

export interface SystemEvents {
  'host.ready': { appVersion: string };
}
