// Issue 10 item 1 in the audit: captures whose dates are far from `now` are diagnosed like fresh
// ones and carry IMPLAUSIBLE_DATE when their dates cannot be right; a device whose diagnosis runs
// past its budget is one error row while the others are reported; Ctrl-C ends a long offline audit
// at once with exit 130 and the devices done so far. (What it costs is measured in
// bench/prediction.ts; the number of machine steps is bounded in src/core/agent/drive.property.test.ts.)

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeviceCollection } from '../../src/audit/collect/types.ts';
import type { AuditReport } from '../../src/audit/report/contract.ts';
import { runAudit } from '../../src/audit/run.ts';
import { runCli } from '../helpers/cli.ts';
import { readCorpus } from './inputs.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-bounded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A real capture: REGISTERED and AUTHORIZED, printed December 2018.
const capture = readCorpus('show-license-all__ntc-templates__1.txt');
const yearsMoved = (a: string, b: string) => capture.replaceAll('2018', a).replaceAll('2019', b);

function collection(device: string, text: string, extra: DeviceCollection['outputs'] = []): DeviceCollection {
  return {
    device,
    source: { kind: 'file', paths: [`${device}.txt`] },
    ok: true,
    outputs: [{ command: 'show license all', text }, ...extra],
    collectedAt: '2026-06-01T00:00:00Z',
    durationMs: 0,
  };
}
const codes = (r: AuditReport, device: string) =>
  r.devices.find((d) => d.device === device)?.findings.map((f) => f.code) ?? [];

describe('old and impossible dates', () => {
  it('are diagnosed, and dates before 2015 or from 2100 on are flagged IMPLAUSIBLE_DATE', async () => {
    const files = {
      y2018: capture,
      y1900: yearsMoved('1900', '1901'),
      y0100: yearsMoved('0100', '0101'),
      y2150: yearsMoved('2150', '2151'),
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, `${name}.txt`), text);
    const r = await runCli(
      [
        'audit',
        '--from',
        ...Object.keys(files).map((f) => `${f}.txt`),
        '--now',
        '2026-12-01T00:00:00Z',
        '--json',
        '--no-history',
      ],
      { cwd: dir, env: {} },
    );
    const report = JSON.parse(r.out) as AuditReport;
    expect(report.devices.map((d) => d.device).sort()).toEqual(['y0100', 'y1900', 'y2018', 'y2150']);
    expect(codes(report, 'y2018')).not.toContain('IMPLAUSIBLE_DATE');
    expect(codes(report, 'y2018')).toContain('AUTH_EXPIRED');
    for (const odd of ['y1900', 'y0100', 'y2150'])
      expect(codes(report, odd), odd).toContain('IMPLAUSIBLE_DATE');
    const finding = report.devices
      .find((d) => d.device === 'y1900')
      ?.findings.find((f) => f.code === 'IMPLAUSIBLE_DATE');
    expect(finding?.severity).toBe('warning');
    expect(finding?.summary).toContain('registration expiry 1901-12-03');
  });

  it('a device clock in 2100 (--now device) is flagged, and judged there', async () => {
    const report = await runAudit({
      collections: [
        collection('clock2100', capture, [
          { command: 'show clock', text: '12:00:00.000 UTC Fri Jan 1 2100\n' },
        ]),
      ],
      now: Date.parse('2026-12-01T00:00:00Z'),
      nowFor: () => Date.parse('2100-01-01T12:00:00Z'),
    });
    expect(report.now).toBe('2100-01-01T12:00:00.000Z');
    expect(report.devices[0]?.findings.find((f) => f.code === 'IMPLAUSIBLE_DATE')?.summary).toContain(
      'the time it is judged at 2100-01-01',
    );
  });
});

describe('a diagnosis past its budget', () => {
  it('becomes one error row; the other devices are reported as usual', async () => {
    const report = await runAudit({
      collections: [
        collection('slow', capture),
        {
          device: 'versiononly',
          source: { kind: 'file', paths: ['v.txt'] },
          ok: true,
          outputs: [{ command: 'show version', text: readCorpus('show-version__ntc-templates__1.txt') }],
          collectedAt: '2026-06-01T00:00:00Z',
          durationMs: 0,
        },
      ],
      now: Date.parse('2026-12-01T00:00:00Z'),
      // Spent before it starts: only the devices with a licensing state to predict reach it.
      diagnosisBudgetMs: -1,
    });
    const slow = report.devices.find((d) => d.device === 'slow');
    expect(slow?.ok).toBe(false);
    expect(slow?.error?.code).toBe('DIAGNOSIS_TOO_SLOW');
    expect(slow?.error?.message).toMatch(/budget/);
    expect(slow?.timeline).toEqual([]);
    const other = report.devices.find((d) => d.device === 'versiononly');
    expect(other?.ok).toBe(true);
    expect(other?.error).toBeNull();
  });
});

describe('Ctrl-C during an offline audit', () => {
  it('ends it after the device in hand: exit 130, a report of the devices done so far', async () => {
    const total = 300;
    mkdirSync(join(dir, 'many'));
    for (let i = 0; i < total; i++)
      writeFileSync(join(dir, 'many', `fw${String(i).padStart(4, '0')}.txt`), yearsMoved('1900', '1901'));
    let interrupted = false;
    const { code, out, err } = await runCli(
      [
        'audit',
        '--from',
        'many',
        '--now',
        '2026-12-01T00:00:00Z',
        '--no-history',
        '--prometheus',
        'many.prom',
      ],
      {
        cwd: dir,
        stderrTty: true,
        onStderr: (chunk) => {
          // The first progress line: devices are being diagnosed. The signal is delivered like the
          // real one, as an event-loop task: it can only be seen if the audit lets the loop turn.
          if (!interrupted && chunk.includes('fw0000')) {
            interrupted = true;
            setImmediate(() => process.emit('SIGINT'));
          }
        },
      },
    );
    expect(interrupted).toBe(true);
    expect(code).toBe(130);
    expect(err).toContain('interrupted');
    const reported = out.match(/fw\d{4}/g) ?? [];
    const rows = new Set(reported);
    expect(rows.size).toBeGreaterThan(0);
    expect(rows.size).toBeLessThan(total);
  });
});
