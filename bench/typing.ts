// bench/typing: what one client typing a long line without Enter costs the process that runs the
// emulated ASAs, and whether other devices still let users in meanwhile (issue 10 item 3: each
// echoed character used to be its own SSH write, so 5 MB cost over a minute of CPU and logins to
// other devices timed out).
//
// A child process runs two emulated ASAs and, as the baseline, a bare ssh2 server that reads a
// shell channel and throws the bytes away. This process is the client: it types the same bytes
// into the bare server, then into ASA 1, while logging in to ASA 2 over and over; then Ctrl-U and
// `show clock` on ASA 1 prove the typed line was all consumed. The child reports its own CPU and
// RSS around each phase, so the client's cost is not counted.
// Prints: server CPU ms for each phase, the ratio typed-into-ASA / bare, the logins to ASA 2 that
// completed during the typing and their slowest time, and the child's RSS growth.
// Usage: npx tsx bench/typing.ts [--mb 5] [--chunk 16384]

import { type ChildProcess, fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ssh2 from 'ssh2';

const PASSWORD = 'bench-pw';
const { values } = parseArgs({
  options: {
    mb: { type: 'string', default: '5' },
    chunk: { type: 'string', default: '16384' },
    serve: { type: 'boolean', default: false },
  },
});

type Msg =
  | { kind: 'ports'; asa1: number; asa2: number; bare: number }
  | { kind: 'usage'; cpuMs: number; rss: number };

async function serve(): Promise<void> {
  const { generateHostKey } = await import('../src/emulate/host-key.ts');
  const { startDevices } = await import('../src/emulate/index.ts');
  const { unreachableTransport } = await import('../src/core/agent/protocol.ts');
  const hostKey = generateHostKey();
  const devices = await startDevices(
    [1, 2].map((i) => ({ name: `asa${i}`, hostname: `ASA${i}`, password: PASSWORD })),
    { clock: { now: () => Date.now() }, transportFor: () => unreachableTransport, sharedHostKey: hostKey },
  );
  const bare = new ssh2.Server({ hostKeys: [{ key: hostKey.parsed }] }, (client) => {
    client.on('authentication', (ctx) =>
      ctx.method === 'password' && ctx.password === PASSWORD ? ctx.accept() : ctx.reject(['password']),
    );
    client.on('ready', () =>
      client.on('session', (accept) => {
        const session = accept();
        session.on('pty', (ok) => ok?.());
        session.on('shell', (ok) => {
          const ch = ok();
          ch.write('bare> ');
          ch.on('data', () => undefined);
        });
      }),
    );
    client.on('error', () => undefined);
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const send = (m: Msg) => process.send?.(m);
  send({
    kind: 'ports',
    asa1: devices[0]?.port ?? 0,
    asa2: devices[1]?.port ?? 0,
    bare: (bare.address() as AddressInfo).port,
  });
  process.on('message', (m: string) => {
    if (m === 'usage') {
      const u = process.cpuUsage();
      send({ kind: 'usage', cpuMs: (u.user + u.system) / 1000, rss: process.memoryUsage().rss });
    }
    if (m === 'exit') process.exit(0);
  });
}

function shell(port: number): Promise<{ c: ssh2.Client; ch: ssh2.ClientChannel; seen: () => string }> {
  return new Promise((resolve, reject) => {
    const c = new ssh2.Client();
    let text = '';
    c.on('error', reject);
    c.on('ready', () =>
      c.shell({ term: 'vt100' }, (err, ch) => {
        if (err) return reject(err);
        ch.on('data', (d: Buffer) => {
          // Keep only the tail: the echo of megabytes is not worth keeping.
          text = (text + d.toString('latin1')).slice(-4096);
        });
        resolve({ c, ch, seen: () => text });
      }),
    );
    c.connect({ host: '127.0.0.1', port, username: 'admin', password: PASSWORD, readyTimeout: 120_000 });
  });
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > timeoutMs) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
}

async function type(ch: ssh2.ClientChannel, bytes: number, chunk: number): Promise<void> {
  const piece = 'x'.repeat(chunk);
  for (let sent = 0; sent < bytes; sent += chunk) {
    if (!ch.write(piece.slice(0, Math.min(chunk, bytes - sent))))
      await new Promise((r) => ch.once('drain', r));
  }
}

async function main(): Promise<void> {
  const bytes = Math.round(Number(values.mb) * 1024 * 1024);
  const chunk = Number(values.chunk);
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--serve'], {
    execArgv: ['--import', 'tsx'],
  });
  const next = () => new Promise<Msg>((r) => child.once('message', (m: Msg) => r(m)));
  const ports = (await next()) as Extract<Msg, { kind: 'ports' }>;
  const usage = async () => {
    child.send('usage');
    return (await next()) as Extract<Msg, { kind: 'usage' }>;
  };

  // Baseline: the same bytes into a bare ssh2 shell that discards them.
  const b = await shell(ports.bare);
  await waitFor(() => b.seen().includes('bare> '), 10_000);
  const u0 = await usage();
  await type(b.ch, bytes, chunk);
  // The bare server echoes nothing; a final round trip makes sure it has read everything.
  await new Promise<void>((r) => b.c.exec('x', () => r()));
  const u1 = await usage();
  b.c.end();

  // The emulated ASA, with logins to the other device going on meanwhile.
  const a = await shell(ports.asa1);
  await waitFor(() => a.seen().endsWith('ASA1> '), 10_000);
  const u2 = await usage();
  let typing = true;
  const logins: number[] = [];
  const loginLoop = (async () => {
    while (typing) {
      const t0 = performance.now();
      try {
        const s = await shell(ports.asa2);
        await waitFor(() => s.seen().endsWith('ASA2> '), 120_000);
        s.c.end();
        logins.push(performance.now() - t0);
      } catch {
        logins.push(Number.POSITIVE_INFINITY);
      }
    }
  })();
  const t0 = performance.now();
  await type(a.ch, bytes, chunk);
  a.ch.write('\x15show clock\r');
  const consumed = await waitFor(() => /UTC[^\n]*\n[\s\S]*ASA1> $/.test(a.seen()), 600_000);
  const typedMs = performance.now() - t0;
  typing = false;
  await loginLoop;
  const u3 = await usage();
  a.c.end();
  child.send('exit');

  const bareCpu = u1.cpuMs - u0.cpuMs;
  const asaCpu = u3.cpuMs - u2.cpuMs;
  const done = logins.filter((ms) => Number.isFinite(ms));
  console.log(`typed ${(bytes / 1048576).toFixed(1)} MB without Enter, chunks of ${chunk} bytes`);
  console.log(`  bare ssh2 server (discards): ${bareCpu.toFixed(0)} ms CPU`);
  console.log(
    `  emulated ASA 1:              ${asaCpu.toFixed(0)} ms CPU, ${typedMs.toFixed(0)} ms wall${consumed ? '' : ' (line NOT consumed)'}`,
  );
  console.log(`  ratio ASA / bare: ${(asaCpu / bareCpu).toFixed(2)}x`);
  console.log(
    `  logins to ASA 2 meanwhile: ${done.length} completed, ${logins.length - done.length} failed, slowest ${done.length ? Math.max(...done).toFixed(0) : '-'} ms`,
  );
  console.log(
    `  server RSS: ${(u2.rss / 1048576).toFixed(0)} MB before typing, ${(u3.rss / 1048576).toFixed(0)} MB after`,
  );
}

if (values.serve) await serve();
else await main();
