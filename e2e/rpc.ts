import { WebSocket } from 'ws';
import type { RunningServer } from './server';

/** A connection of its own, as a second window's. */
async function connect(server: RunningServer): Promise<WebSocket> {
  const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/ws?token=${server.token}`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

/**
 * Call the host from the test process over the same WebSocket the app uses (set-up steps that
 * belong to other pages, e.g. training a model, without driving their UI).
 */
export async function rpc<T = unknown>(server: RunningServer, name: string, payload: unknown): Promise<T> {
  const ws = await connect(server);
  try {
    return await new Promise<T>((resolve, reject) => {
      ws.on('message', (d) => {
        const m = JSON.parse(String(d)) as {
          type: string;
          id: number;
          result?: T;
          error?: { code: string; message: string };
        };
        if (m.id !== 1) return;
        if (m.type === 'reply') resolve(m.result as T);
        else if (m.type === 'error') reject(new Error(`${name}: ${m.error!.code} ${m.error!.message}`));
      });
      ws.send(JSON.stringify({ type: 'call', id: 1, name, payload }));
    });
  } finally {
    ws.close();
  }
}

/**
 * Start a long call from another connection and close it once the first progress arrives: a
 * window that started work and then went (a reload, a closed tab).
 */
export async function startAndLeave(server: RunningServer, name: string, payload: unknown): Promise<void> {
  const ws = await connect(server);
  try {
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (d) => {
        const m = JSON.parse(String(d)) as { type: string; id: number; error?: { code: string; message: string } };
        if (m.id !== 1) return;
        if (m.type === 'progress') resolve();
        else if (m.type === 'error') reject(new Error(`${name}: ${m.error!.code} ${m.error!.message}`));
        else if (m.type === 'reply') reject(new Error(`${name} finished before any progress`));
      });
      ws.send(JSON.stringify({ type: 'call', id: 1, name, payload }));
    });
  } finally {
    ws.close();
  }
}
