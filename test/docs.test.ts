// docs/ARCHITECTURE.md repeats a few licensing values for readers (the glossary). The code in
// src/core is the one place they live; this holds the document to it, so the glossary cannot drift.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADVISORIES } from '../src/core/advisories.ts';
import { DEFAULT_TIMERS } from '../src/core/agent/timers.ts';
import { DAY, HOUR, MINUTE, SECOND } from '../src/core/time.ts';
import { CALLHOME_URL, SMART_DEFAULT_SINCE, SMART_TRANSPORT_URL } from '../src/core/transport.ts';
import { REPO_ROOT } from './helpers/fixtures.ts';

const doc = readFileSync(join(REPO_ROOT, 'docs', 'ARCHITECTURE.md'), 'utf8');

/** The body of one `### heading` (or `## heading`) section. */
function section(title: string): string {
  const start = doc.search(new RegExp(`^#{2,3} ${title}$`, 'm'));
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const rest = doc.slice(doc.indexOf('\n', start) + 1);
  const end = rest.search(/^#{2,3} /m);
  return end < 0 ? rest : rest.slice(0, end);
}

const UNIT: Record<string, number> = { second: SECOND, minute: MINUTE, hour: HOUR, day: DAY };

describe('docs/ARCHITECTURE.md glossary agrees with src/core', () => {
  it('timers: every row is a DEFAULT_TIMERS value, and every timer has a row', () => {
    const rows: Record<string, keyof typeof DEFAULT_TIMERS> = {
      'authorization renewal after a successful communication': 'authRenewAfter',
      'communication deadline after the last successful communication': 'commDeadlineAfter',
      'ID-certificate renewal after issue': 'idRenewAfter',
      'registration (ID certificate) validity': 'registrationValidity',
      'evaluation period': 'evaluationPeriod',
      'communication retry, first failure': 'commRetryFirst',
      'communication retry, further failures': 'commRetryLater',
      'ID renewal retry, first failure': 'renewRetryFirst',
      'ID renewal retry, further failures': 'renewRetryLater',
      'registration retry': 'registerRetry',
      'expiry lead: how much earlier than the year and the 90 days an expiry falls': 'expiryLead',
      'registration exchange after `license smart register` (REGISTERING meanwhile)': 'registerAfterCommand',
      'first authorization after a successful registration': 'authAfterRegistration',
    };
    const table = section('Timers');
    const seen = new Set<string>();
    for (const m of table.matchAll(/^\| ([^|]+?) \| (\d+) (second|minute|hour|day)s? \|/gm)) {
      const [, label = '', n = '', unit = ''] = m;
      const key = rows[label];
      expect(key, `row "${label}"`).toBeDefined();
      expect(Number(n) * (UNIT[unit] as number), label).toBe(
        DEFAULT_TIMERS[key as keyof typeof DEFAULT_TIMERS],
      );
      seen.add(key as string);
    }
    expect([...seen].sort()).toEqual(Object.keys(DEFAULT_TIMERS).sort());
  });

  it('transports: the URLs and the default-transport release', () => {
    const transports = section('Transports');
    expect(transports).toContain(`\`${SMART_TRANSPORT_URL}\``);
    expect(transports).toContain(`\`${CALLHOME_URL}\``);
    expect(transports).toContain(`(${SMART_DEFAULT_SINCE.version})`);
  });

  it('advisories: each one with its fixed releases', () => {
    const advisories = section('Advisories');
    for (const a of ADVISORIES) {
      expect(advisories).toContain(`**${a.id}**`);
      for (const v of a.fixedIn) expect(advisories, `${a.id} ${v}`).toContain(v);
    }
  });
});
