// `smartlic emulate LAB.yaml` as a user runs it: a child process that prints each device's SSH
// port and host key fingerprint, answers real OpenSSH, and stops cleanly on Ctrl-C (SIGINT).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Expect } from './expect.ts';
import { clientAvailable, runClient } from './helpers.ts';

const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli.ts');
const TSX = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'tsx');
const haveSsh = clientAvailable('OpenSSH', 'ssh', ['-V']);

describe('smartlic emulate', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'smartlic-emulate-cmd-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rejects a bad lab file with one line naming file:line and exit 4', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'devices:\n  - name: edge\n    platform: ""\n');
    const r = await runClient(TSX, [CLI, 'emulate', 'bad.yaml'], { cwd: dir });
    expect(r.status).toBe(4);
    expect(r.stderr.trim()).toBe(
      'smartlic: bad.yaml:3:15: devices.0.platform: Too small: expected string to have >=1 characters',
    );
  });

  it('names the device whose SSH port is taken, exit 4', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      writeFileSync(join(dir, 'taken.yaml'), `devices:\n  - name: edge\n    port: ${port}\n`);
      const r = await runClient(TSX, [CLI, 'emulate', 'taken.yaml', '--state-dir', join(dir, 'st')], {
        cwd: dir,
      });
      expect(r.status).toBe(4);
      expect(r.stderr.trim()).toBe(
        `smartlic: edge: SSH port ${port} is already in use (pick another port or 0)`,
      );
    } finally {
      blocker.close();
    }
  });

  it.runIf(haveSsh)('runs the devices, answers OpenSSH, stops on SIGINT', async () => {
    const key = join(dir, 'id_ed25519');
    await runClient('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    const pub = (await runClient('cat', [`${key}.pub`])).stdout.trim();
    writeFileSync(
      join(dir, 'lab.yaml'),
      `devices:\n  - name: edge\n    hostname: EDGE\n    version: 9.20(2)\n    authorizedKeys: ["${pub}"]\n    licensing: comm-failing\n`,
    );
    const emu = new Expect(TSX, [CLI, 'emulate', join(dir, 'lab.yaml'), '--state-dir', join(dir, 'state')]);
    emu.child.stdin.end();
    try {
      const banner = await emu.expect(/Ctrl-C stops\.\n/, 30_000);
      const m = /^edge\tssh -p (\d+) admin@127\.0\.0\.1\t(SHA256:\S+)$/m.exec(banner);
      expect(m).not.toBeNull();
      const port = m?.[1] ?? '';
      const known = join(dir, 'known_hosts');
      // Accept the key on first use, then check it is the fingerprint the command printed.
      const r = await runClient('ssh', [
        '-F',
        '/dev/null',
        '-p',
        port,
        '-i',
        key,
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        'BatchMode=yes',
        '-o',
        `UserKnownHostsFile=${known}`,
        '-o',
        'StrictHostKeyChecking=accept-new',
        '-o',
        'LogLevel=ERROR',
        'admin@127.0.0.1',
        'show license all',
      ]);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('  Status: AUTHORIZED on ');
      expect(r.stdout).toContain('    Failure reason: Communication message send error');
      const fp = await runClient('ssh-keygen', ['-lf', known]);
      expect(fp.stdout).toContain(m?.[2]);
      emu.child.kill('SIGINT');
      await emu.expect('stopped');
      expect(await emu.wait()).toBe(0);
    } finally {
      emu.kill();
    }
  });
});
