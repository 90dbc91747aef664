import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OpenFileQueue, pushRecent, scenarioFilesFromArgv } from './open-files';

describe('scenario files from the command line', () => {
  it('takes scenario files after the executable, resolved against the launch folder', () => {
    const argv = ['/opt/RakePlan/rakeplan', 'week-49.rakeplan.json', '/data/Week-50.RAKEPLAN.JSON'];
    expect(scenarioFilesFromArgv(argv, '/home/planner', true)).toEqual([
      path.resolve('/home/planner', 'week-49.rakeplan.json'),
      '/data/Week-50.RAKEPLAN.JSON',
    ]);
  });

  it('skips switches, other files, duplicates, and the app folder in development', () => {
    const argv = [
      '/usr/bin/electron',
      '/src/rakeplan.rakeplan.json',
      '--allow-file-access-from-files',
      '--x=a.rakeplan.json',
      'notes.json',
      '/d/a.rakeplan.json',
      '/d/a.rakeplan.json',
    ];
    expect(scenarioFilesFromArgv(argv, '/', false)).toEqual(['/d/a.rakeplan.json']);
  });
});

describe('recent scenarios', () => {
  it('puts the newest first without duplicates and keeps at most max', () => {
    expect(pushRecent(['/a', '/b', '/c'], '/b')).toEqual(['/b', '/a', '/c']);
    expect(pushRecent(['/a', '/b', '/c'], '/d', 3)).toEqual(['/d', '/a', '/b']);
  });
});

describe('open-file queue', () => {
  it('holds files until a window attaches, then delivers in order and directly', () => {
    const q = new OpenFileQueue();
    const got: string[] = [];
    q.open('/one');
    q.open('/two');
    expect(got).toEqual([]);
    q.attach((f) => got.push(f));
    q.open('/three');
    expect(got).toEqual(['/one', '/two', '/three']);
    q.detach();
    q.open('/four');
    expect(got).toHaveLength(3);
  });
});
