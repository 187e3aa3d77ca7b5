// bench/audit: devices per second collecting from N emulated ASAs over real SSH on loopback,
// beside two baselines measured in the same run against the same devices:
//   (a) a bare ssh2 loop: connect, run the same commands on exec channels, disconnect; no
//       prompt handling, no parsing (goal: the collector within 1.5x of its time);
//   (b) Debian's Netmiko (/usr/bin/python3), sequential, on a small sample scaled to N
//       (goal: the collector at least 20x faster).
// Usage: npx tsx bench/audit.ts [--devices 500] [--concurrency 20] [--netmiko-sample 4] [--rounds 5]

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import ssh2 from 'ssh2';
import { collectFleet, type InventoryDevice, Secret } from '../src/audit/collect/index.ts';
import { AUDIT_COMMANDS } from '../src/audit/collect/session.ts';
import { unreachableTransport } from '../src/core/agent/protocol.ts';
import { generateHostKey } from '../src/emulate/host-key.ts';
import { type RunningDevice, startDevices } from '../src/emulate/index.ts';

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '20' },
    'netmiko-sample': { type: 'string', default: '4' },
    rounds: { type: 'string', default: '5' },
  },
});
const N = Number(values.devices);
const CONCURRENCY = Number(values.concurrency);
const SAMPLE = Math.min(N, Number(values['netmiko-sample']));
const ROUNDS = Math.max(1, Math.min(N, Number(values.rounds)));
const PASSWORD = 'bench-pw';
const ENABLE = 'bench-en';
const COMMANDS = ['show version', ...AUDIT_COMMANDS];

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

/** Baseline (a): connect, one exec per command, read everything, disconnect. */
function bareDevice(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const c = new ssh2.Client();
    let bytes = 0;
    c.on('error', reject);
    c.on('ready', async () => {
      try {
        for (const cmd of COMMANDS)
          await new Promise<void>((res, rej) =>
            c.exec(cmd, (err, ch) => {
              if (err) return rej(err);
              ch.on('data', (d: Buffer) => {
                bytes += d.length;
              });
              ch.stderr.resume();
              ch.on('close', () => res());
            }),
          );
        c.end();
        resolve(bytes);
      } catch (e) {
        reject(e);
      }
    });
    c.connect({ host: '127.0.0.1', port, username: 'admin', password: PASSWORD, hostVerifier: () => true });
  });
}

const NETMIKO = `
import json, sys, time
from netmiko import ConnectHandler
args = json.loads(sys.argv[1])
t0 = time.monotonic()
for port in args["ports"]:
    c = ConnectHandler(device_type="cisco_asa", host="127.0.0.1", port=port, username="admin",
                       password=args["password"], secret=args["secret"])
    for cmd in args["commands"]:
        c.send_command(cmd)
    c.disconnect()
print(json.dumps({"seconds": time.monotonic() - t0}))
`;

