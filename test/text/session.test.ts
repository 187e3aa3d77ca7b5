import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SmartLicenseData } from '../../src/core/model.ts';
import {
  parseCapture,
  parseRunningConfig,
  renderRunningConfigCallHome,
  resolveCommand,
  splitSession,
} from '../../src/text/index.ts';
import { SEED_FILE } from '../helpers/fixtures.ts';
import { readCorpus, readFixture } from './corpus.ts';

describe('command names from what was typed', () => {
  it.each([
    ['sh lic all', 'show license all'],
    ['show license status', 'show license status'],
    ['sho lic sum', 'show license summary'],
    ['sh lic feat', 'show license features'],
    ['sh ver', 'show version'],
    ['show version | include License', 'show version'],
    ['show run license', 'show running-config license'],
    ['sh run call-home', 'show running-config call-home'],
    ['show running-config', 'show running-config'],
    ['show clock', undefined],
    ['configure terminal', undefined],
    ['sh lic', 'show license all'],
    ['sh l all', undefined],
    ['s ver', undefined],
    ['show run all', 'show running-config'],
  ])('%s -> %s', (typed, command) => {
    expect(resolveCommand(typed).command).toBe(command);
  });

  it.each([
    ['sh clo', 'show clock'],
    ['show context', 'show context'],
    ['sh fail', 'show failover'],
    ['show curpriv', 'show curpriv'],
    ['terminal pager 0', 'terminal pager'],
    ['changeto system', 'changeto system'],
    ['changeto context ctx1', 'changeto context'],
    ['sh cl', undefined],
  ])('the other commands the collector types: %s -> %s', (typed, name) => {
    const r = resolveCommand(typed);
    expect([r.name, r.command]).toEqual([name, undefined]);
  });

  it.each([
    ['sh ver | i Serial', { type: 'include', invert: false, pattern: 'Serial' }],
    ['show version | include Serial Number', { type: 'include', invert: false, pattern: 'Serial Number' }],
    [
      'sh lic all | b License Authorization',
      { type: 'begin', invert: false, pattern: 'License Authorization' },
    ],
    ['sh lic all | grep -v Status', { type: 'grep', invert: true, pattern: 'Status' }],
    ['sh lic all | grep Status', { type: 'grep', invert: false, pattern: 'Status' }],
    ['sh lic all | e Status', { type: 'exclude', invert: false, pattern: 'Status' }],
    ['sh lic all | exclude Status', { type: 'exclude', invert: false, pattern: 'Status' }],
  ])('output filters: %s', (typed, filter) => {
    const r = resolveCommand(typed);
    expect(r.command).toBeDefined();
    expect(r.filter).toEqual(filter);
    expect(r.remainder).toBe('');
  });

  it('keeps output pasted onto the command line', () => {
    expect(resolveCommand('show license status Smart Licensing is ENABLED')).toEqual({
      command: 'show license status',
      name: 'show license status',
      remainder: 'Smart Licensing is ENABLED',
    });
  });
});

