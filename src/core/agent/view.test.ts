import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, readCorpus } from '../../../test/text/corpus.ts';
import { parseShowLicense, renderShowLicenseStatus } from '../../text/index.ts';
import { DAY } from '../time.ts';
import { SMART_TRANSPORT_URL } from '../transport.ts';
import { register } from './commands.ts';
import { advanceWith } from './drive.ts';
import { simulatedAuthority } from './simulated-authority.ts';
import { createAgentState } from './state.ts';
import { DEFAULT_TIMERS } from './timers.ts';
import { toVersionView } from './version-view.ts';
import { fromLicenseView, toLicenseView } from './view.ts';

const smart = { transport: { type: 'smart', url: SMART_TRANSPORT_URL, proxy: null } };
const seed = (n: number) =>
  parseShowLicense(readFileSync(join(FIXTURES_DIR, `seed-condition-${n}.txt`), 'utf8')).data;

/** An ASAv with a 1G Standard entitlement, registered and then authorized by `t`. */
const registeredAt = (t: number) => {
  const typed = t - DEFAULT_TIMERS.registerAfterCommand - DEFAULT_TIMERS.authAfterRegistration;
  return advanceWith(
    register(
      createAgentState({
        udi: { pid: 'ASAv', sn: '9A1' },
        now: typed,
        entitlements: [{ tag: 'ASAv-STD-1G', count: 1 }],
      }),
      't',
      false,
      typed,
    ),
    t,
    simulatedAuthority(),
  );
};

describe('toLicenseView', () => {
  const T0 = Date.parse('2026-01-12T13:09:43Z');
  const s = registeredAt(T0);

  it('prints the seed Smart Transport status block line for line', () => {
    const text = renderShowLicenseStatus(toLicenseView(s, T0, smart));
    const seedBlock = [
      'Smart Licensing is ENABLED',
      'Utility:',
      'Status: DISABLED',
      'Data Privacy:',
      'Sending Hostname: yes',
      'Callhome hostname privacy: DISABLED',
      'Smart Licensing hostname privacy: DISABLED',
      'Version privacy: DISABLED',
      'Transport:',
      'Type: Smart',
      `URL: ${SMART_TRANSPORT_URL}`,
      'Proxy:',
      'Not Supported',
      'VRF:',
      'Not Supported',
    ];
    const ours = text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => seedBlock.includes(l) || /^(Type|URL|Status):/.test(l));
    expect(
      ours.filter((l) => !l.startsWith('Status: REGISTERED') && !l.startsWith('Status: AUTHORIZED')),
    ).toEqual(seedBlock);
  });

  it('prints a configured proxy and Callhome', () => {
    const v = toLicenseView(s, T0, {
      transport: { type: 'callhome', proxy: { host: 'proxy.lab', port: 3128 } },
    });
    expect(v.transport).toEqual({ type: 'callhome', proxy: { host: 'proxy.lab', port: 3128 }, vrf: null });
  });

  it('never carries the ID token', () => {
    expect(
      JSON.stringify(toLicenseView(register(s, 'SECRET-TOKEN', true, T0 + DAY), T0 + DAY, smart)),
    ).not.toContain('SECRET-TOKEN');
  });
});

