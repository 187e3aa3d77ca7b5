// `smartlic demo` in-process: the built-in lab over real SSH (ssh2 client against the emulated
// ASAs, host keys verified), the JSON report, report.html written, and nothing left listening.
// Its Prometheus textfile is linted by Debian's promtool (with CI=true a missing promtool fails).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport, DeviceAudit } from '../../src/audit/report/contract.ts';
import { BUILTIN_DEVICES } from '../../src/lab/builtin.ts';
import { runCli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-demo-test-'));
let report: AuditReport;
let exitCode: number;
let stderr = '';

function refused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });
}

beforeAll(async () => {
  const run = await runCli(['demo', '--json', '--html', 'report.html', '--prometheus', 'metrics.prom'], {
    cwd: dir,
  });
  exitCode = run.code;
  stderr = run.err;
  report = JSON.parse(run.out) as AuditReport;
}, 90_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const device = (name: string) => report.devices.find((d) => d.device === name) as DeviceAudit;
const codes = (name: string) => device(name)?.findings.map((f) => f.code) ?? [];

describe('smartlic demo', () => {
  it('collects every lab device over SSH, writes report.html and leaves nothing listening', async () => {
    expect(stderr).not.toMatch(/internal error/);
    expect(report.devices.map((d) => d.device).sort()).toEqual(Object.values(BUILTIN_DEVICES).sort());
    for (const d of report.devices) {
      expect(d.ok, `${d.device}: ${d.error?.message}`).toBe(true);
      expect(d.source.kind).toBe('ssh');
      expect(d.facts.platform).not.toBeNull();
    }
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('id="timeline-chart"');
    for (const d of report.devices) {
      if (d.source.kind === 'ssh')
        expect(await refused(d.source.host, d.source.port), `${d.device} still listening`).toBe(true);
    }
  });

  it('shows each device of the built-in lab in its seed condition, and exits 0 (it ran as intended)', () => {
    const b = BUILTIN_DEVICES;
    expect(codes(b.commFailing)).toContain('COMM_FAILING');
    expect(codes(b.authExpired)).toContain('AUTH_EXPIRED');
    expect(codes(b.registrationLost)).toContain('REGISTRATION_LOST');
    expect(codes(b.callhome)).toContain('TRANSPORT_CALLHOME');
    expect(codes(b.unregistered)).toContain('UNREGISTERED');
    expect(device(b.proxy).advisories.map((a) => a.id)).toContain('CSCwr56980');
    expect(device(b.fpr2100).advisories.map((a) => a.id)).toContain('CSCws62173');
    expect(device(b.healthy).worst).toMatch(/^(ok|info)$/);
    expect(report.summary.worst).toBe('critical');
    expect(exitCode).toBe(0);
  });
});

const PROMTOOL = process.env.SMARTLIC_PROMTOOL ?? '/usr/bin/promtool';

function promtoolAvailable(): boolean {
  if (existsSync(PROMTOOL)) return true;
  if (process.env.CI === 'true')
    throw new Error(`${PROMTOOL} is missing and CI=true: install Debian's prometheus package`);
  console.warn(`skipping the promtool check: ${PROMTOOL} not found`);
  return false;
}

describe("the demo's Prometheus textfile", () => {
  it.runIf(promtoolAvailable())('passes promtool check metrics with no lint problem', () => {
    const text = readFileSync(join(dir, 'metrics.prom'), 'utf8');
    const r = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(`${r.stdout}${r.stderr}`).toBe('');
    expect(r.status).toBe(0);
  });

  it('has one up series per device, a transport info series, seconds as the unit, severity as a value only', () => {
    const text = readFileSync(join(dir, 'metrics.prom'), 'utf8');
    const series = (name: string) => text.split('\n').filter((l) => l.startsWith(`${name}{`));
    expect(series('smartlic_device_up')).toHaveLength(report.devices.length);
    expect(series('smartlic_device_up').every((l) => l.endsWith(' 1'))).toBe(true);
    const transports = series('smartlic_transport_info');
    expect(transports).toHaveLength(report.devices.length);
    expect(transports.find((l) => l.includes(`device="${BUILTIN_DEVICES.callhome}"`))).toMatch(
      /type="callhome",url="[^"]*",proxy=""\} 1$/,
    );
    expect(transports.find((l) => l.includes(`device="${BUILTIN_DEVICES.proxy}"`))).toMatch(
      /type="smart",url="[^"]+",proxy="[^"]+:\d+"\} 1$/,
    );
    for (const name of [
      'smartlic_worst_severity',
      'smartlic_registration_info',
      'smartlic_authorization_info',
    ])
      expect(series(name), name).toHaveLength(report.devices.length);
    expect(text).not.toMatch(/_days\b/);
    expect(series('smartlic_worst_severity').some((l) => l.includes('severity='))).toBe(false);
  });
});
