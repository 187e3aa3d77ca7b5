// Golden: what the emulated device prints for the seed's situations matches the seed (Cisco tech
// note 225967, test/fixtures/seed) line for line. The seed's dates and account names
// belong to Cisco's lab; they are masked on both sides, every other word must agree.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioName } from '../../src/core/scenarios.ts';
import { parseShowLicense, renderShowLicenseAll } from '../../src/text/index.ts';
import { CORPUS_DIR, SEED_FILE } from '../helpers/fixtures.ts';
import { startTestLab, type TestLab } from './helpers.ts';

const seed = readFileSync(SEED_FILE, 'utf8').split('\n');

const trimmed = (text: string) =>
  text
    .split('\n')
    .map((l) => l.replace(/\s*<-+\s*$/, '').trim())
    .filter((l) => l !== '');

/** Cisco's dates and account names -> placeholders, so the comparison is about the words. */
const mask = (line: string) =>
  line
    .replace(/[A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}:\d{2} UTC/g, '<date>')
    .replace(/^(Smart Account|Virtual Account): .*/, '$1: <account>');

/** The Registration … License Authorization lines of a `show license all`-style text. */
function statusBlock(text: string): string[] {
  const lines = trimmed(text);
  const start = lines.indexOf('Registration:');
  const end = lines.findIndex(
    (l, i) => i > start && /^(Export Authorization Key|Utility|License Usage):?$/.test(l),
  );
  return lines.slice(start, end < 0 ? undefined : end).map(mask);
}

describe('seed goldens on the emulated device', () => {
  let lab: TestLab;
  const scenarios: ScenarioName[] = ['comm-failing', 'auth-expired', 'registration-lost'];
  beforeAll(async () => {
    lab = await startTestLab([
      // Smart Transport by default (9.22), tier and throughput configured.
      { version: '9.22(1)1', startupConfig: 'license smart\n feature tier standard\n throughput level 1G\n' },
      // The same release with `transport type callhome` configured.
      {
        version: '9.22(1)1',
        startupConfig:
          'license smart\n feature tier standard\n throughput level 1G\n transport type callhome\n',
      },
      ...scenarios.map((scenario) => ({
        version: '9.22(1)1',
        licensing: scenario,
        startupConfig: 'license smart\n feature tier standard\n throughput level 1G\n',
      })),
    ]);
  });
  afterAll(async () => lab?.close());

  const device = (i: number) => {
    const d = lab.devices[i]?.device;
    if (!d) throw new Error(`no device ${i}`);
    return d;
  };

  it('show license status with Smart Transport: the seed sample, line for line', async () => {
    const start = seed.indexOf('ASA# show license status') + 1;
    const end = seed.indexOf('Callhome:', start);
    const expected = trimmed(seed.slice(start, end).join('\n'));
    expect(expected[0]).toBe('Smart Licensing is ENABLED');
    const printed = trimmed(await device(0).show('license status'));
    expect(printed.slice(0, expected.length)).toEqual(expected);
  });

  it('show license status with transport type callhome: the seed sample, word for word', async () => {
    const line = seed.find((l) => l.startsWith('ASA# show license status Smart Licensing is ENABLED')) ?? '';
    const expected = line
      .replace('ASA# show license status ', '')
      .replace(/\s*<-+\s*$/, '')
      .trim();
    expect(expected).toMatch(/Type: Callhome$/);
    const printed = trimmed(await device(1).show('license status')).join(' ');
    expect(printed.startsWith(expected)).toBe(true);
  });

  it('transport type ? in license smart prints the seed help', async () => {
    const line = seed.find((l) => l.includes('transport type ? smart-lic-mode')) ?? '';
    const help =
      /transport type \? (smart-lic-mode mode commands\/options: .*? message transport smart Use Smart Transport as license message transport)/.exec(
        line,
      )?.[1];
    expect(help).toBeDefined();
    const { CliShell } = await import('../../src/emulate/shell.ts');
    let out = '';
    const shell = new CliShell(
      device(0),
      (t) => {
        out += t;
      },
      { interactive: true, privileged: true, username: 'admin' },
    );
    await shell.execute('configure terminal', 0);
    await shell.execute('license smart', 0);
    const done = shell.run(() => undefined);
    out = '';
    shell.feed('transport type ?');
    await new Promise((r) => setImmediate(r));
    shell.end();
    await done;
    expect(trimmed(out.replaceAll('\r', '')).slice(1, -1).join(' ').replace(/\s+/g, ' ')).toBe(help);
  });

  it('show running-config license shows the configured transport type as the seed does', async () => {
    const start = seed.indexOf('ASA# show run license');
    expect(seed.slice(start + 1, start + 4).map((l) => l.replace(/\s*<-+\s*$/, ''))).toEqual([
      'license smart',
      '[..]',
      'transport type callhome',
    ]);
    const printed = (await device(1).show('running-config license')).split('\n');
    expect(printed[0]).toBe('license smart');
    expect(printed.at(-1)).toBe(' transport type callhome');
  });

  const conditions: [string, RegExp, number][] = [
    [
      'condition 1 (authorized, communication failing)',
      /^Registration: Status: REGISTERED .*Communication Deadline: [A-Z]/,
      2,
    ],
    ['condition 2 (authorization expired)', /^Registration: Status: REGISTERED .*DEADLINE EXCEEDED/, 3],
    [
      'condition 3 (reload after a year: registering, eval)',
      /^Status: REGISTERING - REGISTRATION IN PROGRESS/,
      4,
    ],
  ];
  it.each(conditions)('show license all, seed %s, line for line', async (_name, pattern, index) => {
    let snippet = seed.find((l) => pattern.test(l)) ?? '';
    expect(snippet).not.toBe('');
    if (snippet.startsWith('Status: REGISTERING')) {
      // The seed prints the condition-3 registration and authorization on two lines.
      const next = seed[seed.indexOf(snippet) + 1] ?? '';
      snippet = `Registration: ${snippet}\n${next}`;
    }
    const { data } = parseShowLicense(snippet);
    const expected = statusBlock(renderShowLicenseAll(data));
    const printed = statusBlock(await device(index).show('license all'));
    expect(expected.length).toBeGreaterThan(3);
    expect(printed.slice(0, expected.length)).toEqual(expected);
  });
});

const NTC4 = join(CORPUS_DIR, 'show-license-all__ntc-templates__4.txt');
describe('corpus golden: a registered Call Home ASAv with no licences in use (NTC-4)', () => {
  let lab: TestLab;
  beforeAll(async () => {
    lab = await startTestLab([{ version: '9.18(3)', licensing: 'registered', serial: '9M65GSD2P2V' }]);
  });
  afterAll(async () => lab?.close());

  it('prints every line of the real output, in order (dates, accounts and agent build masked)', async () => {
    const maskAll = (l: string) =>
      mask(l)
        .replace(/^Export-Controlled Functionality: Allowed$/, 'Export-Controlled Functionality: ALLOWED')
        .replace(/^Smart Agent for Licensing: .*/, 'Smart Agent for Licensing: <build>');
    const real = trimmed(readFileSync(NTC4, 'utf8')).map(maskAll);
    const printed = trimmed((await lab.devices[0]?.device.show('license all')) ?? '').map(maskAll);
    let at = 0;
    const missing: string[] = [];
    for (const line of real) {
      const found = printed.indexOf(line, at);
      if (found < 0) missing.push(line);
      else at = found + 1;
    }
    expect(missing).toEqual([]);
  });
});
