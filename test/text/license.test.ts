import { describe, expect, it } from 'vitest';
import {
  parseCapture,
  parseShowLicense,
  renderShowLicenseAll,
  renderShowLicenseStatus,
  renderShowLicenseSummary,
} from '../../src/text/index.ts';
import { corpusFiles, readCorpus, readFixture } from './corpus.ts';

const trimmedLines = (s: string) =>
  s
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

describe('show license all: corpus', () => {
  it.each(corpusFiles('show-license-all'))(
    '%s parses without warnings and re-renders to the same data',
    (name) => {
      const text = readCorpus(name);
      const { data, warnings } = parseShowLicense(text);
      expect(warnings).toEqual([]);
      expect(data.smartLicensing).toBe('ENABLED');
      expect(data.registration?.status).toMatch(/REGISTERED$/);
      expect(data.udi?.pid).toBe('ASAv');
      const layout = data.agentVersion?.startsWith('1.') ? '1x' : '4x';
      expect(parseShowLicense(renderShowLicenseAll(data, { layout })).data).toEqual(data);
    },
  );

  it.each(corpusFiles('show-license-all'))(
    '%s collapsed onto one line (as web pages paste it) gives the same data',
    (name) => {
      const text = readCorpus(name);
      const [entry, ...rest] = parseCapture(text.replace(/\r?\n/g, ' '));
      expect(rest).toEqual([]);
      expect(entry?.command).toBe('show license all');
      expect(entry?.warnings).toEqual([]);
      expect(entry?.data).toEqual(parseShowLicense(text).data);
    },
  );

  it('NTC-1 (agent 1.x) reads 1.x dates and SUCCESS, and our 1.x layout prints the file byte for byte', () => {
    const text = readCorpus('show-license-all__ntc-templates__1.txt');
    const { data } = parseShowLicense(text);
    expect(data.registration).toMatchObject({
      status: 'REGISTERED',
      smartAccount: 'COMPANY LLC',
      exportControlled: 'ALLOWED',
      initialRegistration: { result: 'SUCCEEDED', at: '2018-12-03T16:43:48.000Z' },
      lastRenewalAttempt: null,
      expires: '2019-12-03T16:37:44.000Z',
    });
    expect(data.authorization?.lastCommunicationAttempt).toEqual({
      result: 'SUCCEEDED',
      at: '2018-12-03T16:43:56.000Z',
    });
    expect(data.usage).toEqual([
      {
        name: 'ASAv5 Standard - 100M',
        tag: 'ASAv-STD-100M',
        description: 'ASAv5 Standard - 100M',
        count: 1,
        version: '1.0',
        status: 'AUTHORIZED',
      },
    ]);
    expect(renderShowLicenseAll(data, { layout: '1x' })).toBe(text);
  });

  it('NTC-3: unregistered, eval seconds, Not Allowed, usage entry without a name', () => {
    const { data } = parseShowLicense(readCorpus('show-license-all__ntc-templates__3.txt'));
    expect(data.registration).toEqual({ status: 'UNREGISTERED', exportControlled: 'NOT ALLOWED' });
    expect(data.authorization).toEqual({
      status: 'EVAL MODE',
      evaluationRemainingSeconds: 89 * 86400 + 3600 + 33 * 60 + 51,
    });
    expect(data.usage?.[0]).toMatchObject({
      name: '',
      tag: 'ASAv-STD-100M',
      description: '',
      status: 'EVAL MODE',
    });
  });

  it('NTC-4 (agent 4.x): our default layout prints it line for line (bar the newer ALLOWED spelling)', () => {
    const text = readCorpus('show-license-all__ntc-templates__4.txt');
    const { data } = parseShowLicense(text);
    expect(data.usage).toEqual([]);
    expect(data.transport).toEqual({ type: 'callhome' });
    // Agent 4.3.6 still printed `Allowed`; 4.9.3 (NTC-ALL5, docs/ARCHITECTURE.md "Sources") prints
    // `ALLOWED`, as we do.
    const expected = text.replace('Functionality: Allowed', 'Functionality: ALLOWED').replace(/\n+$/, '\n');
    expect(renderShowLicenseAll(data)).toBe(expected);
  });
});