describe('fromLicenseView: the seed snapshots start the machine', () => {
  it.each([
    [1, '2026-01-12T13:11:30Z'],
    [2, '2025-12-29T07:20:10Z'],
    [3, '2025-12-16T12:59:30Z'],
  ])('seed condition %i prints back what was parsed', (n, at) => {
    const parsed = seed(n);
    const now = Date.parse(at);
    const v = toLicenseView(fromLicenseView(parsed, now), now, smart);
    expect(v.registration).toMatchObject(parsed.registration as object);
    expect(v.authorization).toMatchObject(parsed.authorization as object);
  });

  it('infers the timers it was not shown (documented rules)', () => {
    const s = fromLicenseView(seed(1), Date.parse('2026-01-12T13:11:30Z'));
    // The seed's deadline 13:04:55 is a success at 13:09:56 (13 s after its registration) + 90 d − the lead.
    expect(s.authorization.lastSuccessAt).toBe(Date.parse('2026-01-12T13:09:56Z'));
    expect(s.authorization.commFailures).toBe(1);
    // Expiry 13:04:42 a year on, less the lead: the seed's own Initial Registration, 13:09:43.
    expect(s.registration.issuedAt).toBe(Date.parse('2026-01-12T13:09:43Z'));
    const s2 = fromLicenseView(seed(2), Date.parse('2025-12-29T07:20:10Z'));
    expect(s2.authorization.commFailures).toBe(2);
    expect(s2.registration.renewFailures).toBe(1);
  });

  it('corpus show license all snapshots print back (NTC 1, 3, 4)', () => {
    for (const [file, at] of [
      ['show-license-all__ntc-templates__1.txt', '2018-12-03T17:00:00Z'],
      ['show-license-all__ntc-templates__3.txt', '2018-12-03T17:00:00Z'],
      ['show-license-all__ntc-templates__4.txt', '2023-01-24T00:00:00Z'],
    ] as const) {
      const parsed = parseShowLicense(readCorpus(file)).data;
      const now = Date.parse(at);
      const v = toLicenseView(fromLicenseView(parsed, now), now, { transport: { type: 'callhome' } });
      expect(v.registration, file).toMatchObject(parsed.registration as object);
      const { evaluationRemainingSeconds: _e, ...auth } = parsed.authorization ?? {};
      expect(v.authorization, file).toMatchObject(auth);
      expect(v.udi).toEqual(parsed.udi);
      expect(v.usage?.map((u) => u.tag)).toEqual(parsed.usage?.map((u) => u.tag));
    }
  });
});

describe('toVersionView', () => {
  const T0 = Date.parse('2026-01-12T13:09:43Z');
  const device = {
    hostname: 'asa1',
    platform: 'ASAv10',
    version: '9.22(1.1)',
    serial: '9A1',
    uptime: '3 days 2 hours',
  };

  it('an unregistered ASAv with an entitlement: Unlicensed, Eval period, 100 Kbps', () => {
    const s = createAgentState({
      udi: { pid: 'ASAv', sn: '9A1' },
      now: T0,
      entitlements: [{ tag: 'ASAv-STD-1G', count: 1 }],
    });
    expect(toVersionView(device, s, T0)).toMatchObject({
      licenseMode: 'Smart Licensing',
      platformLicenseState: 'Unlicensed',
      activeEntitlement: 'ASAv-STD-1G',
      enforceMode: 'Eval period',
      throughputLimit: '100 Kbps',
      hardware: { model: 'ASAv' },
      modelId: 'ASAv10',
    });
  });

  it('no entitlement configured prints the corpus note instead', () => {
    const s = createAgentState({ udi: { pid: 'ASAv', sn: '9A1' }, now: T0 });
    const v = toVersionView(device, s, T0);
    expect(v.activeEntitlement).toBeUndefined();
    expect(v.notes).toEqual(['No active entitlement: no feature tier and no throughput level configured']);
  });

  it('authorized: Licensed, Authorized, entitlement throughput and limits', () => {
    const s = registeredAt(T0);
    const v = toVersionView(device, s, T0);
    expect(v).toMatchObject({
      platformLicenseState: 'Licensed',
      enforceMode: 'Authorized',
      throughputLimit: '1 Gbps',
    });
    expect(v.features?.find((f) => f.name === 'AnyConnect Premium Peers')?.value).toBe('250');
  });

  it('failover adds the failover cluster block (Security Contexts doubled, as on the corpus FPR-2130)', () => {
    const s = createAgentState({ udi: { pid: 'FPR-2130', sn: 'JAD1' }, now: T0 });
    const v = toVersionView({ ...device, platform: 'FPR-2130', failover: true }, s, T0);
    expect(v.failoverClusterFeatures?.find((f) => f.name === 'Security Contexts')?.value).toBe('4');
    expect(v.failoverClusterFeatures?.length).toBe(v.features?.length);
    expect(toVersionView({ ...device, platform: 'FPR-2130' }, s, T0).failoverClusterFeatures).toBeUndefined();
  });

  it('Firepower prints no ASAv header lines', () => {
    const s = createAgentState({ udi: { pid: 'FPR-2130', sn: 'JAD1' }, now: T0 });
    const v = toVersionView({ ...device, platform: 'FPR-2130' }, s, T0);
    expect(v.platformLicenseState).toBeUndefined();
    expect(v.hardware?.model).toBe('FPR-2130');
    expect(v.features?.find((f) => f.name === 'Encryption-3DES-AES')?.value).toBe('Disabled');
  });
});
