// bench/lab-advance: what `smartlic lab clock --advance D` costs for a long D against a one-day
// advance of the same lab, measured in the same run (issue 10 item 1: the lab used to step through
// hourly retries, so a 200-year advance cost thousands of times a day's).
//
// Two labs, each started fresh for every advance:
//   built-in   the eight devices of `smartlic lab up` (four healthy ones renew with the authority
//              over real HTTPS every 30 days: those renewals are licensing events and are all sent)
//   failing    four devices whose proxy name resolves nowhere (not blocked by the lab's policy, so
//              they are not "isolated"): registration-lost, comm-failing, auth-expired, registered;
//              every retry fails, hourly or every 15 minutes, for ever (registration-lost)
// For each: wall and CPU ms of `lab.advance`, the device steps, the exchanges really sent, and the
// ratio to the 1-day advance of the same lab.
// Usage: npx tsx bench/lab-advance.ts [--years 200] [--skip-builtin]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinLab } from '../src/lab/builtin.ts';
import { startLab } from '../src/lab/lab.ts';
import type { LabFile } from '../src/lab/spec.ts';

const { values } = parseArgs({
  options: { years: { type: 'string', default: '200' }, 'skip-builtin': { type: 'boolean', default: false } },
});
const YEARS = Number(values.years);
const DAY = 86_400_000;
const START = '2026-01-12T13:09:43Z';

const proxied = [
  'license smart',
  ' feature tier standard',
  ' throughput level 1G',
  ' transport proxy proxy.nowhere.invalid port 3128',
].join('\n');
const failingLab: LabFile = {
  start: START,
  devices: ['registration-lost', 'comm-failing', 'auth-expired', 'registered'].map((scenario, i) => ({
    name: `fail${i}`,
    password: 'bench-pw',
    licensing: scenario,
    startupConfig: proxied,
  })),
} as LabFile;

async function measure(spec: LabFile, ms: number) {
  const dir = mkdtempSync(join(tmpdir(), 'smartlic-bench-lab-'));
  const lab = await startLab(spec, { stateDir: dir });
  try {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const report = await lab.advance(ms);
    const wall = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    const sent = lab.status().devices.reduce((n, d) => n + d.exchanges.sent, 0);
    return { wall, cpu: (used.user + used.system) / 1000, steps: report.steps, sent };
  } finally {
    await lab.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const labs: [string, LabFile][] = [
  ...(values['skip-builtin']
    ? []
    : ([['built-in', builtinLab({ password: 'bench-pw', start: START })]] as [string, LabFile][])),
  ['failing', failingLab],
];
// Warm-up: module loading and the first TLS context are not what is measured.
await measure(failingLab, DAY);
console.log('lab        advance      wall ms    cpu ms   steps   sent   ratio (cpu) to 1d');
for (const [name, spec] of labs) {
  const base = await measure(spec, DAY);
  for (const [label, ms] of [
    ['1d', DAY],
    ['1y', 365 * DAY],
    [`${YEARS}y`, YEARS * 365 * DAY],
  ] as const) {
    const r = label === '1d' ? base : await measure(spec, ms);
    console.log(
      `${name.padEnd(10)} ${label.padEnd(8)} ${r.wall.toFixed(0).padStart(10)} ${r.cpu.toFixed(0).padStart(9)} ${String(r.steps).padStart(7)} ${String(r.sent).padStart(6)} ${(r.cpu / base.cpu).toFixed(1).padStart(10)}x`,
    );
  }
}
