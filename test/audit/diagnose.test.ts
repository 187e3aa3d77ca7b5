// Diagnosis on the seed's three conditions and the real corpus, evaluated at several `now`
// values: before the communication deadline, after it, and after registration expiry.

import { describe, expect, it } from 'vitest';
import type { DeviceCollection } from '../../src/audit/collect/types.ts';
import { diagnose } from '../../src/audit/diagnose/index.ts';
import { snapshotFromOutputs } from '../../src/audit/diagnose/parse-outputs.ts';
import type { DeviceAudit } from '../../src/audit/report/contract.ts';
import { advisoriesFor } from '../../src/core/index.ts';
import { readDerived } from '../helpers/fixtures.ts';
import {
  fileCollection,
  readCorpus,
  seedConditions,
  seedProxyConfig,
  seedRunLicense,
  seedSmartStatus,
} from './inputs.ts';

const at = (iso: string) => Date.parse(iso);

function audit(c: DeviceCollection, now: string): DeviceAudit {
  return diagnose(c, snapshotFromOutputs(c.outputs, c.collectedAt), at(now));
}
const codes = (a: DeviceAudit) => a.findings.map((f) => f.code);
const finding = (a: DeviceAudit, code: string) => a.findings.find((f) => f.code === code);
const allCli = (a: DeviceAudit) => a.remediation.flatMap((r) => r.cli);

describe('seed condition 1: authorized, communication failing (deadline 2026-04-12)', () => {
  const c = () =>
    fileCollection(
      'asa-comm',
      { 'show license all': seedConditions().comm, 'show license status': seedSmartStatus() },
      '2026-01-12T14:00:00Z',
    );

  it('before the deadline: COMM_FAILING warning, dated prediction, renew and permit the Smart receiver', () => {
    const a = audit(c(), '2026-02-01T00:00:00Z');
    expect(codes(a)).toContain('COMM_FAILING');
    expect(codes(a)).not.toContain('AUTH_EXPIRED');
    expect(finding(a, 'COMM_FAILING')?.severity).toBe('warning');
    expect(a.worst).toBe('warning');
    expect(a.facts.daysToDeadline).toBe(70);
    expect(a.facts.transport?.type).toBe('smart');
    expect(codes(a)).toContain('TRANSPORT_SMART');
    const events = a.timeline.map((t) => t.event);
    expect(events[0]).toMatch(/^2026-04-12 authorization expires: /);
    expect(
      events.some((e) =>
        e.startsWith('after 2027-01-12 a reload comes back in EVAL MODE with strong crypto off'),
      ),
    ).toBe(true);
    expect(allCli(a)).toContain('license smart renew auth');
    expect(a.remediation.some((r) => r.why.includes('smartreceiver.cisco.com') && r.cli.length === 0)).toBe(
      true,
    );
    expect(
      a.remediation.some((r) => r.asdm === 'Configuration > Device Management > Licensing > Smart Licensing'),
    ).toBe(true);
  });

  it('after the deadline: AUTH_EXPIRED although the snapshot still said AUTHORIZED', () => {
    const a = audit(c(), '2026-05-01T00:00:00Z');
    expect(a.facts.authorization).toBe('AUTHORIZED');
    expect(finding(a, 'AUTH_EXPIRED')?.severity).toBe('critical');
    expect(codes(a)).not.toContain('COMM_FAILING');
    expect(a.facts.deadlinePassed).toBe(true);
    expect(a.facts.daysToDeadline).toBeLessThan(0);
    expect(a.timeline.map((t) => t.kind)).not.toContain('auth-expired');
    expect(a.worst).toBe('critical');
  });

  it('after registration expiry: REGISTRATION_LOST, re-register with force', () => {
    const a = audit(c(), '2027-02-01T00:00:00Z');
    expect(finding(a, 'REGISTRATION_LOST')?.severity).toBe('critical');
    expect(allCli(a)).toContain('license smart register idtoken <token> force');
    expect(a.facts.daysToRegistrationExpiry).toBeLessThan(0);
  });
});

describe('running config', () => {
  it('the transport comes from `show run license` when show license prints none (seed: transport type callhome)', () => {
    const c = fileCollection(
      'asa-ch',
      { 'show license all': seedConditions().comm, 'show running-config license': seedRunLicense() },
      '2026-01-12T14:00:00Z',
    );
    const a = audit(c, '2026-02-01T00:00:00Z');
    expect(seedRunLicense()).toMatch(/transport type callhome$/);
    expect(a.facts.transport?.type).toBe('callhome');
    expect(codes(a)).toContain('TRANSPORT_CALLHOME');
    expect(a.remediation.some((r) => r.why.includes('tools.cisco.com'))).toBe(true);
  });
});

