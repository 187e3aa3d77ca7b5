// The fix planner over real outputs (the seed's three conditions and its show license status and
// show run license samples, corpus show version, a PAK capture): the strategy each device gets,
// the exact lines and their rollback, the renewals, the CSCwr56980 caution, and the devices that
// are left alone or skipped with the reason. The renewal verdict and the lines are tested here too.

import { describe, expect, it } from 'vitest';
import type { DeviceCollection } from '../../src/audit/collect/types.ts';
import { diagnose } from '../../src/audit/diagnose/index.ts';
import { snapshotFromOutputs } from '../../src/audit/diagnose/parse-outputs.ts';
import type { FixPlan, FixStrategy } from '../../src/fix/contract.ts';
import { changeLines } from '../../src/fix/lines.ts';
import { type PlanOptions, planFix } from '../../src/fix/strategy.ts';
import { combinedVerdict, renewalVerdict } from '../../src/fix/verify.ts';
import { parseShowVersion, renderShowVersion } from '../../src/text/index.ts';
import {
  fileCollection,
  readCorpus,
  seedConditions,
  seedProxyConfig,
  seedRunLicense,
  seedSmartStatus,
} from '../audit/inputs.ts';
import { readDerived } from '../helpers/fixtures.ts';

const seed = seedConditions();
const OPTS: PlanOptions = { pollSeconds: 5, timeoutSeconds: 120, write: true };

/** A real show version (corpus ntc-templates 4, 9.16(3)19) as the given release prints it. */
function showVersion(version: string): string {
  const data = parseShowVersion(readCorpus('show-version__ntc-templates__4.txt')).data;
  return renderShowVersion({ ...data, software: { ...data.software, version } });
}

const EMPTY_CONFIG = 'license smart\n feature tier standard\n';
/** Seed condition 1 whose last communication attempt succeeded: a device that communicates. */
const COMMUNICATING = seed.comm.replace(
  'FAILED on Jan 12 2026 13:11:25 UTC',
  'SUCCEEDED on Jan 12 2026 13:11:25 UTC',
);

function plan(
  outputs: Record<string, string>,
  opts: Partial<PlanOptions> & { strategy?: FixStrategy } = {},
  at = '2026-01-12T14:00:00Z',
  extra: Partial<DeviceCollection> = {},
): FixPlan {
  const collection = { ...fileCollection('fw1', outputs, at), ...extra };
  const snapshot = snapshotFromOutputs(collection.outputs, at);
  const audit = diagnose(collection, snapshot, Date.parse(at));
  const configRead = 'show running-config license' in outputs;
  return planFix(
    { audit, ...(configRead ? { config: snapshot.config?.license ?? { smart: false } } : {}) },
    { ...OPTS, ...opts },
  );
}

