// What the report says, checked on real outputs (the seed's conditions and the corpus): fixes that
// name the real cause, assumed dates labelled and anchored, no event ahead that already happened,
// what-ifs apart from what is happening, notes about the time a device was judged at, times to
// the second and a --summary without fixes.

import { describe, expect, it } from 'vitest';
import type { DeviceCollection } from '../../src/audit/collect/types.ts';
import { renderHtml } from '../../src/audit/report/html.ts';
import { renderTable } from '../../src/audit/report/table.ts';
import { runAudit } from '../../src/audit/run.ts';
import { renderShowClock } from '../../src/text/index.ts';
import { fileCollection, readCorpus, seedConditions, seedFleet } from './inputs.ts';

const NOW = Date.parse('2026-02-01T00:00:00Z');
const one = async (c: DeviceCollection, now = NOW, extra: Partial<Parameters<typeof runAudit>[0]> = {}) =>
  (await runAudit({ collections: [c], now, ...extra })).devices[0] as NonNullable<
    Awaited<ReturnType<typeof runAudit>>['devices'][0]
  >;

describe('fixes say what is true', () => {
  const unlicensedVersion = readCorpus('show-version__genieparser-asa__1.txt');
  /** The seed's AUTH EXPIRED device with an Unlicensed show version and this license config. */
  const expiredWith = (config: string) =>
    one(
      fileCollection(
        'fw',
        {
          'show license all': seedConditions().authExpired,
          'show version': unlicensedVersion,
          'show running-config license': config,
        },
        '2026-01-05T00:00:00Z',
      ),
    );
  it('PLATFORM_UNLICENSED beside AUTH_EXPIRED names the expired authorization, and no tier/level step', async () => {
    const d = await expiredWith('license smart\n feature tier standard\n throughput level 1G\n');
    const platform = d.findings.find((f) => f.code === 'PLATFORM_UNLICENSED');
    expect(platform?.summary).toMatch(/because of the expired authorization \(AUTH_EXPIRED\)$/);
    expect(platform?.detail).toMatch(/feature tier and throughput level need no change/);
    expect(d.remediation.map((r) => r.step)).not.toContain('platform-entitlement');
    expect(d.remediation.map((r) => r.step)).toContain('renew-auth');
  });

  it('…but when the running config lacks them, the tier/level step stays', async () => {
    const d = await expiredWith('license smart\n feature tier standard\n');
    expect(d.findings.find((f) => f.code === 'PLATFORM_UNLICENSED')?.detail).toMatch(/also not configured/);
    expect(d.remediation.map((r) => r.step)).toContain('platform-entitlement');
  });

  it('an authorized but Unlicensed platform is still told to configure its entitlement', async () => {
    const d = await one(fileCollection('fw', { 'show version': unlicensedVersion }, '2026-01-05T00:00:00Z'));
    expect(d.findings.find((f) => f.code === 'PLATFORM_UNLICENSED')?.summary).not.toMatch(/because of/);
    expect(d.remediation.map((r) => r.step)).toContain('platform-entitlement');
  });
});

