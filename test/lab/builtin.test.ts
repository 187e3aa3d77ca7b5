// The built-in lab: every device starts in its seed situation AND lives: as the clock moves, the
// healthy ones renew with the lab's authority (which adopted their registrations), the blocked
// ones keep failing, the proxy one goes through the gateway.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitNames } from '../../src/emulate/index.ts';
import {
  BUILTIN_CONTEXTS,
  BUILTIN_FAILOVER_PAIR,
  builtinLab,
  BUILTIN_DEVICES as D,
} from '../../src/lab/builtin.ts';
import { type Lab, startLab } from '../../src/lab/lab.ts';
import { parseShowLicense } from '../../src/text/index.ts';
import { sshExec } from './ssh.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-builtin-'));
let lab: Lab;
const DAY = 86_400_000;

beforeAll(async () => {
  lab = await startLab(builtinLab({ password: 'Bu1lt-in-pass', start: '2026-01-12T13:09:43Z' }), {
    stateDir: dir,
  });
}, 60_000);
afterAll(async () => {
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

const view = (name: string) => lab.licenseView(name);

describe('built-in lab', () => {
  it('starts each device in its seed situation, reachable over SSH', async () => {
    expect(view(D.healthy)?.authorization?.status).toBe('AUTHORIZED');
    const c1 = view(D.commFailing)?.authorization;
    expect(c1?.status).toBe('AUTHORIZED');
    expect(c1?.lastCommunicationAttempt?.result).toBe('FAILED');
    expect(view(D.authExpired)?.authorization?.status).toBe('AUTH EXPIRED');
    expect(view(D.registrationLost)?.registration?.status).toBe('REGISTERING');
    expect(view(D.registrationLost)?.registration?.exportControlled).toBe('NOT ALLOWED');
    expect(view(D.unregistered)?.registration?.status).toBe('UNREGISTERED');
    const device = lab.device(D.callhome);
    if (!device) throw new Error('no callhome device');
    const data = parseShowLicense(await sshExec(device, 'show license all')).data;
    expect(data.transport?.type?.toLowerCase()).toBe('callhome');
  });

  it('devices that boot registered hold a certificate with a random secret, not a name one could guess', () => {
    const rows = lab.authority.store.db
      .prepare('SELECT cert_id, udi_sn, registered_at FROM registrations WHERE revoked_at IS NULL')
      .all() as { cert_id: string; udi_sn: string; registered_at: number }[];
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const r of rows) {
      expect(r.cert_id).not.toMatch(/^sim-/);
      // What the scenario called it (serial number and the registration time `show license all`
      // prints) is nobody's certificate.
      const guess = lab.authority.handle({
        kind: 'renewId',
        udi: { pid: 'ASAv', sn: r.udi_sn },
        certificateId: `sim-${r.udi_sn}-${r.registered_at}`,
      });
      expect(guess).toMatchObject({ kind: 'rejected' });
    }
  });

  it('lives: 31 days later the connected devices renewed with the authority, the blocked ones still fail', async () => {
    const before = lab.status().devices;
    await lab.advance(31 * DAY);
    const now = lab.clock.now();
    for (const name of [D.healthy, D.callhome, D.proxy]) {
      const last = view(name)?.authorization?.lastCommunicationAttempt;
      expect(last?.result, name).toBe('SUCCEEDED');
      expect(now - Date.parse(last?.at ?? ''), name).toBeLessThan(31 * DAY);
    }
    expect(view(D.commFailing)?.authorization?.lastCommunicationAttempt?.failureReason).toBe(
      'Communication message send error',
    );
    const after = lab.status().devices;
    const sent = (n: string, s: typeof before) => s.find((d) => d.name === n)?.exchanges.sent ?? 0;
    expect(sent(D.healthy, after)).toBeGreaterThan(sent(D.healthy, before));
    expect(
      lab.gateway.events().some((e) => e.target === 'smartreceiver.cisco.com:443' && e.status === 200),
    ).toBe(true);
  });

  it('has a multiple-context device and a failover pair whose standby shares the active unit’s licence', async () => {
    const multi = lab.device(D.multiContext);
    const pri = lab.device(D.failoverActive);
    const sec = lab.device(D.failoverStandby);
    if (!multi || !pri || !sec) throw new Error('built-in lab lacks its context device or pair');
    expect(multi.contexts).toEqual([...BUILTIN_CONTEXTS]);
    expect(unitNames({ name: BUILTIN_FAILOVER_PAIR, failover: true })).toEqual([
      D.failoverActive,
      D.failoverStandby,
    ]);
    expect(pri.failover).toEqual({ pair: BUILTIN_FAILOVER_PAIR, role: 'primary', state: 'active' });
    expect(sec.failover).toEqual({ pair: BUILTIN_FAILOVER_PAIR, role: 'secondary', state: 'standby' });
    // Licensing is in the system context; a login lands in the admin context.
    expect(await sshExec(multi, 'show license all')).toContain('ERROR: % Invalid input');
    expect(
      parseShowLicense(await sshExec(multi, 'changeto system\nshow license all')).data.registration?.status,
    ).toBe('REGISTERED');
    // Both units print the pair's licence, renewed by the active unit alone (31 days on, above).
    const [a, b] = [view(D.failoverActive), view(D.failoverStandby)];
    expect(a?.authorization?.lastCommunicationAttempt?.result).toBe('SUCCEEDED');
    expect(b?.authorization).toEqual(a?.authorization);
    expect(b?.udi?.sn).not.toBe(a?.udi?.sn);
    const status = lab.status().devices;
    const sent = (n: string) => status.find((d) => d.name === n)?.exchanges.sent ?? -1;
    expect(sent(D.failoverActive)).toBeGreaterThan(0);
    expect(sent(D.failoverStandby)).toBe(0);
    expect(await sshExec(sec, 'show failover')).toMatch(/This host: Secondary - Standby Ready/);
  });
});