/** Async on purpose: the emulated devices live in this process and must keep answering. */
async function netmiko(devices: RunningDevice[]): Promise<{ perDevice: number } | { skipped: string }> {
  if (!existsSync('/usr/bin/python3')) return { skipped: '/usr/bin/python3 missing' };
  const arg = JSON.stringify({
    ports: devices.map((d) => d.port),
    password: PASSWORD,
    secret: ENABLE,
    commands: COMMANDS,
  });
  const child = spawn('/usr/bin/python3', ['-c', NETMIKO, arg], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const status = await new Promise<number | null>((r) => child.on('close', r));
  if (status !== 0) return { skipped: `netmiko failed: ${(stderr || stdout).trim().split('\n').at(-1)}` };
  const { seconds } = JSON.parse(stdout.trim().split('\n').at(-1) as string) as { seconds: number };
  return { perDevice: seconds / devices.length };
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'smartlic-bench-audit-'));
  const hostKey = generateHostKey();
  const specs = Array.from({ length: N }, (_, i) => ({
    name: `asa${String(i).padStart(3, '0')}`,
    password: PASSWORD,
    enablePassword: ENABLE,
  }));
  process.stdout.write(`starting ${N} emulated ASAs...\n`);
  const devices = await startDevices(specs, {
    clock: { now: () => Date.now() },
    transportFor: () => unreachableTransport,
    sharedHostKey: hostKey,
  });
  try {
    const knownHosts = join(dir, 'known_hosts');
    await writeFile(knownHosts, devices.map((d) => `[127.0.0.1]:${d.port} ${d.hostPublicKey}\n`).join(''));
    const inventory: InventoryDevice[] = devices.map((d) => ({
      name: d.name,
      host: '127.0.0.1',
      port: d.port,
      username: 'admin',
      password: { from: 'inline', value: new Secret(PASSWORD) },
      enablePassword: { from: 'inline', value: new Secret(ENABLE) },
      tags: [],
      origin: { file: 'bench' },
    }));

    // Warm both paths once (JIT, native crypto) so neither pays it in the measurement.
    await bareDevice(devices[0]?.port as number);
    for await (const _ of collectFleet(inventory.slice(0, 1), { knownHostsFile: knownHosts, jitterMs: 0 })) {
    }

    // Interleaved rounds (alternating which goes first) so load from other processes on the
    // machine falls on both sides alike; each side still covers every device once.
    let bareS = 0;
    let collectS = 0;
    let ok = 0;
    let failed = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const from = Math.floor((r * N) / ROUNDS);
      const to = Math.floor(((r + 1) * N) / ROUNDS);
      const bare = async () => {
        const t = performance.now();
        await pool(devices.slice(from, to), CONCURRENCY, async (d) => {
          await bareDevice(d.port);
        });
        bareS += (performance.now() - t) / 1000;
      };
      const ours = async () => {
        const t = performance.now();
        for await (const c of collectFleet(inventory.slice(from, to), {
          knownHostsFile: knownHosts,
          concurrency: CONCURRENCY,
          timeoutMs: 60_000,
        })) {
          if (c.ok) ok++;
          else if (++failed <= 3)
            process.stdout.write(`  failed: ${c.device} ${c.error?.code} ${c.error?.message}\n`);
        }
        collectS += (performance.now() - t) / 1000;
      };
      if (r % 2 === 0) {
        await bare();
        await ours();
      } else {
        await ours();
        await bare();
      }
    }

    const nm = await netmiko(devices.slice(0, SAMPLE));

    const rate = (s: number) => (N / s).toFixed(1);
    process.stdout.write(`\ndevices: ${N}, concurrency ${CONCURRENCY}, ${ROUNDS} interleaved rounds\n`);
    process.stdout.write(
      `collector (smartlic):   ${collectS.toFixed(2)} s  ${rate(collectS)} devices/s  (${ok} ok, ${failed} failed)\n`,
    );
    process.stdout.write(`(a) bare ssh2 exec:     ${bareS.toFixed(2)} s  ${rate(bareS)} devices/s\n`);
    const ratioA = collectS / bareS;
    process.stdout.write(
      `collector / bare ssh2:  ${ratioA.toFixed(2)}x the time  (goal <= 1.5x) ${ratioA <= 1.5 ? 'MET' : 'NOT MET'}\n`,
    );
    if ('perDevice' in nm) {
      const netmikoS = nm.perDevice * N;
      const speedup = netmikoS / collectS;
      process.stdout.write(
        `(b) netmiko sequential: ${nm.perDevice.toFixed(2)} s/device on ${SAMPLE} devices, scaled ${netmikoS.toFixed(0)} s  ${rate(netmikoS)} devices/s\n`,
      );
      process.stdout.write(
        `collector speed-up vs netmiko: ${speedup.toFixed(1)}x  (goal >= 20x) ${speedup >= 20 ? 'MET' : 'NOT MET'}\n`,
      );
    } else process.stdout.write(`(b) netmiko: skipped (${nm.skipped})\n`);
    if (failed) process.exitCode = 1;
  } finally {
    await Promise.all(devices.map((d) => d.close()));
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
