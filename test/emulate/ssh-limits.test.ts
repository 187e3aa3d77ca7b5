// The emulated ASA's SSH front under hostile clients (issue 10 items 3 and 5), with real clients:
// three wrong passwords end the connection (ssh2 and OpenSSH both see it end); a connection that
// never logs in, or logs in and then idles (with or without a channel), is dropped; a client typing
// megabytes without Enter gets one echo write per chunk, a line cut at MAX_LINE_CHARS, and does not
// keep another device's users out. Short limits stand in for the ASA's defaults (SshLimits).

import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS } from '../../src/emulate/terminal-input.ts';
import { clientAvailable, PASSWORD, runClient, sshArgs, startTestLab, type TestLab } from './helpers.ts';

const haveSsh = clientAvailable('OpenSSH', 'ssh', ['-V']);

// Two labs: one with the ASA's login grace and idle time (a busy machine may take a second to log
// in), one whose grace and idle time are cut short to see them act.
let lab: TestLab;
let port: number;
let otherPort: number;
let short: TestLab;
let shortPort: number;
beforeAll(async () => {
  lab = await startTestLab([{}, {}], { sshLimits: { authFailureDelayMs: 10 } });
  port = lab.devices[0]?.port ?? 0;
  otherPort = lab.devices[1]?.port ?? 0;
  short = await startTestLab([{}], { sshLimits: { loginGraceMs: 1500, idleTimeoutMs: 1500 } });
  shortPort = short.devices[0]?.port ?? 0;
});
afterAll(async () => {
  await lab?.close();
  await short?.close();
});

/** Connect with ssh2, offering `passwords` one after another; resolves with how it ended. */
function tryPasswords(passwords: string[]): Promise<{ offered: number; error?: string; ready: boolean }> {
  return new Promise((resolve) => {
    const c = new ssh2.Client();
    let offered = 0;
    let error: string | undefined;
    let ready = false;
    c.on('ready', () => {
      ready = true;
      c.end();
    });
    c.on('error', (e) => {
      error = e.message;
    });
    c.on('close', () => resolve({ offered, ready, ...(error ? { error } : {}) }));
    c.connect({
      host: '127.0.0.1',
      port,
      username: 'admin',
      authHandler: (_methods, _partial, next) => {
        const password = passwords[offered++];
        if (password === undefined) return next(false as never);
        next({ type: 'password', username: 'admin', password });
      },
    });
  });
}

describe('failed logins', () => {
  it('three wrong passwords end the connection (ssh2 sees no more authentication methods)', async () => {
    const r = await tryPasswords(['wrong1', 'wrong2', 'wrong3', PASSWORD, PASSWORD]);
    expect(r.ready).toBe(false);
    expect(r.offered).toBe(3);
    expect(r.error).toMatch(/NO_MORE_AUTH_METHODS_AVAILABLE/);
  });

  it('two wrong passwords and then the right one still log in', async () => {
    const r = await tryPasswords(['wrong1', 'wrong2', PASSWORD]);
    expect(r.ready).toBe(true);
  });

  it.runIf(haveSsh)('OpenSSH willing to ask ten times is asked three times, then disconnected', async () => {
    const count = join(lab.dir, 'askpass-count');
    writeFileSync(count, '');
    const askpass = join(lab.dir, 'askpass-wrong.sh');
    writeFileSync(askpass, `#!/bin/sh\necho x >> '${count}'\necho not-the-password\n`);
    chmodSync(askpass, 0o700);
    const r = await runClient(
      'ssh',
      [...sshArgs(lab, port, { password: true }), '-o', 'NumberOfPasswordPrompts=10', 'show version'],
      { env: { ...process.env, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: 'x' } },
    );
    expect(r.status).toBe(255);
    expect(readFileSync(count, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(r.stdout).toBe('');
  });
});

/** Resolves with the milliseconds until the server closed `socket`, or Infinity after `maxMs`. */
function closedWithin(socket: import('node:net').Socket, maxMs: number): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const give = setTimeout(() => {
      socket.destroy();
      resolve(Number.POSITIVE_INFINITY);
    }, maxMs);
    socket.on('error', () => undefined);
    socket.resume(); // read what it sends (its version line), so its hang-up is seen
    socket.on('close', () => {
      clearTimeout(give);
      resolve(performance.now() - t0);
    });
  });
}