describe('proxy configured (seed example)', () => {
  it('is told about CSCwr56980, and the fix keeps its proxy line', () => {
    const c = fileCollection(
      'asa-px',
      {
        'show license all': seedConditions().comm,
        'show license status': seedSmartStatus(),
        'show running-config license': seedProxyConfig(),
      },
      '2026-01-12T14:00:00Z',
    );
    const a = audit(c, '2026-02-01T00:00:00Z');
    expect(a.facts.transport?.proxy).toEqual({ host: 'cisco-lab-proxy.cisco.com', port: 80 });
    expect(a.advisories.map((x) => x.id)).toContain('CSCwr56980');
    expect(finding(a, 'TRANSPORT_SMART')?.detail).toMatch(/CSCwr56980/);
    const fix = a.remediation.find((r) =>
      r.cli.includes('transport proxy cisco-lab-proxy.cisco.com port 80'),
    );
    expect(fix?.why).toMatch(/CSCwr56980/);
  });
});

describe('seed condition 2: AUTH EXPIRED, DEADLINE EXCEEDED, renewal failing', () => {
  const c = () =>
    fileCollection(
      'asa-expired',
      { 'show license all': seedConditions().authExpired },
      '2026-01-05T00:00:00Z',
    );

  it('before registration expiry: AUTH_EXPIRED and RENEWAL_FAILING, registration expiry ahead', () => {
    const a = audit(c(), '2026-01-10T00:00:00Z');
    expect(finding(a, 'AUTH_EXPIRED')?.severity).toBe('critical');
    expect(finding(a, 'RENEWAL_FAILING')?.severity).toBe('warning');
    expect(a.facts.deadlinePassed).toBe(true);
    // The device no longer prints the deadline date, and the AUTH EXPIRED date is its last
    // communication attempt's (06:37:55, as Last Communication Attempt), not the deadline's.
    expect(a.facts.communicationDeadline).toBeNull();
    expect(a.facts.daysToDeadline).toBeNull();
    expect(finding(a, 'AUTH_EXPIRED')?.summary).not.toMatch(/expired on 2025-12-29/);
    expect(a.facts.registrationExpires).toBe('2026-06-02T03:15:26.000Z');
    expect(a.timeline.some((t) => t.event.startsWith('2026-06-02 registration expires'))).toBe(true);
    expect(
      a.timeline.some((t) => t.event.startsWith('after 2026-06-02 a reload comes back in EVAL MODE')),
    ).toBe(true);
  });

  it('after registration expiry: REGISTRATION_LOST instead of RENEWAL_FAILING', () => {
    const a = audit(c(), '2026-07-01T00:00:00Z');
    expect(codes(a)).toContain('REGISTRATION_LOST');
    expect(codes(a)).not.toContain('RENEWAL_FAILING');
    expect(codes(a)).toContain('AUTH_EXPIRED');
  });
});

describe('seed condition 3: reloaded after a year, REGISTERING + EVAL MODE', () => {
  it('REGISTRATION_LOST, EVAL_MODE and EXPORT_CONTROL_NOT_ALLOWED are critical', () => {
    const c = fileCollection(
      'asa-eval',
      { 'show license all': seedConditions().registrationLost },
      '2025-12-16T13:00:00Z',
    );
    const a = audit(c, '2025-12-20T00:00:00Z');
    for (const code of ['REGISTRATION_LOST', 'EVAL_MODE', 'EXPORT_CONTROL_NOT_ALLOWED']) {
      expect(finding(a, code)?.severity, code).toBe('critical');
    }
    expect(finding(a, 'EXPORT_CONTROL_NOT_ALLOWED')?.detail).toMatch(/VPN/);
    expect(allCli(a)).toContain('license smart register idtoken <token> force');
  });
});

