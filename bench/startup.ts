// `npx tsx bench/startup.ts [--runs 5] [--no-build]`: how long `smartlic --version` takes from the
// compiled entry (bin/smartlic.js → dist/), beside `node -e 0` measured in the same run, so the
// figure reads as a ratio to what any Node program pays on this machine at this moment.
// Goal (issue 11): at most 200 ms, median of 5. Builds dist/ first (`npm run build`) unless
// --no-build, so the figure is for the current sources and not a stale build. The sources run
// through tsx (what the installed command did before it was compiled) are timed too, for scale.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT as root, smartlicCommand } from '../src/installation.ts';
import { median } from './median.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, 'no-build': { type: 'boolean', default: false } },
});
const runs = Number(values.runs);
const bin = join(root, 'bin', 'smartlic.js');
// Run from the sources (this bench runs under tsx), installation.ts starts smartlic through tsx.
const viaTsx = smartlicCommand([]).args;
const GOAL_MS = 200;

if (!values['no-build']) execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (!existsSync(join(root, 'dist', 'cli.js'))) {
  process.stderr.write('bench/startup: dist/cli.js is missing: run npm run build\n');
  process.exit(4);
}

/** Wall time of one process run, in milliseconds; the run must succeed. */
function timeOnce(args: string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: '/', stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

// One warm-up each (file cache), then baseline and subject interleaved, so load from other work on
// the machine falls on both alike.
timeOnce(['-e', '0']);
timeOnce([bin, '--version']);
timeOnce([...viaTsx, '--version']);
const baseline: number[] = [];
const subject: number[] = [];
const sources: number[] = [];
for (let i = 0; i < runs; i++) {
  baseline.push(timeOnce(['-e', '0']));
  subject.push(timeOnce([bin, '--version']));
  sources.push(timeOnce([...viaTsx, '--version']));
}
const base = median(baseline);
const cli = median(subject);
const fmt = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' ');
process.stdout.write(
  [
    `node -e 0              median ${base.toFixed(0)} ms  (runs: ${fmt(baseline)})`,
    `smartlic --version     median ${cli.toFixed(0)} ms  (runs: ${fmt(subject)})`,
    `  sources through tsx   median ${median(sources).toFixed(0)} ms  (runs: ${fmt(sources)}; ${(median(sources) / base).toFixed(2)}x node -e 0)`,
    `ratio ${(cli / base).toFixed(2)}x node -e 0; smartlic's own share ${(cli - base).toFixed(0)} ms; goal <= ${GOAL_MS} ms: ${cli <= GOAL_MS ? 'met' : 'NOT met'}`,
    '',
  ].join('\n'),
);