describe('session logs', () => {
  const log = [
    'fw01/pri/act# terminal pager 0', // 1
    'fw01/pri/act# sh lic all', // 2
    '', // 3
    'Smart Licensing Status', // 4
    '======================', // 5
    '', // 6
    'Smart Licensing is ENABLED', // 7
    'Registration:', // 8
    '  Status: REGISTERED', // 9
    '  Bogus line here', // 10
    'fw01/pri/act# show clock', // 11
    '12:00:00.000 UTC Mon Jan 12 2026', // 12
    'fw01/admin(config)# show run license', // 13
    'license smart', // 14
    ' feature tier standard', // 15
    ' throughput level 1G', // 16
    'fw01/pri/act# sh ver', // 17
    'Cisco Adaptive Security Appliance Software Version 9.22(1.1)', // 18
    'License mode: Smart Licensing', // 19
    'fw01/pri/act# ', // 20
  ].join('\r\n');

  it('splits per command with starting lines, ignores other commands, keeps file line numbers', () => {
    const chunks = splitSession(log);
    expect(chunks.map((c) => [c.command, c.startLine, c.detectedBy])).toEqual([
      ['show license all', 2, 'prompt'],
      ['show clock', 11, 'prompt'],
      ['show running-config license', 13, 'prompt'],
      ['show version', 17, 'prompt'],
    ]);
    const parsed = parseCapture(log, 'log.txt');
    expect(parsed[0]?.warnings).toEqual([{ line: 10, message: expect.any(String), text: 'Bogus line here' }]);
    expect(parsed[1]?.data).toEqual({
      license: { smart: true, featureTier: 'standard', throughputLevel: '1G' },
    });
    expect(parsed[2]?.data).toMatchObject({
      software: { version: '9.22(1.1)' },
      licenseMode: 'Smart Licensing',
    });
  });

  it('seed: the Callhome status sample with prompt, command and output on one line', () => {
    const [entry, ...rest] = parseCapture(readFixture('seed-status-callhome-collapsed.txt'));
    expect(rest).toEqual([]);
    expect(entry?.command).toBe('show license status');
    expect(entry?.warnings).toEqual([]);
    expect(entry?.data).toMatchObject({
      smartLicensing: 'ENABLED',
      utility: { status: 'DISABLED' },
      transport: { type: 'callhome' },
    });
  });

  it('seed: the show run license sample with its [..] elision', () => {
    const [entry] = parseCapture(readFixture('seed-run-license.txt'));
    expect(entry).toMatchObject({ command: 'show running-config license', warnings: [] });
    expect(entry?.data).toEqual({ license: { smart: true, transport: { type: 'callhome' } } });
  });

  it('bare outputs are detected by content, two in one file (seed condition 2)', () => {
    const entries = parseCapture(readFixture('seed-condition-2.txt'));
    expect(entries.map((e) => e.command)).toEqual(['show license status', 'show license features']);
    expect(entries.every((e) => e.warnings.length === 0)).toBe(true);
  });

  it('running-config blocks collapsed onto one line', () => {
    const [entry] = parseCapture(
      'asa# show run license license smart feature tier standard throughput level 1G transport type smart transport proxy proxy.example port 3128\n',
    );
    expect(entry).toMatchObject({ command: 'show running-config license', warnings: [] });
    expect(entry?.data).toEqual({
      license: {
        smart: true,
        featureTier: 'standard',
        throughputLevel: '1G',
        transport: { type: 'smart', proxy: { host: 'proxy.example', port: 3128 } },
      },
    });
    const [bare] = parseCapture('license smart feature tier standard throughput level 2G\n');
    expect(bare?.command).toBe('show running-config license');
    const { data } = parseRunningConfig(
      'call-home profile License destination address http https://tools.cisco.com/its/service/oddce/services/DDCEService destination transport-method http',
    );
    expect(data.callHome?.profiles).toEqual([
      {
        name: 'License',
        active: true,
        destinations: {
          addressHttp: ['https://tools.cisco.com/its/service/oddce/services/DDCEService'],
          transportMethod: 'http',
        },
        transportMethod: 'http',
      },
    ]);
  });

  it('the whole seed document: every sample found, each condition its own output', () => {
    const seed = readFileSync(SEED_FILE, 'utf8');
    const entries = parseCapture(seed, 'seed.txt');
    expect(entries.map((e) => e.command)).toEqual([
      'show license status',
      'show license status',
      'show running-config license',
      'show license status',
      'show license status',
      'show license features',
      'show license status',
    ]);
    const auth = entries.map((e) => (e.data as SmartLicenseData).authorization?.status);
    expect(auth).toEqual([
      undefined,
      undefined,
      undefined,
      'AUTHORIZED',
      'AUTH EXPIRED',
      undefined,
      'EVAL MODE',
    ]);
  });

  it('a file with nothing licensing in it gives no chunks', () => {
    expect(splitSession('hello world\nthis is not an ASA\n')).toEqual([]);
  });
});

describe('running-config: corpus', () => {
  it('call-home capture parses and renders back byte for byte', () => {
    const text = readCorpus('show-running-config-call-home__joshrodd-mockdevices-notes__1.txt');
    const { data, warnings } = parseRunningConfig(text);
    expect(warnings).toEqual([]);
    expect(data.callHome?.reportingAnonymous).toBe(false);
    expect(data.callHome?.profiles.map((p) => [p.name, p.active, p.transportMethod])).toEqual([
      ['CiscoTAC-1', false, undefined],
      ['License', true, 'http'],
    ]);
    expect(renderRunningConfigCallHome(data)).toBe(text);
  });

  it('genie show version capture starting with its prompt is found by the prompt', () => {
    const [entry] = parseCapture(readCorpus('show-version__genieparser-asa__1.txt'));
    expect(entry).toMatchObject({ command: 'show version', warnings: [] });
  });
});

describe('bare outputs of one command stay one entry', () => {
  it('show running-config call-home: `no call-home reporting anonymous` and the call-home block', () => {
    const text = readCorpus('show-running-config-call-home__joshrodd-mockdevices-notes__1.txt');
    const entries = parseCapture(text);
    expect(entries.map((e) => e.command)).toEqual(['show running-config call-home']);
    expect(entries[0]?.data).toMatchObject({
      callHome: { reportingAnonymous: false, profiles: [{ name: 'CiscoTAC-1' }, { name: 'License' }] },
    });
  });

  it('show license features: the License mode lines and the features heading', () => {
    const text = [
      'License mode: Smart Licensing',
      'ASAv Platform License State: Licensed',
      '',
      'Licensed features for this platform:',
      'Maximum Physical Interfaces       : 10',
      'Maximum VLANs                     : 50',
    ].join('\n');
    const entries = parseCapture(text);
    expect(entries.map((e) => e.command)).toEqual(['show license features']);
    expect(entries[0]?.data).toMatchObject({ licenseMode: 'Smart Licensing', features: [{}, {}] });
  });

  it('two call-home blocks back to back are still two outputs', () => {
    const block = 'call-home\n profile License\n  destination transport-method http\n';
    expect(parseCapture(block + block).map((e) => e.command)).toEqual([
      'show running-config call-home',
      'show running-config call-home',
    ]);
  });
});