describe('the strategy each device gets', () => {
  it('Smart Transport failing (seed condition 1): Call Home, the type line and its removal, renew auth', () => {
    const p = plan({
      'show license all': seed.comm,
      'show license status': seedSmartStatus(),
      'show version': showVersion('9.22(2)14'),
      'show running-config license': EMPTY_CONFIG,
    });
    expect(p).toMatchObject({
      strategy: 'callhome',
      action: 'change',
      parents: ['license smart'],
      lines: ['transport type callhome'],
      rollback: ['no transport type callhome'],
      renew: ['auth'],
      before: { type: 'smart', proxy: null, lines: [] },
      after: { type: 'callhome', proxy: null, lines: ['transport type callhome'] },
      warnings: [],
    });
    expect(p.why.map((w) => w.code)).toEqual(['COMM_FAILING']);
    expect(p.evidence).toContain(
      'last communication FAILED on 2026-01-12T13:11:25.000Z (Communication message send error) (show license all)',
    );
    expect(p.verify).toMatch(
      /until Last Communication Attempt is a SUCCESS dated after the change; .*undo the change \(`no transport type callhome`\).*write memory only after a verified renewal$/,
    );
  });

  it('an explicit `transport type smart` is restored by its own line', () => {
    const p = plan({
      'show license all': seed.comm,
      'show license status': seedSmartStatus(),
      'show running-config license': 'license smart\n transport type smart\n',
    });
    expect(p.lines).toEqual(['transport type callhome']);
    expect(p.rollback).toEqual(['transport type smart']);
    expect(p.before?.lines).toEqual(['transport type smart']);
  });

  it('authorization expired with ID renewals failing (seed condition 2): renew auth and id', () => {
    const p = plan(
      { 'show license all': seed.authExpired, 'show license status': seedSmartStatus() },
      {},
      '2026-01-05T00:00:00Z',
    );
    expect(p.strategy).toBe('callhome');
    expect(p.renew).toEqual(['auth', 'id']);
    expect(p.why.map((w) => w.code).sort()).toEqual(['AUTH_EXPIRED', 'RENEWAL_FAILING']);
    expect(p.verify).toMatch(/until Last Communication Attempt and Last Renewal Attempt are SUCCESSes dated/);
  });

  it('registration lost (seed condition 3): skipped, it needs an ID token', () => {
    const p = plan({ 'show license all': seed.registrationLost }, {}, '2025-12-16T13:00:00Z');
    expect(p.action).toBe('skip');
    expect(p.summary).toMatch(/registered again with an ID token/);
    expect(p.lines).toEqual([]);
    // Whatever the strategy asked for.
    expect(plan({ 'show license all': seed.registrationLost }, { strategy: 'callhome' }).action).toBe('skip');
  });

  it('Call Home configured (seed show run license) on a release that defaults to Smart: revert, rollback to Call Home', () => {
    const outputs = {
      'show license all': COMMUNICATING,
      'show version': showVersion('9.22(2)14'),
      'show running-config license': seedRunLicense(),
    };
    const p = plan(outputs);
    expect(p).toMatchObject({
      strategy: 'smart',
      action: 'change',
      lines: ['transport type smart'],
      rollback: ['transport type callhome'],
      renew: ['auth'],
    });
    expect(p.summary).toMatch(/^revert to Smart Transport \(9\.22\(2\)14's default\)/);
    expect(p.why.map((w) => w.code)).toEqual(['TRANSPORT_CALLHOME']);
  });

  it('Call Home by its release default (9.16): nothing to do, and nothing to revert even when asked', () => {
    const outputs = {
      'show license all': COMMUNICATING,
      'show version': readCorpus('show-version__ntc-templates__4.txt'),
      'show running-config license': EMPTY_CONFIG,
    };
    expect(plan(outputs)).toMatchObject({ action: 'none', strategy: null });
    expect(plan(outputs, { strategy: 'smart' }).summary).toMatch(
      /9\.16\(3\)19's default, not a fallback: nothing to revert/,
    );
    // Configured as a fallback on that release: --strategy smart reverts it.
    const configured = { ...outputs, 'show running-config license': seedRunLicense() };
    expect(plan(configured, { strategy: 'smart' }).lines).toEqual(['transport type smart']);
  });

  it('--strategy proxy: smart through the proxy, the proxy line removed on rollback, CSCwr56980 named', () => {
    const [, host = '', port = ''] = /transport proxy (\S+) port (\d+)/.exec(seedProxyConfig()) ?? [];
    const p = plan(
      {
        'show license all': seed.comm,
        'show license status': seedSmartStatus(),
        'show version': showVersion('9.22(2)14'),
        'show running-config license': EMPTY_CONFIG,
      },
      { strategy: 'proxy', proxy: { host, port: Number(port) } },
    );
    expect(p.lines).toEqual([`transport proxy ${host} port ${port}`]);
    expect(p.rollback).toEqual([`no transport proxy ${host} port ${port}`]);
    expect(p.after).toEqual({
      type: 'smart',
      proxy: { host, port: Number(port) },
      lines: [`transport proxy ${host} port ${port}`],
    });
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings[0]).toMatch(/^CSCwr56980: .*a licensing proxy is configured: check its settings/);
  });

  it('a device already on that proxy and still failing is skipped: the proxy itself needs a look', () => {
    const p = plan(
      {
        'show license all': seed.comm,
        'show license status': seedSmartStatus(),
        'show running-config license': seedProxyConfig(),
      },
      {
        strategy: 'proxy',
        proxy: {
          host: /transport proxy (\S+)/.exec(seedProxyConfig())?.[1] ?? '',
          port: Number(/port (\d+)/.exec(seedProxyConfig())?.[1]),
        },
      },
    );
    expect(p.action).toBe('skip');
  });

  it('moving a proxied Smart Transport to Call Home says Call Home has its own proxy setting', () => {
    const p = plan({
      'show license all': seed.comm,
      'show license status': seedSmartStatus(),
      'show running-config license': seedProxyConfig(),
    });
    expect(p.strategy).toBe('callhome');
    expect(p.warnings.join('\n')).toMatch(/Call Home uses the http-proxy configured under call-home/);
  });

  it('--strategy renew on a failing device: renew only, nothing to roll back', () => {
    const p = plan(
      { 'show license all': seed.comm, 'show license status': seedSmartStatus() },
      { strategy: 'renew' },
    );
    expect(p).toMatchObject({ strategy: 'renew', action: 'renew', lines: [], rollback: [], renew: ['auth'] });
    expect(p.verify).toMatch(/otherwise report the failure \(there is nothing to roll back\)/);
  });

  it('healthy devices need nothing, whatever the strategy', () => {
    const healthy = {
      'show license all': COMMUNICATING,
      'show license status': seedSmartStatus(),
    };
    for (const strategy of [undefined, 'callhome', 'renew'] as const) {
      const p = plan(healthy, strategy ? { strategy } : {});
      expect(p.action, strategy).toBe('none');
      expect(p.summary).toMatch(
        /^Smart Transport works \(last communication SUCCEEDED on 2026-01-12T13:11:25.000Z\)/,
      );
    }
  });

  it('PAK, a user context and a standby unit are left alone with the reason', () => {
    expect(plan({ 'show version': readDerived('show-version__asa5512x-pak.txt') }).summary).toMatch(
      /Smart Licensing is not in use/,
    );
    const outputs = { 'show license all': seed.comm, 'show license status': seedSmartStatus() };
    expect(
      plan(outputs, {}, undefined, { context: { mode: 'multiple', current: 'ctx1', isSystem: false } })
        .summary,
    ).toMatch(/user context: Smart Licensing is configured in the system context/);
    expect(
      plan(outputs, {}, undefined, { failover: { unit: 'secondary', state: 'standby' } }).summary,
    ).toMatch(/standby unit of a failover pair: fix the active unit/);
  });

  it('from a saved audit (no running config): the lines are implied from the transport it used', () => {
    const p = plan({ 'show license all': seed.comm, 'show license status': seedSmartStatus() });
    expect(p.lines).toEqual(['transport type callhome']);
    expect(p.rollback).toEqual(['transport type smart']);
  });
});

describe('transport lines', () => {
  it('a setting already in force is not typed again; a default type stays implicit', () => {
    expect(changeLines(undefined, 'smart', { type: 'smart' })).toEqual({
      lines: [],
      rollback: [],
      after: {},
    });
    expect(
      changeLines({ type: 'callhome' }, 'callhome', { type: 'smart', proxy: { host: 'p', port: 8080 } }),
    ).toEqual({
      lines: ['transport type smart', 'transport proxy p port 8080'],
      rollback: ['transport type callhome', 'no transport proxy p port 8080'],
      after: { type: 'smart', proxy: { host: 'p', port: 8080 } },
    });
    expect(
      changeLines({ proxy: { host: 'old', port: 1 } }, 'smart', {
        type: 'smart',
        proxy: { host: 'new', port: 2 },
      }).rollback,
    ).toEqual(['transport proxy old port 1']);
  });
});

describe('when a renewal counts as proven', () => {
  const at = (s: string) => ({
    authorization: {
      status: 'AUTHORIZED',
      lastCommunicationAttempt: { result: 'SUCCEEDED' as const, at: s },
    },
  });
  const failed = (s: string) => ({
    authorization: {
      status: 'AUTHORIZED',
      lastCommunicationAttempt: {
        result: 'FAILED' as const,
        at: s,
        failureReason: 'Communication message send error',
      },
    },
  });
  const changed = Date.parse('2026-02-12T13:09:43.640Z');

  it('a SUCCESS dated at or after the change (to the second) proves it', () => {
    const before = failed('2026-02-12T12:10:13.000Z').authorization.lastCommunicationAttempt;
    expect(renewalVerdict('auth', before, changed, at('2026-02-12T13:09:43.000Z')).state).toBe('renewed');
    expect(renewalVerdict('auth', before, changed, at('2026-02-12T13:09:42.000Z')).state).toBe('pending');
  });

  it('the attempt that was there before proves nothing, even on a clock that has not moved', () => {
    const before = at('2026-02-12T13:09:43.000Z').authorization.lastCommunicationAttempt;
    const v = renewalVerdict('auth', before, changed, at('2026-02-12T13:09:43.000Z'));
    expect(v.state).toBe('pending');
    expect(v.detail).toBe('Last Communication Attempt is still the one before the change');
  });

  it('a new FAILED attempt fails at once, with its reason', () => {
    const v = renewalVerdict('auth', null, changed, failed('2026-02-12T13:09:44.000Z'));
    expect(v).toMatchObject({ state: 'failed' });
    expect(v.detail).toBe(
      'Last Communication Attempt: FAILED on 2026-02-12T13:09:44.000Z (Communication message send error)',
    );
  });

  it('an undated attempt (show license summary) stays unproven; several renewals need every one', () => {
    expect(
      renewalVerdict('auth', null, changed, {
        authorization: { status: 'AUTHORIZED', lastCommunicationAttempt: { result: 'SUCCEEDED' } },
      }).state,
    ).toBe('pending');
    const ok = renewalVerdict('auth', null, changed, at('2026-02-12T13:09:50.000Z'));
    const pendingId = renewalVerdict('id', null, changed, at('2026-02-12T13:09:50.000Z'));
    expect(combinedVerdict([ok, pendingId]).state).toBe('pending');
    expect(combinedVerdict([ok, ok]).state).toBe('renewed');
  });
});
