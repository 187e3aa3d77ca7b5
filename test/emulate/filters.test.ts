// Output filters on the emulated ASA (`show … | include|exclude|begin|grep [-v]`): in-process for
// the CLI's answers (refusals, help, the pager counting filtered lines), then through Debian's
// netmiko send_command exactly as automation runs them (Cisco's own ASAv scripts run
// `show license features | grep Authorized`).

import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CliHarness, cliHarness, enable } from './cli-session.ts';
import { clientAvailable, netmikoEnv, runClient, sshArgs, startTestLab, type TestLab } from './helpers.ts';

const REGISTERED = {
  licensing: 'registered' as const,
  startupConfig: 'license smart\n feature tier standard\n throughput level 1G\n transport type callhome\n',
};

/** The lines of `text` a literal substring keeps (independent of the ASA regex engine under test). */
const containing = (text: string, s: string) =>
  text
    .replace(/\n$/, '')
    .split('\n')
    .filter((l) => l.includes(s));

describe('filters in the CLI', () => {
  let h: CliHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  const privileged = async (spec = {}) => {
    h = await cliHarness(spec);
    return enable(h, { pagerOff: true });
  };
  /** What the device printed for a command, without the echoed line and the prompt after it. */
  const output = async (line: string) => {
    const out = (await h?.type(line)) ?? '';
    return out.slice(out.indexOf('\n') + 1, out.lastIndexOf('\n') + 1);
  };

  it('include, exclude, begin and grep [-v] filter every show command, by any prefix', async () => {
    await privileged(REGISTERED);
    const status = await output('show license status');
    const version = await output('show version');
    const config = await output('show running-config');
    expect((await output('show license status | include Type')).split('\n').slice(0, -1)).toEqual(
      containing(status, 'Type'),
    );
    expect((await output('show running-config | i transport')).split('\n').slice(0, -1)).toEqual([
      ' transport type callhome',
    ]);
    expect(await output('sh run | in transport')).toBe(await output('show running-config | inc transport'));
    const begin = await output('show license status | begin Transport');
    expect(begin).toBe(status.slice(status.indexOf('Transport:')));
    expect(await output('show license status | be Transport')).toBe(begin);
    expect(await output('show license status | b Transport')).toBe(begin);
    const excluded = await output('show version | exclude :');
    expect(excluded.length).toBeGreaterThan(0);
    expect(excluded).not.toContain(':');
    expect(await output('show version | e :')).toBe(excluded);
    expect(await output('show version | ex :')).toBe(excluded);
    expect(await output('show version | grep -v :')).toBe(excluded);
    expect(await output('show version | grep Serial')).toBe(`${containing(version, 'Serial').join('\n')}\n`);
    expect(await output('show running-config | include license|call-home')).toBe(
      `${config
        .split('\n')
        .filter((l) => l.includes('license') || l.includes('call-home'))
        .join('\n')}\n`,
    );
    // Cisco's own automation (CiscoDevNet/cisco-asav): an authorized ASAv says so in its features.
    expect(await output('show license features | grep Authorized')).toMatch(
      /^Active entitlement: ASAv-STD-1G, enforce mode: Authorized\n$/,
    );
  });

  it('refuses an unknown filter at its column, and a filter without a pattern as incomplete', async () => {
    await privileged();
    const bad = (await h?.type('show version | count x')) ?? '';
    const [caret, error] = bad.split('\n').slice(1, 3);
    expect(error).toBe("ERROR: % Invalid input detected at '^' marker.");
    expect(caret?.indexOf('^')).toBe('ASA1# show version | '.length);
    expect(await h?.type('show version | include')).toContain('ERROR: % Incomplete command');
    expect(await h?.type('show version |')).toContain('ERROR: % Incomplete command');
    // A bad regular expression is refused where it stops being readable.
    const regex = (await h?.type('show version | include (Serial')) ?? '';
    expect(regex.split('\n')[1]?.indexOf('^')).toBe('ASA1# show version | include '.length);
    // A command that is not a show command does not take a filter.
    expect(await h?.type('write memory | include OK')).toContain("Invalid input detected at '^' marker");
  });

  it('pages the filtered output, counting only the lines it let through', async () => {
    await privileged(REGISTERED);
    await h?.type('terminal pager 5');
    const page = (await h?.type('show version | include :')) ?? '';
    const lines = page.split('\n');
    expect(lines).toHaveLength(1 + 5 + 1);
    expect(lines.slice(1, 6).every((l) => l.includes(':'))).toBe(true);
    expect(lines.at(-1)).toBe('<--- More --->');
    await h?.type('q', { raw: true });
  });

  it('answers ? after a show command and after |', async () => {
    await privileged();
    const after = (await h?.type('show version ?', { raw: true, until: /# show version $/ })) ?? '';
    expect(after).toMatch(/\n {2}\| +Output modifiers\n {2}<cr>\n/);
    await h?.type('\x15\r', { raw: true });
    const filters = (await h?.type('show version | ?', { raw: true, until: /# show version \| $/ })) ?? '';
    expect(filters).toMatch(/ {2}begin +Begin with the line that matches/);
    expect(filters).toMatch(/ {2}exclude +Exclude lines that match/);
    expect(filters).toMatch(/ {2}grep +/);
    expect(filters).toMatch(/ {2}include +Include lines that match/);
    await h?.type('\x15\r', { raw: true });
  });
});

describe('filters through the exec channel (OpenSSH)', () => {
  it('ssh host "show … | include …" prints only the matching lines', async () => {
    clientAvailable('openssh-client', 'ssh', ['-V']);
    const lab = await startTestLab([REGISTERED]);
    try {
      const device = lab.devices[0];
      if (!device) throw new Error('no device');
      const r = await runClient('ssh', [...sshArgs(lab, device.port), 'show license status | include Type']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`${containing(await device.device.show('license status'), 'Type').join('\n')}\n`);
      const bad = await runClient('ssh', [...sshArgs(lab, device.port), 'show version | bogus x']);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toContain("Invalid input detected at '^' marker");
    } finally {
      await lab.close();
    }
  });
});

const PYTHON = '/usr/bin/python3';
const haveNetmiko = clientAvailable('python3-netmiko', PYTHON, ['-c', 'import netmiko']);

describe.runIf(haveNetmiko)('filters through netmiko send_command', () => {
  let lab: TestLab;
  beforeAll(async () => {
    lab = await startTestLab([{ hostname: 'EDGE-FW1', ...REGISTERED }]);
  });
  afterAll(async () => lab?.close());

  it('returns what the ASA lets through, with abbreviations, as automation reads it', async () => {
    const device = lab.devices[0];
    if (!device) throw new Error('no device');
    const commands = [
      'show license features | grep Authorized',
      'show running-config | include transport',
      'show license status | begin Transport',
      'show license all | i Status:',
      'show version | ex :',
      'show version | in Serial|Hardware',
    ];
    const r = await runClient(PYTHON, [join(import.meta.dirname, 'fixtures', 'netmiko_commands.py')], {
      env: netmikoEnv(lab, device, { SMARTLIC_COMMANDS: JSON.stringify(commands) }),
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, string>;
    const full = {
      features: await device.device.show('license features'),
      status: await device.device.show('license status'),
      all: await device.device.show('license all'),
      version: await device.device.show('version'),
    };
    expect(out['show license features | grep Authorized']).toBe(
      'Active entitlement: ASAv-STD-1G, enforce mode: Authorized',
    );
    expect(out['show running-config | include transport']).toBe(' transport type callhome');
    expect(out['show license status | begin Transport']).toBe(
      full.status.slice(full.status.indexOf('Transport:')).trimEnd(),
    );
    expect(out['show license all | i Status:']).toBe(containing(full.all, 'Status:').join('\n'));
    const excluded = out['show version | ex :'] ?? '';
    expect(excluded).not.toContain(':');
    expect(excluded).toContain('Cisco Adaptive Security Appliance Software Version');
    expect(out['show version | in Serial|Hardware']?.split('\n')).toEqual(
      full.version.split('\n').filter((l) => l.includes('Serial') || l.includes('Hardware')),
    );
  });
});
