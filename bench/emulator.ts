// bench/emulator: how many idle emulated ASAs one process holds, and how fast it lets users in.
//   1. Memory per idle device: heap and RSS grown by starting N devices (each its own SSH port,
//      one shared parsed host key), measured after GC, divided by N. Goal: < 100 KB each at N=1000.
//   2. SSH logins per second against one process (connect, key exchange, password, open a shell,
//      read the prompt, disconnect), compared in the same run with a bare ssh2 server that only
//      authenticates and prints a prompt. Rounds alternate between the two so machine load falls
//      on both alike; the ratio is what to watch (goal: close to 1, i.e. limited by SSH itself).
// Usage: npx tsx bench/emulator.ts [--devices 1000] [--logins 200] [--concurrency 8] [--rounds 3]

import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import ssh2 from 'ssh2';
import { unreachableTransport } from '../src/core/agent/protocol.ts';
import { generateHostKey } from '../src/emulate/host-key.ts';
import { type RunningDevice, startDevices } from '../src/emulate/index.ts';
import { median } from './median.ts';

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '1000' },
    logins: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
  },
});
const N = Number(values.devices);
const LOGINS = Number(values.logins);
const CONCURRENCY = Number(values.concurrency);
const ROUNDS = Number(values.rounds);
const PASSWORD = 'bench-pw';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function settle(): { heap: number; rss: number } {
  for (let i = 0; i < 4; i++) gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.external + m.arrayBuffers, rss: m.rss };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** One login: TCP, key exchange, password auth, shell, wait for the prompt, disconnect. */
function login(port: number, promptEnd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = new ssh2.Client();
    c.on('ready', () => {
      c.shell({ term: 'vt100' }, (err, stream) => {
        if (err) return reject(err);
        let seen = '';
        stream.on('data', (d: Buffer) => {
          seen += d.toString();
          if (seen.endsWith(promptEnd)) c.end();
        });
      });
    });
    c.on('error', reject);
    c.on('close', () => resolve());
    c.connect({ host: '127.0.0.1', port, username: 'admin', password: PASSWORD });
  });
}

/** `targets[i]` is a port and the prompt it ends with; logins go round-robin over them. */
async function loginsPerSecond(targets: [number, string][]): Promise<number> {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < LOGINS) {
        const [port, prompt] = targets[next++ % targets.length] as [number, string];
        await login(port, prompt);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return LOGINS / seconds;
}

/** The baseline: ssh2 with the same host key, password check and a one-line prompt; nothing else. */
async function bareServer(hostKey: ReturnType<typeof generateHostKey>) {
  const server = new ssh2.Server({ hostKeys: [{ key: hostKey.parsed }] }, (client) => {
    // Same socket setting as the emulated device, so the baseline is not held back by Nagle.
    (client as typeof client & { setNoDelay(noDelay: boolean): void }).setNoDelay(true);
    client.on('authentication', (ctx) => {
      if (ctx.method === 'password' && ctx.password === PASSWORD) ctx.accept();
      else ctx.reject(['password']);
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('pty', (ok) => ok?.());
        session.on('shell', (ok) => ok().write('bare> '));
      });
    });
    client.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

async function main() {
  const hostKey = generateHostKey();
  const clock = { now: () => Date.now() };

  // 1. Memory per idle device.
  const before = settle();
  const devices: RunningDevice[] = await startDevices(
    Array.from({ length: N }, (_, i) => ({
      name: `asa${i + 1}`,
      hostname: `ASA${i + 1}`,
      password: PASSWORD,
      startupConfig: 'license smart\n feature tier standard\n throughput level 1G\n',
      licensing: i % 2 === 0 ? ('registered' as const) : ('comm-failing' as const),
    })),
    { clock, transportFor: () => unreachableTransport, sharedHostKey: hostKey },
  );
  const after = settle();
  const heapPer = (after.heap - before.heap) / N;
  const rssPer = (after.rss - before.rss) / N;
  console.log(`devices: ${N} idle in one process (each its own SSH port, shared parsed host key)`);
  console.log(`  memory per idle device: heap+external ${kb(heapPer)}, RSS ${kb(rssPer)} (goal < 100 KB)`);

  // 2. Logins per second: the emulated ASA vs a bare ssh2 server, alternating rounds.
  // Logins go round-robin over the devices: one device takes at most 5 sessions (the ASA's limit).
  const bare = await bareServer(hostKey);
  const emulated = devices.map((d, i): [number, string] => [d.port, `ASA${i + 1}> `]);
  const bareTargets: [number, string][] = [[bare.port, 'bare> ']];
  await loginsPerSecond(emulated.slice(0, CONCURRENCY)); // warm-up (JIT, native crypto)
  const emu: number[] = [];
  const base: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    base.push(await loginsPerSecond(bareTargets));
    emu.push(await loginsPerSecond(emulated));
  }
  const e = median(emu);
  const b = median(base);
  console.log(
    `logins: ${LOGINS} per round x ${ROUNDS} rounds, concurrency ${CONCURRENCY}, password auth + shell + prompt`,
  );
  console.log(`  bare ssh2 server: ${b.toFixed(1)} logins/s (median)`);
  console.log(`  emulated ASAs:    ${e.toFixed(1)} logins/s (median), round-robin over the ${N} devices`);
  console.log(`  ratio emulated/bare: ${(e / b).toFixed(2)} (1.00 = limited by SSH itself)`);

  await new Promise<void>((resolve) => bare.server.close(() => resolve()));
  await Promise.all(devices.map((d) => d.close()));
}

await main();
