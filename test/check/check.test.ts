// `smartlic check` as a monitoring system runs it: the output is parsed with the perfdata grammar
// of the Monitoring Plugins development guidelines (written out below, not taken from our
// renderer), the values are held to the audit's JSON, and the exit status is 0/1/2/3 only.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/report/contract.ts';
import { alerts, parseRange } from '../../src/check/range.ts';
import { readCorpus, seedConditions } from '../audit/inputs.ts';
import { runCli } from '../helpers/cli.ts';
import { refusedPort } from '../transport/fixtures.ts';

// ---- the guidelines' plugin output and perfdata grammar ----------------------------------------
// Output: the first line is TEXT, optionally followed by `|` and perfdata. Long output lines
// follow; the first `|` after the first line starts perfdata that runs to the end of the output.
// Perfdata: space-separated `'label'=value[UOM];[warn];[crit];[min];[max]`; the label may be
// quoted with single quotes (required with spaces; a quote inside is two quotes) and contains no
// `=`; value, min and max are in [-0-9.] (value may be `U`); UOM is one of us, ms, s, %, B, KB, MB,
// TB, c or none; warn and crit are ranges; trailing empty fields may be dropped.
const NUM = '[-0-9.]+';
const RANGE = `@?(?:~|${NUM})?:?(?:${NUM})?`;
const ITEM = new RegExp(
  `^(?:'((?:[^']|'')+)'|([^'=\\s]+))=(U|${NUM})(us|ms|s|%|B|KB|MB|TB|c)?` +
    `(?:;(${RANGE})?(?:;(${RANGE})?(?:;(${NUM})?(?:;(${NUM})?)?)?)?)?$`,
);

interface PerfItem {
  label: string;
  value: number | 'U';
  uom: string;
  warn?: string;
  crit?: string;
}

interface PluginOutput {
  status: string;
  long: string[];
  perf: PerfItem[];
}

/** Split perfdata into items: whitespace outside quoted labels separates them. */
function perfTokens(text: string): string[] {
  const tokens: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "'") {
      if (quoted && text[i + 1] === "'") {
        cur += "''";
        i++;
        continue;
      }
      quoted = !quoted;
      cur += ch;
    } else if (/\s/.test(ch) && !quoted) {
      if (cur) tokens.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (quoted) throw new Error(`unterminated quoted label in ${JSON.stringify(text)}`);
  if (cur) tokens.push(cur);
  return tokens;
}

function parsePerf(text: string): PerfItem[] {
  return perfTokens(text).map((t) => {
    const m = ITEM.exec(t);
    if (!m) throw new Error(`not a perfdata item: ${JSON.stringify(t)}`);
    return {
      label: m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] as string),
      value: m[3] === 'U' ? 'U' : Number(m[3]),
      uom: m[4] ?? '',
      ...(m[5] ? { warn: m[5] } : {}),
      ...(m[6] ? { crit: m[6] } : {}),
    };
  });
}

function parsePluginOutput(out: string): PluginOutput {
  expect(out.endsWith('\n')).toBe(true);
  const lines = out.slice(0, -1).split('\n');
  const [first, ...rest] = lines as [string, ...string[]];
  const bar = first.indexOf('|');
  const status = (bar < 0 ? first : first.slice(0, bar)).trimEnd();
  let perfText = bar < 0 ? '' : first.slice(bar + 1);
  const long: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const line = rest[i] as string;
    const p = line.indexOf('|');
    if (p < 0) {
      long.push(line);
      continue;
    }
    if (p > 0) long.push(line.slice(0, p).trimEnd());
    perfText += ` ${[line.slice(p + 1), ...rest.slice(i + 1)].join(' ')}`;
    break;
  }
  return { status, long, perf: parsePerf(perfText) };
}

// ---- the runs -----------------------------------------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), 'smartlic-check-'));
const NOW = '2026-02-01T00:00:00Z';
const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { cwd: dir, env });

