import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { builtinLab } from '../../src/lab/builtin.ts';
import { parseLabFile } from '../../src/lab/spec.ts';

function errorOf(text: string): InputError {
  try {
    parseLabFile(text, 'lab.yaml');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('lab file', () => {
  it('accepts a full file', () => {
    const lab = parseLabFile(
      [
        'start: 2026-01-12T13:09:43Z',
        'speed: 0',
        'authority:',
        '  virtualAccount: EU TAC',
        '  pools: [{tag: ASAv-STD-1G, count: 3}]',
        'hosts: {proxy.corp.example:3128: gateway}',
        'network: [{block: smartreceiver.cisco.com, device: asa1, mode: reject}]',
        'tokens: {first: {uses: 2, expires: 30d}}',
        'devices: [{name: asa1}]',
      ].join('\n'),
    );
    expect(lab.devices).toHaveLength(1);
    expect(lab.network?.[0]?.mode).toBe('reject');
  });

  it('names file, line and field of a bad value', () => {
    const e = errorOf(
      [
        'start: 2026-01-12T13:09:43Z',
        'network:',
        '  - block: smartreceiver.cisco.com',
        '    mode: maybe',
      ].join('\n'),
    );
    expect(e.oneLine()).toMatch(/^lab\.yaml:4:\d+: network\.0\.mode: /);
  });

  it('names an unknown key, broken YAML and a bad duration', () => {
    expect(errorOf('clock: 5').oneLine()).toMatch(/^lab\.yaml.*clock|Unrecognized key/);
    expect(errorOf('devices: [').oneLine()).toMatch(/^lab\.yaml:\d+:\d+: not valid YAML/);
    expect(errorOf('tokens: {t: {expires: soon}}').oneLine()).toMatch(
      /tokens\.t\.expires: expected a duration/,
    );
  });

  it('the built-in lab is a valid lab file with one device per seed situation', () => {
    const lab = builtinLab({ password: 'x-123456' });
    expect(parseLabFile(JSON.stringify(lab))).toBeTruthy();
    const scenarios = lab.devices.map((d) => d.licensing);
    expect(scenarios).toEqual(
      expect.arrayContaining([
        'registered',
        'comm-failing',
        'auth-expired',
        'registration-lost',
        'unregistered-eval',
      ]),
    );
    expect(lab.devices.some((d) => d.platform === 'FPR-2130')).toBe(true);
  });
});

describe('lab file devices', () => {
  it('are checked by the emulator’s device format, with file:line', () => {
    const e = errorOf(['devices:', '  - name: asa1', '    port: many'].join('\n'));
    expect(e.oneLine()).toMatch(/^lab\.yaml:3:\d+: devices\.0\.port: /);
  });
});

describe('lab file names and rules', () => {
  it('refuses hosts that leave loopback and block targets that are not host[:port], with file:line', () => {
    expect(errorOf(['hosts:', '  proxy.example: 10.0.0.1:3128'].join('\n')).oneLine()).toMatch(
      /^lab\.yaml:2:\d+: hosts\.proxy\.example: expected 127/,
    );
    expect(errorOf(['network:', '  - block: "host:99999"'].join('\n')).oneLine()).toMatch(
      /^lab\.yaml:2:\d+: network\.0\.block: expected host or host:port/,
    );
  });
});