function loggedIn(p = port): Promise<InstanceType<typeof ssh2.Client>> {
  return new Promise((resolve, reject) => {
    const c = new ssh2.Client();
    c.on('ready', () => resolve(c)).on('error', reject);
    c.connect({ host: '127.0.0.1', port: p, username: 'admin', password: PASSWORD });
  });
}

describe('idle connections are dropped', () => {
  it('one that never even sends its SSH version, after the login grace', async () => {
    const socket = netConnect({ host: '127.0.0.1', port: shortPort });
    expect(await closedWithin(socket, 20_000)).toBeLessThan(20_000);
  });

  it('one that logged in and opened no channel, after the idle timeout', async () => {
    const c = await loggedIn(shortPort);
    const closed = new Promise<void>((resolve) => c.on('close', () => resolve()));
    const dropped = await Promise.race([closed.then(() => true), sleep(20_000).then(() => false)]);
    expect(dropped).toBe(true);
  });

  it('a shell nobody types into, after the idle timeout; typing keeps it alive meanwhile', async () => {
    const c = await loggedIn(shortPort);
    const closed = new Promise<void>((resolve) => c.on('close', () => resolve()));
    const ch = await new Promise<ssh2.ClientChannel>((resolve, reject) =>
      c.shell((err, s) => (err ? reject(err) : resolve(s))),
    );
    // Twice the idle timeout, a key every 300 ms: still there.
    for (let i = 0; i < 10; i++) {
      await sleep(300);
      ch.write(' ');
    }
    expect(await Promise.race([closed.then(() => 'closed'), sleep(1).then(() => 'open')])).toBe('open');
    const dropped = await Promise.race([closed.then(() => true), sleep(20_000).then(() => false)]);
    expect(dropped).toBe(true);
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a client typing 5 MB without Enter', () => {
  it('gets its echo in one write per chunk, the line cut at the limit, and other logins go on', async () => {
    const typist = await loggedIn();
    const ch = await new Promise<ssh2.ClientChannel>((resolve, reject) =>
      typist.shell((err, s) => (err ? reject(err) : resolve(s))),
    );
    let echoed = 0;
    let packets = 0;
    let tail = '';
    ch.on('data', (d: Buffer) => {
      packets++;
      echoed += d.length;
      tail = (tail + d.toString('latin1')).slice(-200);
    });
    await sleep(100);
    const before = { echoed, packets };
    const chunk = 'x'.repeat(32 * 1024);
    let written = 0;
    const typing = (async () => {
      for (; written < 160; written++) {
        if (!ch.write(chunk)) await new Promise((r) => ch.once('drain', r));
      }
    })();
    // Meanwhile, users of the other device in the same process log in and get their prompt (at
    // least one, started while the megabytes are still going in).
    const logins: number[] = [];
    do {
      const t0 = performance.now();
      const other = await loggedIn(otherPort);
      await new Promise<void>((resolve, reject) =>
        other.shell((err, s) => {
          if (err) return reject(err);
          s.on('data', (d: Buffer) => {
            if (d.toString().includes('ASA2> ')) resolve();
          });
        }),
      );
      other.end();
      logins.push(performance.now() - t0);
    } while (written < 160 && logins.length < 3);
    await typing;
    ch.write('\x15show clock\r');
    while (!/UTC.*\r\nASA1> $/s.test(tail)) await sleep(20);
    typist.end();
    expect(logins.length).toBeGreaterThan(0);
    // Echoed: the line's first MAX_LINE_CHARS characters and one bell, their erasure by ctrl-U
    // (three bytes each) and `show clock`: nothing for the megabytes past the limit.
    expect(echoed - before.echoed).toBeLessThan(4 * MAX_LINE_CHARS + 1000);
    // A few SSH packets, not one per byte typed.
    expect(packets - before.packets).toBeLessThan(50);
  }, 120_000);
});