beforeAll(() => {
  const seed = seedConditions();
  writeFileSync(join(dir, 'comm.txt'), `${seed.comm}\n`);
  writeFileSync(join(dir, 'expired.txt'), `${seed.authExpired}\n`);
  writeFileSync(join(dir, 'healthy.txt'), readCorpus('show-license-all__ntc-templates__1.txt'));
  writeFileSync(join(dir, 'notes.txt'), 'not an ASA output\n');
  // A hostile name: a pipe would start perfdata, a quote and an equals sign break a label.
  writeFileSync(join(dir, "edge|x'y=z.txt"), `${seed.comm}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('smartlic check output', () => {
  it('CRITICAL beside a warning and a device not checked: status line, long output, perfdata held to the audit', async () => {
    const files = ['comm.txt', 'expired.txt', 'notes.txt'];
    const r = await cli(['check', '--from', ...files, '--now', NOW, '-w', '30:', '-c', '7:']);
    expect(r.code).toBe(2);
    const out = parsePluginOutput(r.out);
    expect(out.status).toBe(
      'SMARTLIC CRITICAL - 1 of 3 devices: expired AUTH_EXPIRED (also 1 warning, 1 not checked)',
    );
    expect(out.long).toHaveLength(3);
    expect(out.long[0]).toMatch(/^CRITICAL expired: AUTH_EXPIRED /);
    expect(out.long[1]).toMatch(
      /^WARNING comm: COMM_FAILING .*\[deadline in 70 days, registration expires in 345 days\]$/,
    );
    expect(out.long[2]).toMatch(/^UNKNOWN notes: not checked: NO_OUTPUTS/);

    const audit = await cli(['audit', '--from', ...files, '--now', NOW, '--json', '--no-history']);
    const report = JSON.parse(audit.out) as AuditReport;
    const perf = new Map(out.perf.map((p) => [p.label, p]));
    expect(perf.get('devices')?.value).toBe(3);
    expect(perf.get('critical')?.value).toBe(1);
    expect(perf.get('unknown')?.value).toBe(1);
    for (const d of report.devices) {
      const deadline = perf.get(`${d.device} comm_deadline_days`);
      const expiry = perf.get(`${d.device} reg_expiry_days`);
      if (!d.ok) {
        expect(deadline?.value).toBe('U');
        continue;
      }
      if (d.facts.daysToDeadline === null) {
        // AUTH EXPIRED prints DEADLINE EXCEEDED without a date: no series rather than a guess.
        expect(deadline).toBeUndefined();
        expect(d.facts.deadlinePassed).toBe(true);
      } else
        expect(deadline).toEqual({
          label: `${d.device} comm_deadline_days`,
          value: d.facts.daysToDeadline,
          uom: '',
          warn: '30:',
          crit: '7:',
        });
      expect(expiry?.value).toBe(d.facts.daysToRegistrationExpiry);
    }
  });

  it('the thresholds raise a device: -c 90: makes 70 days to the deadline CRITICAL, and says why', async () => {
    const r = await cli(['check', '--from', 'comm.txt', '--now', NOW, '-c', '90:']);
    expect(r.code).toBe(2);
    const out = parsePluginOutput(r.out);
    expect(out.status).toBe(
      'SMARTLIC CRITICAL - 1 of 1 devices: comm communication deadline in 70 days (-c 90:)',
    );
    expect(out.perf.find((p) => p.label === 'comm comm_deadline_days')?.crit).toBe('90:');
  });

  it('OK (0) when nothing is worse than info; WARNING (1) from a finding', async () => {
    const ok = await cli(['check', '--from', 'healthy.txt', '--now', '2018-12-20T00:00:00Z', '-w', '10:']);
    expect(ok.code).toBe(0);
    expect(parsePluginOutput(ok.out).status).toBe('SMARTLIC OK - 1 device checked, none worse than info');
    const warn = await cli(['check', '--from', 'comm.txt', '--now', NOW]);
    expect(warn.code).toBe(1);
    expect(parsePluginOutput(warn.out).status).toMatch(
      /^SMARTLIC WARNING - 1 of 1 devices: comm COMM_FAILING$/,
    );
  });

  it('UNKNOWN (3) when no device could be checked, over SSH too', async () => {
    const port = await refusedPort();
    writeFileSync(
      join(dir, 'hosts.yaml'),
      `defaults: { username: admin, password_env: ASA_PASS }\ndevices:\n  - { name: fw1, host: 127.0.0.1, port: ${port} }\n`,
    );
    const r = await cli(['check', '--inventory', 'hosts.yaml', '--known-hosts', 'kh', '-t', '5'], {
      ASA_PASS: 'x',
    });
    expect(r.code).toBe(3);
    const out = parsePluginOutput(r.out);
    expect(out.status).toMatch(/^SMARTLIC UNKNOWN - 1 of 1 devices not checked: fw1 CONNECT_REFUSED$/);
    expect(out.perf.find((p) => p.label === 'fw1 comm_deadline_days')?.value).toBe('U');
  });

  it('its own failures are UNKNOWN (3) with one status line, never 4 or 64', async () => {
    for (const args of [
      ['check'],
      ['check', '--bogus'],
      ['check', '--from', 'comm.txt', '-w', 'soon'],
      ['check', '--from', 'comm.txt', '-c', '10:5'],
      ['check', '--inventory', 'no-such.yaml'],
      ['check', '--from', 'no-such-file.txt'],
    ]) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.out, args.join(' ')).toMatch(/^SMARTLIC UNKNOWN - [^\n|]+\n$/);
    }
  });

  it('device text cannot break the output: a | in a name stays text, quotes and = stay in their label', async () => {
    const r = await cli(['check', '--from', "edge|x'y=z.txt", '--now', NOW]);
    const out = parsePluginOutput(r.out);
    expect(out.status).toContain("edge/x'y=z COMM_FAILING");
    expect(out.perf.map((p) => p.label)).toContain("edge/x'y_z comm_deadline_days");
  });
});

describe('threshold ranges (Monitoring Plugins guidelines)', () => {
  const alertsAt = (range: string, values: number[]) => values.map((v) => alerts(parseRange(range, '-w'), v));
  it('follows each example of the guidelines', () => {
    // 10: alert if < 0 or > 10
    expect(alertsAt('10', [-1, 0, 10, 11])).toEqual([true, false, false, true]);
    // 10: alert if < 10
    expect(alertsAt('10:', [9, 10, 1e9])).toEqual([true, false, false]);
    // ~:10 alert if > 10
    expect(alertsAt('~:10', [-1e9, 10, 11])).toEqual([false, false, true]);
    // 10:20 alert if < 10 or > 20
    expect(alertsAt('10:20', [9, 10, 20, 21])).toEqual([true, false, false, true]);
    // @10:20 alert if >= 10 and <= 20
    expect(alertsAt('@10:20', [9, 10, 20, 21])).toEqual([false, true, true, false]);
  });
  it('refuses what is not a range', () => {
    for (const bad of ['', 'x', '10:5', '1:2:3', '@', '~'])
      expect(() => parseRange(bad, '-w'), bad).toThrow(/-w: /);
  });
});
