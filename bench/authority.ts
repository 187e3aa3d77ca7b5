// bench/authority: License Authority throughput and the lab's clock, as ratios to baselines
// measured in the same run (never absolute goals in unit tests).
//
//   npx tsx bench/authority.ts [--devices 100] [--days 400] [--requests 2000]
//
// 1. A bare HTTPS "hello" endpoint (same TLS cert, same client, same concurrency): the baseline.
// 2. Registrations per second through the real authority (HTTPS + zod + SQLite transaction).
// 3. Authorization renewals per second.
// 4. A lab of N emulated ASAs (SSH + agent + HTTPS transport), registered over SSH, advanced by
//    D days with all connected, then again with half of them cut off from smartreceiver.cisco.com.
//    Goal: 100 devices x 400 days under 10 s, every scheduled exchange accounted for.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';
import { mintLabCa } from '../src/authority/ca.ts';
import { startAuthorityServer } from '../src/authority/server.ts';
import { Authority } from '../src/authority/service.ts';
import { DEFAULT_TIMERS } from '../src/core/agent/timers.ts';
import { DAY, spellDuration } from '../src/core/time.ts';
import { VirtualClock } from '../src/lab/clock.ts';
import { startLab } from '../src/lab/lab.ts';
import { closeServer, listenServer } from '../src/listen.ts';
import { AUTHORITY_PATHS, encodeRequest } from '../src/protocol/wire.ts';
import { sshExec } from '../test/lab/ssh.ts';

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '100' },
    days: { type: 'string', default: '400' },
    requests: { type: 'string', default: '2000' },
  },
});
const N_DEVICES = Number(values.devices);
const DAYS = Number(values.days);
const N = Number(values.requests);
const CONCURRENCY = 32;

