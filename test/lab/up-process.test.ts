// `smartlic lab up` as a real process: foreground until Ctrl-C (SIGINT), which stops it cleanly
// (control file removed, exit 0); `--detach` returns at once and `lab down` stops the background lab.
// Every run starts in a temporary folder outside the repository, with tsx's loader given by path:
// nothing may depend on the current folder being the checkout (the detached lab re-launches
// smartlic from its own files).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processAlive } from '../../src/lab/client.ts';
import { CLI_SOURCE, runCliProcess, TSX_LOADER } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-up-'));
const started: number[] = [];
afterAll(() => {
  // Only processes this file started, by pid, if a test failed half-way.
  for (const pid of started) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const LAB = ['start: 2026-01-12T13:09:43Z', 'devices:', '  - name: asa1', '    password: up-Passw0rd'].join(
  '\n',
);

const run = (args: string[]) => runCliProcess(args, { cwd: dir });

async function waitForFile(file: string): Promise<void> {
  for (let i = 0; i < 300 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(file)) throw new Error(`${file} did not appear`);
}

describe('smartlic lab up (process)', () => {
  it('runs in the foreground and stops cleanly on SIGINT', async () => {
    const stateDir = join(dir, 'fg');
    const labFile = join(dir, 'lab.yaml');
    writeFileSync(labFile, LAB);
    const child = spawn(
      process.execPath,
      ['--import', TSX_LOADER, CLI_SOURCE, 'lab', 'up', labFile, '--state-dir', stateDir],
      {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    if (child.pid) started.push(child.pid);
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    await waitForFile(join(stateDir, 'control.json'));
    expect(JSON.parse(readFileSync(join(stateDir, 'control.json'), 'utf8')).pid).toBe(child.pid);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toMatch(/asa1 +│ 127\.0\.0\.1:\d+/);
    expect(existsSync(join(stateDir, 'control.json'))).toBe(false);
  });

  it('--detach (relative paths, from a folder outside the checkout) returns, the lab answers, and lab down stops it', async () => {
    const stateDir = join(dir, 'bg');
    writeFileSync(join(dir, 'lab.yaml'), LAB);
    const up = await run(['lab', 'up', 'lab.yaml', '--detach', '--state-dir', 'bg']);
    expect(up.code).toBe(0);
    const pid = JSON.parse(readFileSync(join(stateDir, 'control.json'), 'utf8')).pid as number;
    started.push(pid);
    const status = await run(['lab', 'status', '--json', '--state-dir', stateDir]);
    expect(JSON.parse(status.out).devices[0].name).toBe('asa1');
    const again = await run(['lab', 'up', 'lab.yaml', '--state-dir', 'bg']);
    expect(again.code).toBe(64);
    expect(again.err).toMatch(/already running/);
    const down = await run(['lab', 'down', '--state-dir', stateDir]);
    expect(down.code).toBe(0);
    expect(processAlive(pid)).toBe(false);
  });

  it('a bad lab file: one line with file:line and a non-zero exit', async () => {
    const labFile = join(dir, 'bad.yaml');
    writeFileSync(labFile, 'devices:\n  - name: asa1\nnetwork:\n  - block: x\n    mode: sometimes\n');
    const r = await run(['lab', 'up', labFile, '--state-dir', join(dir, 'bad')]);
    expect(r.code).toBe(4);
    expect(r.err.trim()).toMatch(
      new RegExp(`^smartlic: ${labFile.replace(/[.]/g, '\\.')}:5:\\d+: network\\.0\\.mode: `),
    );
  });
});