describe('the timeline', () => {
  it('an evaluation end the outputs do not date is labelled as assumed and does not move with --now', async () => {
    const eval_ = seedFleet().find((c) => c.device === 'asa-eval') as DeviceCollection;
    const at = async (now: string) =>
      (await one(eval_, Date.parse(now))).timeline.find((t) => t.kind === 'eval-expired');
    const early = await at('2026-01-01T00:00:00Z');
    const later = await at('2026-02-15T00:00:00Z');
    expect(early?.assumption).toMatch(
      /do not print the evaluation time left: assumed a full 90 days from 2025-12-16/,
    );
    expect(later?.at).toBe(early?.at);
    expect(early?.basis).toBe('expected');
  });

  it('condition 1 judged on its deadline day, after the deadline: AUTH_EXPIRED, and no "authorization expires" ahead', async () => {
    const seed = seedConditions();
    const d = await one(
      fileCollection('c1', { 'show license all': seed.comm }, '2026-04-12T15:00:00Z'),
      Date.parse('2026-04-12T15:00:00Z'),
    );
    expect(d.findings[0]?.code).toBe('AUTH_EXPIRED');
    expect(d.timeline.map((t) => t.kind)).not.toContain('auth-expired');
  });

  it('a device communicating today gets what-ifs, a failing one expected events', async () => {
    const healthy = await one(
      fileCollection(
        'ok',
        { 'show license all': readCorpus('show-license-all__ntc-templates__1.txt') },
        '2018-12-20T00:00:00Z',
      ),
      Date.parse('2018-12-20T00:00:00Z'),
    );
    expect(healthy.timeline.length).toBeGreaterThan(0);
    expect(new Set(healthy.timeline.map((t) => t.basis))).toEqual(new Set(['hypothetical']));
    const comm = await one(seedFleet()[0] as DeviceCollection);
    expect(new Set(comm.timeline.map((t) => t.basis))).toEqual(new Set(['expected']));
    const text = renderTable(
      await runAudit({ collections: [seedFleet()[0] as DeviceCollection], now: NOW }),
      { color: false },
    );
    expect(text).toContain('ahead unless it is fixed:');
    expect(text).not.toContain('only if connectivity broke now');
  });
});

describe('notes about the time a device was judged at', () => {
  const seed = seedConditions();
  it('a capture more than a day older than the evaluation time (its show clock) gets a note', async () => {
    const d = await one(
      fileCollection(
        'old',
        { 'show license all': seed.comm, 'show clock': renderShowClock(Date.parse('2026-01-12T14:00:00Z')) },
        '2026-01-12T14:00:00Z',
      ),
    );
    expect(d.notes).toHaveLength(1);
    expect(d.notes[0]).toMatch(
      /^captured 2026-01-12 14:00:00 UTC \(its show clock\), 19 days behind the evaluation time/,
    );
  });

  it('saved outputs without show clock are dated by when they were saved', async () => {
    const d = await one(fileCollection('old', { 'show license all': seed.comm }, '2026-01-01T00:00:00Z'));
    expect(d.notes[0]).toMatch(/the saved outputs date from 2026-01-01 00:00:00 UTC .* 31 days before/);
    const fresh = await one(
      fileCollection('fresh', { 'show license all': seed.comm }, '2026-01-31T12:00:00Z'),
    );
    expect(fresh.notes).toEqual([]);
  });

  it('--now device without show clock says it fell back to this host’s clock', async () => {
    const d = await one(fileCollection('x', { 'show license all': seed.comm }, '2026-02-01T00:00:00Z'), NOW, {
      nowFor: () => undefined,
    });
    expect(d.notes[0]).toMatch(
      /^--now device: the outputs hold no show clock in UTC, so this device was evaluated at this host’s clock, 2026-02-01 00:00:00 UTC$/,
    );
  });
});

describe('views', () => {
  it('times to the second; the summary first; --summary without details or fixes; info counts as ok', async () => {
    const report = await runAudit({ collections: seedFleet(), now: Date.parse('2026-02-01T12:34:56.789Z') });
    const full = renderTable(report, { color: false });
    const short = renderTable(report, { color: false, summary: true });
    expect(full.startsWith('Smart Licensing audit at 2026-02-01 12:34:56 UTC: 3 devices')).toBe(true);
    expect(full).not.toMatch(/\d\.\d{3}Z/);
    expect(full).toContain('what to do first:');
    expect(full).toContain('fix:');
    expect(short).not.toContain('fix:');
    expect(short).not.toContain('== asa-comm');
    // The summary, the table (head, rule and one line per device) and nothing else.
    expect(
      short
        .trimEnd()
        .split('\n')
        .filter((l) => l.includes('asa-comm ') && l.startsWith('│')),
    ).toHaveLength(1);
    const html = renderHtml(report).replace(/<[^>]*>/g, ' ');
    expect(html).not.toMatch(/\d\.\d{3}Z/);
    expect(html).toContain('2026-02-01 12:34:56 UTC');
  });
});
