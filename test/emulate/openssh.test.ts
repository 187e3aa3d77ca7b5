// The emulated ASA driven by the real OpenSSH client: exec channel with key auth and a known_hosts
// we wrote for the device's host key, an interactive pty session (enable, config modes, ? help,
// caret errors, pager), password login through SSH_ASKPASS, the 5-session limit and the persistent
// host key.

import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASA_MAX_SSH_SESSIONS, SESSION_LIMIT_MESSAGE } from '../../src/emulate/ssh-server.ts';
import { Expect } from './expect.ts';
import {
  clientAvailable,
  ENABLE,
  PASSWORD,
  runClient,
  sshArgs,
  startTestLab,
  type TestLab,
} from './helpers.ts';

const haveSsh = clientAvailable('OpenSSH', 'ssh', ['-V']);

describe.runIf(haveSsh)('OpenSSH against the emulated ASA', () => {
  let lab: TestLab;
  let port: number;
  beforeAll(async () => {
    lab = await startTestLab([
      { version: '9.20(2)', startupConfig: 'license smart\n feature tier standard\n throughput level 1G\n' },
    ]);
    port = lab.devices[0]?.port ?? 0;
  });
  afterAll(async () => lab?.close());

  const exec = (command: string) => runClient('ssh', [...sshArgs(lab, port), command]);

  it('runs `show version` over the exec channel with key auth and a verified host key', async () => {
    const r = await exec('show version');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Cisco Adaptive Security Appliance Software Version 9\.20\(2\)$/m);
    expect(r.stdout).toMatch(/^ASA1 up /m);
  });

  it('answers an invalid exec command with the caret under the bad word and exit status 1', async () => {
    const r = await exec('sh lic bogus');
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      '       ^',
      "ERROR: % Invalid input detected at '^' marker.",
    ]);
  });

  it('refuses a host key that is not the device’s', async () => {
    const other = join(lab.dir, 'other_known_hosts');
    writeFileSync(
      other,
      `[127.0.0.1]:${port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n`,
    );
    const args = sshArgs(lab, port).map((a) =>
      a.startsWith('UserKnownHostsFile=') ? `UserKnownHostsFile=${other}` : a,
    );
    const r = await runClient('ssh', [...args, 'show version']);
    expect(r.status).toBe(255);
    expect(r.stderr).toMatch(/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
  });

  it('walks an interactive pty session: enable, config modes, ? help, caret, pager', async () => {
    const s = new Expect('ssh', ['-tt', ...sshArgs(lab, port)]);
    try {
      await s.expect('ASA1> ');
      s.send('enable\r');
      await s.expect('Password: ');
      s.send(`${ENABLE}\r`);
      expect(await s.expect('ASA1# ')).toContain('*'.repeat(ENABLE.length));
      s.send('show curpriv\r');
      expect(await s.expect('ASA1# ')).toContain('Current privilege level : 15');
      s.send('conf t\r');
      await s.expect('ASA1(config)# ');
      s.send('license smart\r');
      await s.expect('ASA1(config-smart-lic)# ');
      s.send('transport type ?');
      const help = await s.expect('ASA1(config-smart-lic)# transport type ');
      expect(help.split('\r\n').slice(1, 5)).toEqual([
        '',
        'smart-lic-mode mode commands/options:',
        '  callhome  Use Smart Call Home as license message transport',
        '  smart     Use Smart Transport as license message transport',
      ]);
      s.send('callhome\r');
      await s.expect('ASA1(config-smart-lic)# ');
      // A typo corrected with backspace, then an invalid keyword to see the caret.
      s.send('transport typx\x7fe smart\r');
      await s.expect('ASA1(config-smart-lic)# ');
      s.send('feature tear standard\r');
      const err = await s.expect('ASA1(config-smart-lic)# ');
      const caret = err.split('\r\n').find((l) => l.includes('^'));
      expect(caret?.indexOf('^')).toBe('ASA1(config-smart-lic)# feature '.length);
      s.send('end\r');
      await s.expect('ASA1# ');
      s.send('sh run license\r');
      const run = await s.expect('ASA1# ');
      expect(run.split('\r\n').slice(1, -1)).toEqual([
        'license smart',
        ' feature tier standard',
        ' throughput level 1G',
        ' transport type smart',
      ]);
      // The pager is on by default: 24 lines, then the marker; space pages, q stops.
      s.send('show license all\r');
      await s.expect('<--- More --->');
      s.send(' ');
      const rest = await s.expect(/<--- More --->|ASA1# /);
      if (rest.endsWith('<--- More --->')) {
        s.send('q');
        await s.expect('ASA1# ');
      }
      s.send('terminal pager 0\r');
      await s.expect('ASA1# ');
      s.send('show license all\r');
      const all = await s.expect('ASA1# ');
      expect(all).not.toContain('<--- More --->');
      expect(all).toContain('Smart Agent for Licensing:');
      s.send('exit\r');
      await s.expect('Logoff');
      expect(await s.wait()).toBe(0);
    } finally {
      s.kill();
    }
  });

  it('logs in with a password (SSH_ASKPASS) and reaches privilege 15 with `login`', async () => {
    const askpass = join(lab.dir, 'askpass.sh');
    writeFileSync(askpass, `#!/bin/sh\necho '${PASSWORD}'\n`);
    chmodSync(askpass, 0o700);
    const s = new Expect('ssh', ['-tt', ...sshArgs(lab, port, { password: true })], {
      ...process.env,
      SSH_ASKPASS: askpass,
      SSH_ASKPASS_REQUIRE: 'force',
      DISPLAY: ':0',
    });
    try {
      await s.expect('ASA1> ');
      s.send('login\r');
      await s.expect('Username: ');
      s.send('admin\r');
      await s.expect('Password: ');
      s.send(`${PASSWORD}\r`);
      await s.expect('ASA1# ');
      s.send('show curpriv\r');
      expect(await s.expect('ASA1# ')).toContain('Username : admin');
      s.send('exit\r');
      expect(await s.wait()).toBe(0);
    } finally {
      s.kill();
    }
  });

  it(`allows ${ASA_MAX_SSH_SESSIONS} concurrent sessions and refuses the next`, async () => {
    const held: InstanceType<typeof ssh2.Client>[] = [];
    const login = async () => {
      const c = new ssh2.Client();
      await new Promise<void>((resolve, reject) => {
        c.on('ready', () => resolve()).on('error', reject);
        c.connect({ host: '127.0.0.1', port, username: 'admin', password: PASSWORD });
      });
      held.push(c);
      return c;
    };
    try {
      // Logged in without opening a channel: no session slot taken.
      for (let i = 0; i < ASA_MAX_SSH_SESSIONS; i++) await login();
      expect((await exec('show clock')).status).toBe(0);
      for (const c of held.splice(0)) c.end();
      // Each with a shell open: every slot taken.
      for (let i = 0; i < ASA_MAX_SSH_SESSIONS; i++) {
        const c = await login();
        await new Promise<void>((resolve, reject) =>
          c.shell((err, ch) => {
            if (err) return reject(err);
            ch.once('data', () => resolve());
          }),
        );
      }
      const r = await exec('show version');
      expect(r.stdout.trim()).toBe(SESSION_LIMIT_MESSAGE);
      expect(r.status).toBe(1);
      held.pop()?.end();
      // Once one session ends, a new one gets in again.
      let ok = await exec('show clock');
      for (let i = 0; i < 20 && ok.status !== 0; i++) {
        await new Promise((r2) => setTimeout(r2, 100));
        ok = await exec('show clock');
      }
      expect(ok.status).toBe(0);
    } finally {
      for (const c of held) c.end();
    }
  });

  it('keeps its host key across a restart with the same state folder', async () => {
    const stateDir = join(lab.dir, 'persist');
    const first = await startTestLab([{}], { stateDir });
    const fp = first.devices[0]?.hostKeyFingerprint;
    await first.close();
    const second = await startTestLab([{}], { stateDir });
    try {
      expect(second.devices[0]?.hostKeyFingerprint).toBe(fp);
      const r = await runClient('ssh-keygen', ['-lf', '-'], { input: second.devices[0]?.hostPublicKey });
      expect(r.stdout).toContain(fp);
    } finally {
      await second.close();
    }
  });
});
