// The built-in lab over 400 virtual days with the network open: every device that starts
// AUTHORIZED stays AUTHORIZED. Its agents renew authorization every 30 days and the ID certificate
// every 180 against the lab's authority, so a device whose requested entitlement has no pool there
// (fpr2130-affected once asked for FPR2100-ASA-STANDARD while the lab pooled FPR-ASA-STANDARD)
// drifts to OUT OF COMPLIANCE at its first renewal, and one whose registration is lost drops out.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../../src/core/time.ts';
import { builtinLab, BUILTIN_DEVICES as D } from '../../src/lab/builtin.ts';
import { DEFAULT_POOLS } from '../../src/lab/catalog.ts';
import { type Lab, startLab } from '../../src/lab/lab.ts';
import { parseShowLicense } from '../../src/text/index.ts';
import { sshExec } from './ssh.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-long-run-'));
let lab: Lab;
let healthy: string[] = [];

beforeAll(async () => {
  // Open connectivity: the built-in lab without its network rules.
  const spec = { ...builtinLab({ password: 'L0ng-run-pass', start: '2026-01-12T13:09:43Z' }), network: [] };
  lab = await startLab(spec, { stateDir: dir });
  healthy = lab.devices
    .map((d) => d.name)
    .filter((n) => lab.licenseView(n)?.authorization?.status === 'AUTHORIZED');
}, 60_000);
afterAll(async () => {
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('built-in lab, 400 days with open connectivity', () => {
  it('starts the healthy devices (fpr2130-affected among them) AUTHORIZED, asking for pooled tags', () => {
    expect(healthy).toEqual(expect.arrayContaining([D.healthy, D.callhome, D.proxy, D.fpr2100]));
    const pooled = new Set(DEFAULT_POOLS.map((p) => p.tag));
    for (const name of healthy) {
      for (const u of lab.licenseView(name)?.usage ?? [])
        expect(pooled.has(u.tag), `${name} ${u.tag}`).toBe(true);
    }
  });

  it('keeps every one of them AUTHORIZED, step by step and in show license all at the end', async () => {
    const start = lab.clock.now();
    for (let day = 20; day <= 400; day += 20) {
      const report = await lab.advance(start + day * DAY - lab.clock.now());
      expect(report.stalled, `day ${day}`).toEqual([]);
      for (const name of healthy) {
        const auth = lab.licenseView(name)?.authorization;
        expect(`${name} day ${day}: ${auth?.status}`).toBe(`${name} day ${day}: AUTHORIZED`);
      }
    }
    for (const name of healthy) {
      const device = lab.device(name);
      if (!device) throw new Error(`no device ${name}`);
      // A multiple-context device shows its licence in the system context (a login lands in admin).
      const command = device.contexts ? 'changeto system\nshow license all' : 'show license all';
      const data = parseShowLicense(await sshExec(device, command)).data;
      expect(data.registration?.status, name).toBe('REGISTERED');
      expect(data.authorization?.status, name).toBe('AUTHORIZED');
      expect(data.authorization?.lastCommunicationAttempt?.result, name).toBe('SUCCEEDED');
      expect(data.usage?.length, name).toBeGreaterThan(0);
      for (const u of data.usage ?? []) expect(u.status, `${name} ${u.tag}`).toBe('AUTHORIZED');
      // Renewed within the last authorization period, with its ID certificate renewed too.
      const last = Date.parse(data.authorization?.lastCommunicationAttempt?.at ?? '');
      expect(lab.clock.now() - last, name).toBeLessThanOrEqual(30 * DAY);
      expect(Date.parse(data.registration?.expires ?? ''), name).toBeGreaterThan(lab.clock.now());
    }
  }, 120_000);
});
