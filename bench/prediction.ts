// bench/prediction: what the diagnosis (parse + findings + the dated prediction) costs for a device
// whose printed dates are far from the time it is judged at, against the same capture judged a week
// after it was printed, measured in the same run. Issue 10 item 1: the prediction used to step
// through every hourly retry between the printed dates and `now`, so cost grew with the gap.
//
// The capture is the real ntc-templates `show license all` (REGISTERED/AUTHORIZED, Dec 2018),
// run through runAudit exactly as `smartlic audit --from` does after loading files. Cases:
//   fresh              judged 2018-12-10, printed 2018-12-03 (the baseline)
//   2018 @ 2026        judged 2026-12-01; collected (file time) in 2018
//   2018 @ 2026 copied judged 2026-12-01; collected (file time) 2026-06-01, as a capture copied lately
//   1900 @ 2026        the same capture with its years moved to 1900/1901, file time 2026-06-01
//   0100 @ 2026        … to 0100/0101, file time 2026-06-01
//   device clock 2100  `--now device` with `show clock` printing 2100 (2018 dates)
// Each case runs until it has taken 300 ms (at least once), and prints ms per device and the ratio
// to the fresh case. Goal: every ratio close to 1 (issue: at most 1.2 for 2018 @ 2026).
// Usage: npx tsx bench/prediction.ts [--min-ms 300]

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { DeviceCollection } from '../src/audit/collect/types.ts';
import { deviceClock } from '../src/audit/diagnose/device-clock.ts';
import { runAudit } from '../src/audit/run.ts';

const { values } = parseArgs({ options: { 'min-ms': { type: 'string', default: '300' } } });
const MIN_MS = Number(values['min-ms']);
const here = fileURLToPath(new URL('.', import.meta.url));
const capture = readFileSync(
  resolve(here, '../test/fixtures/corpus/show-license-all__ntc-templates__1.txt'),
  'utf8',
);

function collection(text: string, collectedAt: string, clock?: string): DeviceCollection {
  return {
    device: 'fw1',
    source: { kind: 'file', paths: ['fw1.txt'] },
    ok: true,
    outputs: [
      { command: 'show license all', text },
      ...(clock ? [{ command: 'show clock', text: `${clock}\n` }] : []),
    ],
    collectedAt,
    durationMs: 0,
  };
}

const COPIED = '2026-06-01T00:00:00Z';
const years = (a: string, b: string) => capture.replaceAll('2018', a).replaceAll('2019', b);

interface Case {
  name: string;
  c: DeviceCollection;
  now: string;
  device?: boolean;
}
const CASES: Case[] = [
  { name: 'fresh', c: collection(capture, '2018-12-03T17:00:00Z'), now: '2018-12-10T00:00:00Z' },
  { name: '2018 @ 2026', c: collection(capture, '2018-12-03T17:00:00Z'), now: '2026-12-01T00:00:00Z' },
  {
    name: '2018 @ 2026 copied',
    c: collection(capture, COPIED),
    now: '2026-12-01T00:00:00Z',
  },
  // A device printing 1900 or 0100 has a wrong clock: its file is recent.
  { name: '1900 @ 2026', c: collection(years('1900', '1901'), COPIED), now: '2026-12-01T00:00:00Z' },
  { name: '0100 @ 2026', c: collection(years('0100', '0101'), COPIED), now: '2026-12-01T00:00:00Z' },
  {
    name: 'device clock 2100',
    c: collection(capture, COPIED, '12:00:00.000 UTC Fri Jan 1 2100'),
    now: '2026-12-01T00:00:00Z',
    device: true,
  },
];

async function timeCase(k: Case): Promise<{ ms: number; runs: number; worst: string; events: number }> {
  const now = Date.parse(k.now);
  let runs = 0;
  let worst = '';
  let events = 0;
  const t0 = performance.now();
  do {
    const report = await runAudit({
      collections: [k.c],
      now,
      ...(k.device ? { nowFor: (c: DeviceCollection) => deviceClock(c.outputs) } : {}),
    });
    const d = report.devices[0];
    worst = d?.worst ?? '?';
    events = d?.timeline.length ?? 0;
    runs++;
  } while (performance.now() - t0 < MIN_MS);
  return { ms: (performance.now() - t0) / runs, runs, worst, events };
}

// Warm up the modules and the JIT on the baseline first.
for (let i = 0; i < 3; i++) await timeCase({ ...(CASES[0] as Case) });
const rows: { name: string; ms: number; runs: number; worst: string; events: number }[] = [];
for (const k of CASES) rows.push({ name: k.name, ...(await timeCase(k)) });
const base = rows[0]?.ms ?? 1;
console.log('case                  ms/device   runs  ratio to fresh  (worst, timeline events)');
for (const r of rows)
  console.log(
    `${r.name.padEnd(20)} ${r.ms.toFixed(3).padStart(11)} ${String(r.runs).padStart(6)} ${(r.ms / base).toFixed(2).padStart(14)}x  (${r.worst}, ${r.events})`,
  );
