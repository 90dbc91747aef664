import { spawn } from 'node:child_process';
import path from 'node:path';
import { appRoot } from '../../core/host/paths';

/**
 * The built launcher (`rakeplan …argv`) in a process of its own, sent a real SIGINT (Ctrl-C) once
 * its stderr shows `started`: the moment the work is under way, never a guessed delay.
 */
export async function interruptCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
  started: RegExp,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, [path.join(appRoot(), 'bin', 'rakeplan.js'), ...argv], { env });
  let stderr = '';
  let sent = false;
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (!sent && started.test(stderr)) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('close', (c, s) => resolve([c, s])),
  );
  return { code, signal, stderr };
}