async function pooled(total: number, job: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) await job(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

const ca = await mintLabCa();
const agent = new Agent({
  connect: { ca: ca.caCert, servername: 'smartreceiver.cisco.com' },
  connections: CONCURRENCY,
});

// 1. Baseline: bare HTTPS hello.
const hello = createServer({ cert: ca.cert, key: ca.key, keepAlive: true }, (req, res) => {
  req.resume();
  req.on('end', () => res.end('{"hello":1}'));
});
const helloPort = await listenServer(hello, '127.0.0.1', 0);
const body = encodeRequest({ kind: 'renewId', udi: { pid: 'ASAv', sn: 'X' }, certificateId: 'a.b' });
const helloOnce = async () => {
  const r = await request(`https://127.0.0.1:${helloPort}/`, { method: 'POST', body, dispatcher: agent });
  await r.body.text();
};
// Warm up (TLS handshakes of the pool, JIT) so the baseline is not measured cold.
await pooled(Math.ceil(N / 4), helloOnce);
const helloSeconds = await pooled(N, helloOnce);
await closeServer(hello);
const helloRate = N / helloSeconds;

// 2 and 3. The authority: registrations, then renewals.
const dir = mkdtempSync(join(tmpdir(), 'smartlic-bench-authority-'));
const clock = new VirtualClock(Date.UTC(2026, 0, 12));
const authority = new Authority({ dbPath: join(dir, 'authority.db'), clock });
authority.setPool('ASAv-STD-1G', 'ASAv10 Standard - 1G', N);
const server = await startAuthorityServer({ authority, tls: ca });
const { token } = authority.mintToken({ uses: N });
const certs: string[] = [];
const post = async (payload: string) => {
  const r = await request(`${server.origin}${AUTHORITY_PATHS.smart}`, {
    method: 'POST',
    body: payload,
    headers: { 'content-type': 'application/json' },
    dispatcher: agent,
  });
  return JSON.parse(await r.body.text()) as { reply: { kind: string; certificateId?: string } };
};
const ent = [{ tag: 'ASAv-STD-1G', count: 1 }];
const regSeconds = await pooled(N, async (i) => {
  const res = await post(
    encodeRequest({
      kind: 'register',
      idToken: token,
      force: false,
      udi: { pid: 'ASAv', sn: `B${i}` },
      entitlements: ent,
    }),
  );
  if (res.reply.kind !== 'registered') throw new Error(`registration ${i}: ${res.reply.kind}`);
  certs[i] = res.reply.certificateId as string;
});
const renewSeconds = await pooled(N, async (i) => {
  const res = await post(
    encodeRequest({
      kind: 'renewAuth',
      udi: { pid: 'ASAv', sn: `B${i}` },
      certificateId: certs[i] as string,
      entitlements: ent,
    }),
  );
  if (res.reply.kind !== 'authorized') throw new Error(`renewal ${i}: ${res.reply.kind}`);
});
await server.close();
authority.close();
await agent.close();

// 4. The lab: N devices, D days.
const password = 'bench-Passw0rd';
const lab = await startLab(
  {
    start: '2026-01-12T13:09:43Z',
    devices: Array.from({ length: N_DEVICES }, (_, i) => ({
      name: `asa${i}`,
      platform: 'ASAv10',
      version: '9.22(2)14',
      password,
      startupConfig: 'license smart\n feature tier standard\n throughput level 1G\n',
    })),
  },
  { stateDir: join(dir, 'lab') },
);
const labToken = lab.mintToken({ uses: N_DEVICES }).token;
for (const d of lab.devices) await sshExec(d, `license smart register idtoken ${labToken}`);
await lab.tick();
const registered = lab.devices.filter(
  (d) => d.licenseView(lab.clock.now()).registration?.status === 'REGISTERED',
).length;
const sentBefore = [...lab.transports.counts.values()].reduce((a, c) => a + c.sent, 0);
let started = performance.now();
const connectedRun = await lab.advance(DAYS * DAY);
const connectedSeconds = (performance.now() - started) / 1000;
const sentConnected = [...lab.transports.counts.values()].reduce((a, c) => a + c.sent, 0) - sentBefore;
// What a real device does in D days while connected: one authorization renewal per authorization
// period (30 days) and one ID-certificate renewal per renewal period (180 days).
const T = DEFAULT_TIMERS;
const expectedPerDevice =
  Math.floor((DAYS * DAY) / T.authRenewAfter) + Math.floor((DAYS * DAY) / T.idRenewAfter);
const stillAuthorized = lab.devices.filter(
  (d) => d.licenseView(lab.clock.now()).authorization?.status === 'AUTHORIZED',
).length;

for (const d of lab.devices.slice(0, Math.floor(N_DEVICES / 2)))
  lab.policy.block('smartreceiver.cisco.com', 'drop', d.name);
started = performance.now();
const mixedRun = await lab.advance(DAYS * DAY);
const mixedSeconds = (performance.now() - started) / 1000;
const expired = lab.devices.filter(
  (d) => d.licenseView(lab.clock.now()).authorization?.status === 'AUTH EXPIRED',
).length;
// What the blocked devices print must be what a device that sent every coalesced attempt would
// print: while retrying hourly, a last failed attempt within the hour and the next one ahead; once
// the registration has expired (no more attempts), the last one no later than the expiry.
const nowAtEnd = lab.clock.now();
const plausible = lab.devices.slice(0, Math.floor(N_DEVICES / 2)).filter((d) => {
  const { registration: r, authorization: a } = d.licenseView(nowAtEnd);
  const last = Date.parse(a?.lastCommunicationAttempt?.at ?? '');
  if (a?.lastCommunicationAttempt?.result !== 'FAILED' || !(last <= nowAtEnd)) return false;
  if (a.nextCommunicationAttempt) {
    return Date.parse(a.nextCommunicationAttempt) > nowAtEnd && nowAtEnd - last <= T.commRetryLater;
  }
  return r?.status === 'REGISTRATION EXPIRED' && last <= Date.parse(r.expires ?? '');
}).length;
await lab.close();
rmSync(dir, { recursive: true, force: true });

const fmt = (n: number) => n.toFixed(1);
console.log(`bench/authority (${N} requests, concurrency ${CONCURRENCY}, HTTPS on loopback, same run)`);
console.log(`  baseline: bare HTTPS hello          ${fmt(helloRate)} req/s`);
console.log(
  `  registrations                       ${fmt(N / regSeconds)} /s  = ${(N / regSeconds / helloRate).toFixed(2)} x baseline`,
);
console.log(
  `  authorization renewals              ${fmt(N / renewSeconds)} /s  = ${(N / renewSeconds / helloRate).toFixed(2)} x baseline`,
);
console.log(`lab: ${N_DEVICES} emulated ASAs, ${registered} registered over SSH, advanced ${DAYS} days`);
console.log(
  `  all connected:  ${connectedSeconds.toFixed(2)} s (goal < 10 s: ${connectedSeconds < 10 ? 'met' : 'NOT met'}), ${connectedRun.steps} steps, ${sentConnected} exchanges sent ` +
    `(expected ${expectedPerDevice * registered}: ${expectedPerDevice}/device), ${stillAuthorized}/${N_DEVICES} still AUTHORIZED, stalled: ${connectedRun.stalled.length}`,
);
console.log(
  `  half blocked:   ${mixedSeconds.toFixed(2)} s, ${mixedRun.steps} steps, ${expired} AUTH EXPIRED (expected ${DAYS * DAY >= T.commDeadlineAfter + T.authRenewAfter ? Math.floor(N_DEVICES / 2) : `none: under ${spellDuration(T.commDeadlineAfter)}`}), ` +
    `${plausible}/${Math.floor(N_DEVICES / 2)} print Last/Next attempts consistent with every attempt sent, stalled: ${mixedRun.stalled.length}`,
);