describe('corpus', () => {
  const one = () =>
    fileCollection(
      'ntc1',
      { 'show license all': readCorpus('show-license-all__ntc-templates__1.txt') },
      '2018-12-03T17:00:00Z',
    );

  it('ntc-templates 1 (REGISTERED, AUTHORIZED, SUCCESS) is healthy in Dec 2018', () => {
    const a = audit(one(), '2018-12-10T00:00:00Z');
    expect(a.worst).toBe('ok');
    expect(a.findings).toEqual([]);
    expect(a.facts.platform).toBe('ASAv');
    expect(a.facts.daysToDeadline).toBe(83);
    const kinds = a.timeline.map((t) => t.kind);
    expect(kinds).toEqual(expect.arrayContaining(['auth-expired', 'registration-expired', 'reload-eval']));
    const expiry = a.timeline.find((t) => t.kind === 'auth-expired');
    expect(expiry?.event).toMatch(/^2019-03-03 authorization expires: AnyConnect Premium peers drop to 2/);
  });

  it('the same snapshot read in April 2019 is AUTH_EXPIRED, and in 2020 REGISTRATION_LOST', () => {
    expect(codes(audit(one(), '2019-04-01T00:00:00Z'))).toEqual(['AUTH_EXPIRED']);
    expect(codes(audit(one(), '2020-01-01T00:00:00Z'))).toEqual(['REGISTRATION_LOST', 'AUTH_EXPIRED']);
  });

  it('ntc-templates 3 (UNREGISTERED, EVAL MODE) warns and predicts the end of evaluation', () => {
    const c = fileCollection(
      'ntc3',
      { 'show license all': readCorpus('show-license-all__ntc-templates__3.txt') },
      '2018-12-01T00:00:00Z',
    );
    const a = audit(c, '2018-12-01T00:00:00Z');
    expect(codes(a).sort()).toEqual(['EVAL_MODE', 'EXPORT_CONTROL_NOT_ALLOWED', 'UNREGISTERED']);
    expect(a.worst).toBe('warning');
    const evalEnd = a.timeline.find((t) => t.kind === 'eval-expired');
    expect(evalEnd?.at.slice(0, 10)).toBe('2019-02-28');
    expect(allCli(a)).toContain('license smart register idtoken <token>');
  });

  it('ntc-templates 4 (Callhome) is told Call Home is deprecated and how to go back to Smart', () => {
    const c = fileCollection(
      'ntc4',
      { 'show license all': readCorpus('show-license-all__ntc-templates__4.txt') },
      '2023-01-24T00:00:00Z',
    );
    const a = audit(c, '2023-02-01T00:00:00Z');
    expect(codes(a)).toEqual(['TRANSPORT_CALLHOME']);
    expect(a.worst).toBe('info');
    const back = a.remediation.find((r) => r.cli.includes('transport type smart'));
    expect(back?.cli).toEqual([
      'configure terminal',
      'license smart',
      'transport type smart',
      'end',
      'write memory',
    ]);
    expect(back?.why).toMatch(/deprecated/);
  });
});

describe('collection failures', () => {
  it('a failed device is a row with its error; a changed host key is critical', () => {
    const base: DeviceCollection = {
      device: 'edge',
      source: { kind: 'ssh', host: '127.0.0.1', port: 2222 },
      ok: false,
      error: { phase: 'auth', code: 'AUTH_FAILED', message: 'authentication failed for user admin' },
      outputs: [],
      collectedAt: '2026-01-01T00:00:00Z',
      durationMs: 12,
    };
    const a = diagnose(base, { parseWarnings: 0 }, at('2026-01-01T00:00:00Z'));
    expect(a.ok).toBe(false);
    expect(codes(a)).toEqual(['COLLECTION_FAILED']);
    // A device that could not be checked is UNKNOWN, neither a warning nor ok.
    expect(a.worst).toBe('unknown');
    const hk = diagnose(
      { ...base, error: { phase: 'hostkey', code: 'HOSTKEY_CHANGED', message: 'host key changed' } },
      { parseWarnings: 0 },
      at('2026-01-01T00:00:00Z'),
    );
    expect(hk.worst).toBe('critical');
  });
});

