import { describe, expect, it } from 'vitest';
import { renderShowLicenseAll } from '../text/index.ts';
import { communicationDeadline } from './agent/timers.ts';
import { toLicenseView } from './agent/view.ts';
import { SCENARIO_NAMES, scenarioState } from './scenarios.ts';
import { HOUR, SECOND } from './time.ts';

const NOW = Date.parse('2026-01-12T13:09:43Z');
const printed = (name: (typeof SCENARIO_NAMES)[number], now = NOW) =>
  renderShowLicenseAll(toLicenseView(scenarioState(name, now), now, { transport: { type: 'smart' } }))
    .split('\n')
    .map((l) => l.trim());

/** The value after `label:` on the first line that starts with it (within a section if given). */
const field = (lines: string[], label: string, after?: string) => {
  const from = after ? lines.indexOf(after) : 0;
  return lines
    .slice(from)
    .find((l) => l.startsWith(`${label}:`))
    ?.slice(label.length + 1)
    .trim();
};

describe('scenarios, produced by running the machine', () => {
  it('registered: REGISTERED + AUTHORIZED, last communication SUCCEEDED', () => {
    const l = printed('registered');
    expect(field(l, 'Status', 'Registration:')).toBe('REGISTERED');
    expect(field(l, 'Status', 'License Authorization:')).toMatch(/^AUTHORIZED on /);
    expect(field(l, 'Last Communication Attempt')).toMatch(/^SUCCEEDED on /);
  });

  it('comm-failing (seed condition 1): AUTHORIZED, last attempt FAILED, deadline = last success + 90 d ahead', () => {
    const s = scenarioState('comm-failing', NOW);
    const l = printed('comm-failing');
    expect(field(l, 'Status', 'Registration:')).toBe('REGISTERED');
    expect(field(l, 'Export-Controlled Functionality')).toBe('ALLOWED');
    expect(field(l, 'Status', 'License Authorization:')).toMatch(/^AUTHORIZED on /);
    expect(field(l, 'Last Communication Attempt')).toMatch(/^FAILED on /);
    expect(field(l, 'Failure reason', 'License Authorization:')).toBe('Communication message send error');
    const a = s.authorization;
    expect(a.deadlineAt).toBe(communicationDeadline(a.lastSuccessAt as number));
    expect(a.deadlineAt).toBeGreaterThan(NOW);
    expect(field(l, 'Communication Deadline')).not.toBe('DEADLINE EXCEEDED');
    expect(a.nextCommAt).toBe((a.lastComm?.at as number) + HOUR);
  });

  it('a comm failure right after authorization retries in 30 s, as in the seed sample', () => {
    const s = scenarioState('comm-failing', NOW, { registeredDaysAgo: 30 + 30 / 86400, brokenDaysAgo: 1 });
    expect(s.authorization.commFailures).toBe(1);
    expect(s.authorization.nextCommAt).toBe((s.authorization.lastComm?.at as number) + 30 * SECOND);
  });

  it('auth-expired (seed condition 2): REGISTERED, AUTH EXPIRED, DEADLINE EXCEEDED, renewals failing', () => {
    const s = scenarioState('auth-expired', NOW);
    const l = printed('auth-expired');
    expect(field(l, 'Status', 'Registration:')).toBe('REGISTERED');
    expect(field(l, 'Last Renewal Attempt')).toMatch(/^FAILED on /);
    expect(field(l, 'Status', 'License Authorization:')).toMatch(/^AUTH EXPIRED on /);
    expect(field(l, 'Last Communication Attempt')).toMatch(/^FAILED on /);
    expect(field(l, 'Communication Deadline')).toBe('DEADLINE EXCEEDED');
    expect(s.registration.expiresAt).toBeGreaterThan(NOW);
    expect(s.authorization.deadlineAt).toBe(communicationDeadline(s.authorization.lastSuccessAt as number));
    expect(s.authorization.since).toBeGreaterThanOrEqual(s.authorization.deadlineAt as number);
  });

  it('registration-lost (seed condition 3): REGISTERING, NOT ALLOWED, Initial FAILED, next attempt, EVAL MODE', () => {
    const s = scenarioState('registration-lost', NOW);
    const l = printed('registration-lost');
    expect(field(l, 'Status', 'Registration:')).toBe('REGISTERING - REGISTRATION IN PROGRESS');
    expect(field(l, 'Export-Controlled Functionality')).toBe('NOT ALLOWED');
    expect(field(l, 'Initial Registration')).toMatch(/^FAILED on /);
    expect(field(l, 'Failure reason')).toBe('Communication message send error');
    expect(field(l, 'Next Registration Attempt')).toBeDefined();
    expect(field(l, 'Status', 'License Authorization:')).toBe('EVAL MODE');
    expect(s.registration.nextRegistrationAt).toBe((s.registration.initial?.at as number) + HOUR);
  });

  it('unregistered-eval: UNREGISTERED, EVAL MODE with the evaluation running', () => {
    const l = printed('unregistered-eval');
    expect(field(l, 'Status', 'Registration:')).toBe('UNREGISTERED');
    expect(field(l, 'Export-Controlled Functionality')).toBe('NOT ALLOWED');
    expect(field(l, 'Status', 'License Authorization:')).toBe('EVAL MODE');
    expect(field(l, 'Evaluation Period Remaining')).toMatch(/^89 days/);
  });

  it.each([...SCENARIO_NAMES])('%s is deterministic and JSON-able', (name) => {
    const a = scenarioState(name, NOW);
    expect(scenarioState(name, NOW)).toStrictEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toStrictEqual(a);
    expect(a.asOf).toBe(NOW);
  });
});