describe('seed samples (SEED-asa-smart-licensing-transport.txt)', () => {
  it('show license status, Smart Transport: parses and renders back line for line', () => {
    const seed = readFixture('seed-status-smart.txt');
    const { data, warnings } = parseShowLicense(seed.split('\n').slice(1).join('\n'));
    expect(warnings).toEqual([]);
    expect(data.transport).toEqual({
      type: 'smart',
      url: 'https://smartreceiver.cisco.com/licservice/license',
      proxy: null,
      vrf: null,
    });
    const seedLines = trimmedLines(seed.replace(/ <----/g, '')).slice(1);
    expect(trimmedLines(renderShowLicenseStatus(data))).toEqual(seedLines);
  });

  it('condition 1 (collapsed): authorized, communication failing, deadline ahead', () => {
    const { data, warnings } = parseShowLicense(readFixture('seed-condition-1.txt'));
    expect(warnings).toEqual([]);
    expect(data.registration).toEqual({
      status: 'REGISTERED',
      smartAccount: 'Cisco Systems, TAC',
      virtualAccount: 'EU TAC',
      exportControlled: 'ALLOWED',
      initialRegistration: { result: 'SUCCEEDED', at: '2026-01-12T13:09:43.000Z' },
      lastRenewalAttempt: null,
      nextRenewalAttempt: '2026-07-11T13:09:43.000Z',
      expires: '2027-01-12T13:04:42.000Z',
    });
    expect(data.authorization).toEqual({
      status: 'AUTHORIZED',
      since: '2026-01-12T13:11:25.000Z',
      lastCommunicationAttempt: {
        result: 'FAILED',
        at: '2026-01-12T13:11:25.000Z',
        failureReason: 'Communication message send error',
      },
      nextCommunicationAttempt: '2026-01-12T13:11:55.000Z',
      communicationDeadline: { at: '2026-04-12T13:04:55.000Z', exceeded: false },
    });
  });

  it('condition 2 (collapsed): AUTH EXPIRED and DEADLINE EXCEEDED', () => {
    const first = readFixture('seed-condition-2.txt').split('\n')[0] ?? '';
    const { data, warnings } = parseShowLicense(first);
    expect(warnings).toEqual([]);
    expect(data.registration?.lastRenewalAttempt).toEqual({
      result: 'FAILED',
      at: '2025-12-29T07:20:08.000Z',
      failureReason: 'Communication message send error',
    });
    expect(data.authorization?.status).toBe('AUTH EXPIRED');
    expect(data.authorization?.communicationDeadline).toEqual({ exceeded: true });
  });

  it('condition 3 (collapsed): REGISTERING with detail, Next Registration Attempt, EVAL MODE', () => {
    const { data, warnings } = parseShowLicense(readFixture('seed-condition-3.txt'));
    expect(warnings).toEqual([]);
    expect(data.registration).toEqual({
      status: 'REGISTERING',
      statusDetail: 'REGISTRATION IN PROGRESS',
      exportControlled: 'NOT ALLOWED',
      initialRegistration: {
        result: 'FAILED',
        at: '2025-12-16T12:59:29.000Z',
        failureReason: 'Communication message send error',
      },
      nextRegistrationAttempt: '2025-12-16T14:00:10.000Z',
    });
    expect(data.authorization).toEqual({ status: 'EVAL MODE' });
  });
});

describe('show license summary', () => {
  it('prints status words and a usage table that parse back', () => {
    const data = {
      smartLicensing: 'ENABLED' as const,
      registration: {
        status: 'REGISTERED',
        smartAccount: 'ACME',
        virtualAccount: 'EU',
        exportControlled: 'ALLOWED' as const,
      },
      authorization: { status: 'AUTHORIZED' },
      usage: [
        { name: 'ASAv5 Standard - 100M', tag: 'ASAv-STD-100M', count: 1, status: 'AUTHORIZED' },
        { name: '', tag: 'ASAv-STD-1G', count: 2, status: 'EVAL MODE' },
      ],
    };
    const text = renderShowLicenseSummary(data);
    expect(text).toContain('  Status: REGISTERED\n');
    expect(parseShowLicense(text)).toEqual({ data, warnings: [] });
  });
});

describe('damaged input', () => {
  it('keeps line numbers for unknown lines and never throws', () => {
    const { data, warnings } = parseShowLicense(
      'Smart Licensing is ENABLED\n\nfrobnicated: yes\nRegistration:\n  Status: REGISTERED\n',
    );
    expect(data.registration?.status).toBe('REGISTERED');
    expect(warnings).toEqual([
      { line: 3, message: expect.stringMatching(/unrecognised/), text: 'frobnicated: yes' },
    ]);
  });

  it('reads a non-UTC zone word as UTC and says so', () => {
    const { data, warnings } = parseShowLicense(
      'Registration:\n  Status: REGISTERED\n  Registration Expires: Dec 03 16:37:44 2019 CET\n',
    );
    expect(data.registration?.expires).toBe('2019-12-03T16:37:44.000Z');
    expect(warnings).toEqual([
      {
        line: 3,
        message: 'time zone CET read as UTC for Registration Expires',
        text: 'Registration Expires: Dec 03 16:37:44 2019 CET',
      },
    ]);
  });

  it('strips CRLF, tabs, pager remnants with erase sequences', () => {
    const text =
      'Registration:\r\n\tStatus: REGISTERED\r\n<--- More --->\b\b\b\b\b\b\b\b\b\b\b\b\b\b              \b\b\b\b\b\b\b\b\b\b\b\b\b\b  Smart Account: ACME\r\n';
    const { data, warnings } = parseShowLicense(text);
    expect(warnings).toEqual([]);
    expect(data.registration).toEqual({ status: 'REGISTERED', smartAccount: 'ACME' });
  });
});
