// bench/audit-offline: what `smartlic audit --from` costs on a fleet of saved captures, against
// `smartlic parse` of the same files (the baseline), measured in the same run, in process through
// the CLI entry (output to a sink). Goals (issue 10):
//   audit (fresh) / parse              <= 3   (reading, splitting, naming, parsing, diagnosing,
//                                              rendering the table: at most 3x parsing alone)
//   audit (2018 @ 2026) / audit (fresh) <= 1.2 (old captures cost what fresh ones do)
// The captures are session logs, one per device (`fwNNNN#` prompts): the real show version,
// show license all (REGISTERED, dated December 2018), show running-config call-home of the corpus,
// a license config and show clock. "Fresh" audits them at 2018-12-10, a week after they were
// printed; "2018 @ 2026" the same files at 2026-12-01.
//
// `--rss` also measures peak memory (resident set) of one process per command on a ~50 MB
// capture (one device's show license all repeated), beside `smartlic parse` of it.
// Usage: npx tsx bench/audit-offline.ts [--devices 1000] [--rounds 5] [--rss] [--rss-mb 50]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { main } from '../src/cli.ts';

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '5' },
    rss: { type: 'boolean', default: false },
    'rss-mb': { type: 'string', default: '50' },
  },
});
const N = Number(values.devices);
const ROUNDS = Math.max(1, Number(values.rounds));
const here = fileURLToPath(new URL('.', import.meta.url));
const corpus = (f: string) => readFileSync(resolve(here, '../test/fixtures/corpus', f), 'utf8').trimEnd();

const VERSIONS = [
  'show-version__ntc-templates__1.txt',
  'show-version__hpreston-devasc-inventory__1.txt',
  'show-version__genieparser-asa__1.txt',
].map(corpus);
const LICENSE = corpus('show-license-all__ntc-templates__1.txt');
const CALL_HOME = corpus('show-running-config-call-home__joshrodd-mockdevices-notes__1.txt');

/** One device's session log; its show version names it and carries a serial of its own. */
function capture(i: number): string {
  const host = `fw${String(i).padStart(4, '0')}`;
  const version = (VERSIONS[i % VERSIONS.length] as string)
    .replace(/^(\S+) up /m, `${host} up `)
    .replace(/^Serial Number: \S+/m, `Serial Number: JAD${String(i).padStart(8, '0')}`);
  const cmd = (c: string, out: string) => `${host}# ${c}\r\n${out.replace(/\n/g, '\r\n')}\r\n`;
  return [
    cmd('show version', version),
    cmd('show license all', LICENSE),
    cmd('show running-config license', 'license smart\n feature tier standard\n throughput level 100M'),
    cmd('show running-config call-home', CALL_HOME),
    cmd('show clock', '09:00:00.000 UTC Mon Dec 10 2018'),
    `${host}# exit\r\n`,
  ].join('');
}

const dir = mkdtempSync(join(tmpdir(), 'smartlic-bench-offline-'));
const files: string[] = [];
let bytes = 0;
for (let i = 0; i < N; i++) {
  const file = join(dir, `capture-${i}.log`);
  const text = capture(i);
  writeFileSync(file, text);
  files.push(file);
  bytes += Buffer.byteLength(text);
}
console.log(`${N} captures, ${(bytes / 1024 / 1024).toFixed(1)} MB, in ${dir}`);

const sink = () =>
  new Writable({
    write(_chunk, _enc, done) {
      done();
    },
  });
const env = { ...process.env, XDG_DATA_HOME: join(dir, 'xdg'), XDG_STATE_HOME: join(dir, 'xdg') };

async function cli(argv: string[]): Promise<number> {
  return main(argv, { stdout: sink(), stderr: sink(), env, cwd: dir });
}

interface Timing {
  ms: number;
  cpuMs: number;
  status: number;
}

const runs = {
  parse: () => cli(['parse', ...files]),
  fresh: () => cli(['audit', '--from', dir, '--now', '2018-12-10T00:00:00Z', '--no-history']),
  old: () => cli(['audit', '--from', dir, '--now', '2026-12-01T00:00:00Z', '--no-history']),
};

type RunName = keyof typeof runs;
// Best of ROUNDS, the three alternating so that each sees the same machine load.
const best: Partial<Record<RunName, Timing>> = {};
for (let r = 0; r < ROUNDS; r++) {
  for (const name of Object.keys(runs) as RunName[]) {
    const run = runs[name];
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const status = await run();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const was = best[name];
    best[name] = { ms: Math.min(ms, was?.ms ?? ms), cpuMs: Math.min(cpuMs, was?.cpuMs ?? cpuMs), status };
  }
}
const t = best as Record<RunName, Timing>;
const line = (what: string, x: Timing) =>
  `${what.padEnd(34)}${x.ms.toFixed(0).padStart(7)} ms wall ${x.cpuMs.toFixed(0).padStart(7)} ms CPU  ${((x.ms * 1000) / N).toFixed(0).padStart(6)} µs/device  (exit ${x.status})`;
console.log(line('smartlic parse (baseline)', t.parse));
console.log(line('audit --from, fresh (2018 @ 2018)', t.fresh));
console.log(line('audit --from, 2018 @ 2026', t.old));
const ratio = (a: Timing, b: Timing) =>
  `${(a.ms / b.ms).toFixed(2)}x wall, ${(a.cpuMs / b.cpuMs).toFixed(2)}x CPU`;
const goal = (r: number, max: number) => `(goal <= ${max}x): ${r <= max ? 'MET' : 'NOT MET'}`;
console.log(`audit fresh / parse: ${ratio(t.fresh, t.parse)} ${goal(t.fresh.ms / t.parse.ms, 3)}`);
console.log(`audit 2018 @ 2026 / audit fresh: ${ratio(t.old, t.fresh)} ${goal(t.old.ms / t.fresh.ms, 1.2)}`);

if (values.rss) {
  // One device's show license all, repeated to the size asked: a capture no ASA prints, read whole.
  const mb = Number(values['rss-mb']);
  const big = join(dir, 'big.log');
  const one = `${LICENSE}\n`;
  writeFileSync(big, `fw1# show license all\n${one.repeat(Math.ceil((mb * 1024 * 1024) / one.length))}`);
  const cliPath = resolve(here, '../src/cli.ts');
  // Peak resident set of a fresh process running the command (its output discarded).
  const peak = (argv: string[]) => {
    const script = `const { main } = await import(${JSON.stringify(cliPath)});
      const { Writable } = await import('node:stream');
      const out = new Writable({ write(_c, _e, d) { d(); } });
      await main(${JSON.stringify(argv)}, { stdout: out, stderr: out, env: process.env, cwd: process.cwd() });
      process.stderr.write(String(process.resourceUsage().maxRSS));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: resolve(here, '..'),
      env,
      encoding: 'utf8',
    });
    return Number(r.stderr.trim().split('\n').at(-1)) / 1024;
  };
  const size = readFileSync(big).length / 1024 / 1024;
  const parseMb = peak(['parse', big]);
  const auditMb = peak(['audit', '--from', big, '--now', '2018-12-10T00:00:00Z', '--no-history']);
  console.log(
    `peak RSS on a ${size.toFixed(0)} MB capture: parse ${parseMb.toFixed(0)} MB, audit --from ${auditMb.toFixed(0)} MB`,
  );
  console.log(
    `audit --from / parse peak RSS: ${(auditMb / parseMb).toFixed(2)}x; audit --from peak RSS / capture size: ${(auditMb / size).toFixed(1)}x`,
  );
}
rmSync(dir, { recursive: true, force: true });
