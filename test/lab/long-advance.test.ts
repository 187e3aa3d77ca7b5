// A lab whose devices keep failing (their proxy name resolves nowhere, which the lab's policy does
// not block, so they are not "isolated" and are ordered against each other) advanced by two
// centuries: a handful of steps and exchanges, and every device prints what one that had sent each
// hourly attempt would print. (What it costs against a one-day advance: bench/lab-advance.ts.)

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Lab, startLab } from '../../src/lab/lab.ts';
import type { LabFile } from '../../src/lab/spec.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-long-advance-'));
const HOUR = 3_600_000;
const YEAR = 365 * 24 * HOUR;
let lab: Lab;

beforeAll(async () => {
  const config = [
    'license smart',
    ' feature tier standard',
    ' throughput level 1G',
    ' transport proxy proxy.nowhere.invalid port 3128',
  ].join('\n');
  const spec = {
    start: '2026-01-12T13:09:43Z',
    devices: ['registration-lost', 'comm-failing', 'registered'].map((scenario, i) => ({
      name: `d${i}`,
      password: 'Long-advance-1',
      licensing: scenario,
      startupConfig: config,
    })),
  } as LabFile;
  lab = await startLab(spec, { stateDir: dir });
}, 60_000);
afterAll(async () => {
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('lab clock --advance 200y with devices that keep failing', () => {
  it('takes a few steps and exchanges, not one per hour', async () => {
    const report = await lab.advance(200 * YEAR);
    expect(report.stalled).toEqual([]);
    expect(report.steps).toBeLessThan(20);
    const sent = lab.status().devices.reduce((n, d) => n + d.exchanges.sent, 0);
    expect(sent).toBeLessThan(20);
    expect(lab.clock.now()).toBe(Date.parse('2026-01-12T13:09:43Z') + 200 * YEAR);
  });

  it('the registering device still shows its last hourly attempt and the next one', () => {
    const now = lab.clock.now();
    const reg = lab.licenseView('d0')?.registration;
    expect(reg?.status).toBe('REGISTERING');
    const last = Date.parse(reg?.initialRegistration?.at ?? '');
    const next = Date.parse(reg?.nextRegistrationAttempt ?? '');
    expect(reg?.initialRegistration?.result).toBe('FAILED');
    expect(now - last).toBeGreaterThanOrEqual(0);
    expect(now - last).toBeLessThan(HOUR);
    expect(next - last).toBe(HOUR);
  });

  it('the others expired on their own dates and stopped asking', () => {
    for (const d of ['d1', 'd2']) {
      const v = lab.licenseView(d);
      expect(v?.registration?.status, d).toBe('REGISTRATION EXPIRED');
      expect(v?.authorization?.status, d).toBe('AUTH EXPIRED');
    }
  });
});