describe('corpus show version', () => {
  it('an Unlicensed ASAv (genieparser 1) is PLATFORM_UNLICENSED; its version and platform become facts', () => {
    const c = fileCollection(
      'genie1',
      { 'show version': readCorpus('show-version__genieparser-asa__1.txt') },
      '2020-01-01T00:00:00Z',
    );
    const a = audit(c, '2020-01-01T00:00:00Z');
    expect(codes(a)).toContain('PLATFORM_UNLICENSED');
    expect(a.facts.version).toBe('9.8(4)10');
    expect(a.facts.platform).toMatch(/ASAv/);
    // 9.8 is older than every train with a listed fix for CSCwp10957.
    expect(a.advisories.map((x) => x.id)).toContain('CSCwp10957');
    expect(a.remediation.some((r) => r.cli.includes('feature tier standard'))).toBe(true);
  });

  it('a Firepower 2130 on 9.8 (unicon mock) gets both version advisories, each with its reason', () => {
    const c = fileCollection(
      'fpr',
      { 'show version': readCorpus('show-version__unicon-plugins-asa-mock__1.txt') },
      '2020-01-01T00:00:00Z',
    );
    const a = audit(c, '2020-01-01T00:00:00Z');
    expect(a.facts.platform).toMatch(/2130/);
    const ids = a.advisories.map((x) => x.id).sort();
    expect(ids).toEqual(['CSCwp10957', 'CSCws62173']);
    expect(a.advisories.every((x) => x.reason.includes('9.8'))).toBe(true);
  });

  it('a PAK platform (ISA-3000, ntc-templates 4) is told Smart Licensing does not apply', () => {
    const c = fileCollection(
      'isa',
      { 'show version': readCorpus('show-version__ntc-templates__4.txt') },
      '2024-01-01T00:00:00Z',
    );
    const a = audit(c, '2024-01-01T00:00:00Z');
    expect(codes(a)).toEqual(['NO_LICENSE_DATA']);
    expect(a.findings[0]?.severity).toBe('info');
    expect(a.facts.version).toBe('9.16(3)19');
  });
});

describe('advisories where Smart Licensing is not in use', () => {
  it('a PAK-licensed ASA 5512-X on 9.12(4) is told no Smart Licensing advisory and no upgrade it cannot run', () => {
    const c = fileCollection(
      'fw5512',
      { 'show version': readDerived('show-version__asa5512x-pak.txt') },
      '2026-01-20T00:00:00Z',
    );
    const a = audit(c, '2026-01-20T00:00:00Z');
    expect(a.facts).toMatchObject({ platform: 'ASA5512', version: '9.12(4)', licenseMode: 'pak' });
    expect(a.advisories).toEqual([]);
    expect(codes(a)).toEqual(['NO_LICENSE_DATA']);
    expect(finding(a, 'NO_LICENSE_DATA')?.severity).toBe('info');
    expect(JSON.stringify(a)).not.toContain('9.20(4)14');
  });

  it('where the licensing is not known, a fix no release of the platform carries is not offered as an upgrade', () => {
    const [m] = advisoriesFor({ version: '9.12(4)', platform: 'ASA5512' }).filter(
      (x) => x.id === 'CSCwp10957',
    );
    expect(m?.affected).toBe(true);
    expect(m?.upgradeTo).toBeUndefined();
    expect(m?.reason).toContain('none runs on the ASA5512 (its last release train is 9.12)');
    // On a box that runs the fixed train the upgrade is offered as before.
    const [v] = advisoriesFor({ version: '9.18(1)', platform: 'ASAv10' }).filter(
      (x) => x.id === 'CSCwp10957',
    );
    expect(v?.upgradeTo).toBe('9.20(4)14');
    expect(advisoriesFor({ version: '9.18(1)', platform: 'ASAv10', smartLicensing: false })).toEqual([]);
  });
});

describe('out of compliance', () => {
  it('an authorization status of OUT OF COMPLIANCE is a warning of its own', () => {
    // The corpus sample with its status word changed as a Catalyst prints it (docs/ARCHITECTURE.md,
    // "Sources": Catalyst samples).
    const text = readCorpus('show-license-all__ntc-templates__4.txt').replace(
      'Status: AUTHORIZED on',
      'Status: OUT OF COMPLIANCE on',
    );
    const a = audit(
      fileCollection('ooc', { 'show license all': text }, '2023-01-24T00:00:00Z'),
      '2023-02-01T00:00:00Z',
    );
    expect(a.facts.authorization).toBe('OUT OF COMPLIANCE');
    expect(codes(a)).toContain('OUT_OF_COMPLIANCE');
    expect(a.worst).toBe('warning');
  });
});

describe('context and failover', () => {
  it('audited from a user context: said so (info); failover unit/state kept in the facts', () => {
    const c = {
      ...fileCollection('ctx', { 'show license all': seedConditions().comm }, '2026-01-12T14:00:00Z'),
      context: { mode: 'multiple' as const, current: 'admin', isSystem: false },
      failover: { unit: 'primary' as const, state: 'active' as const },
    };
    const a = audit(c, '2026-02-01T00:00:00Z');
    expect(finding(a, 'USER_CONTEXT')?.severity).toBe('info');
    expect(a.facts.context).toBe('user context admin');
    expect(a.facts.failover).toBe('primary/active');
    const sys = audit({ ...c, context: { mode: 'multiple', isSystem: true } }, '2026-02-01T00:00:00Z');
    expect(codes(sys)).not.toContain('USER_CONTEXT');
    expect(sys.facts.context).toBe('system');
  });
});
