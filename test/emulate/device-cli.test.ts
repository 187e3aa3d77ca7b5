// The device's CLI behaviour, in-process: modes and prompts, abbreviations, ambiguity, `no` forms,
// licensing commands through the core's agent, write memory / reload, the virtual clock seam.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY } from '../../src/core/time.ts';
import { type CliHarness, cliHarness, enable, healthyTransport } from './cli-session.ts';

const T0 = Date.UTC(2026, 0, 12, 13, 9, 43);
const healthy = healthyTransport;

let h: CliHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function privileged(spec = {}, deps = {}) {
  h = await cliHarness(spec, deps);
  return enable(h);
}

describe('modes, prompts and parsing', () => {
  it('moves through every mode with the ASA prompts', async () => {
    h = await cliHarness();
    expect(await h.type('enable')).toMatch(/Password: $/);
    expect(await h.type('en')).toMatch(/\nASA1# $/);
    expect(await h.type('conf t')).toMatch(/ASA1\(config\)# $/);
    expect(await h.type('license smart')).toMatch(/ASA1\(config-smart-lic\)# $/);
    expect(await h.type('call-home')).toMatch(/ASA1\(config-call-home\)# $/);
    expect(await h.type('profile License')).toMatch(/ASA1\(cfg-call-home-profile\)# $/);
    expect(await h.type('exit')).toMatch(/ASA1\(config-call-home\)# $/);
    expect(await h.type('exit')).toMatch(/ASA1\(config\)# $/);
    expect(await h.type('hostname EDGE')).toMatch(/EDGE\(config\)# $/);
    expect(await h.type('end')).toMatch(/EDGE# $/);
    expect(await h.type('disable')).toMatch(/EDGE> $/);
  });

  it('rejects a wrong enable password', async () => {
    h = await cliHarness();
    await h.type('enable');
    expect(await h.type('nope')).toMatch(/Invalid password\nPassword: $/);
  });

  it('says which abbreviation is ambiguous and which input is incomplete', async () => {
    await privileged();
    expect(await h?.type('c')).toContain('ERROR: % Ambiguous command:  "c"');
    expect(await h?.type('show license')).toContain('ERROR: % Incomplete command');
    const out = (await h?.type('sh lic al')) ?? '';
    expect(out).toMatch(/^sh lic al\n\nSmart Licensing Status/);
  });

  it('puts the caret under the offending word, counting the prompt', async () => {
    await privileged();
    const out = (await h?.type('show licence all')) ?? '';
    const [caret, error] = out.split('\n').slice(1, 3);
    expect(error).toBe("ERROR: % Invalid input detected at '^' marker.");
    expect(caret?.indexOf('^')).toBe('ASA1# show '.length);
  });

  it('edits the line: backspace, ctrl-U, CR LF counted once', async () => {
    await privileged();
    const out = (await h?.type('show clockk\x7f\r\n', { raw: true })) ?? '';
    expect(out).toMatch(/UTC/);
    expect(out.match(/ASA1# /g)).toHaveLength(1);
    const cleared = (await h?.type('garbage\x15show curpriv\r', { raw: true })) ?? '';
    expect(cleared).toContain('Current privilege level : 15');
  });
});

describe('pager', () => {
  it('pages at 24 lines: Enter shows one more line, space a page, q stops; pager 0 turns it off', async () => {
    await privileged();
    const first = (await h?.type('show license all')) ?? '';
    expect(first.split('\n')).toHaveLength(1 + 24 + 1);
    expect(first.endsWith('<--- More --->')).toBe(true);
    const one = (await h?.type('\r', { raw: true })) ?? '';
    expect(one.split('\n')).toHaveLength(2);
    expect(one).toMatch(/^\r {14}\r.*\n<--- More --->$/);
    const quit = (await h?.type('q', { raw: true })) ?? '';
    expect(quit).toBe('\r              \rASA1# ');
    await h?.type('terminal pager 0');
    expect(await h?.type('show license all')).not.toContain('<--- More --->');
    await h?.type('terminal pager lines 10');
    expect(((await h?.type('show license all')) ?? '').split('\n')).toHaveLength(1 + 10 + 1);
  });
});

describe('licensing configuration', () => {
  it('edits license smart with its no forms and keeps the ASA order', async () => {
    await privileged();
    await h?.type('configure terminal');
    await h?.type('license smart');
    await h?.type('transport proxy proxy.lab port 3128');
    await h?.type('transport type callhome');
    await h?.type('throughput level 2g');
    await h?.type('feature tier standard');
    await h?.type('end');
    expect(await h?.type('show running-config license')).toContain(
      'license smart\n feature tier standard\n throughput level 2G\n transport type callhome\n transport proxy proxy.lab port 3128\n',
    );
    await h?.type('conf t');
    await h?.type('license smart');
    await h?.type('no transport proxy');
    await h?.type('no transport type');
    await h?.type('end');
    expect(await h?.type('show running-config license')).toBe(
      'show running-config license\nlicense smart\n feature tier standard\n throughput level 2G\nASA1# ',
    );
  });

  it('follows the release default transport unless transport type is configured', async () => {
    await privileged({ version: '9.20(2)' });
    // As a real Call Home ASA prints it (corpus NTC-4): the type alone.
    expect(await h?.type('show license status')).toMatch(/\nTransport:\n {2}Type: Callhome\n\n/);
    expect(h?.device.transportTarget().url).toBe(
      'https://tools.cisco.com/its/service/oddce/services/DDCEService',
    );
    await h?.type('conf t');
    await h?.type('license smart');
    await h?.type('transport type smart');
    await h?.type('end');
    expect(await h?.type('show license status')).toMatch(
      /Type: Smart\n {2}URL: https:\/\/smartreceiver\.cisco\.com/,
    );
    expect(h?.device.transportTarget().type).toBe('smart');
  });

  it('sends Call Home to the License profile URL through the call-home http-proxy', async () => {
    await privileged({ version: '9.20(2)' });
    await h?.type('conf t');
    await h?.type('call-home');
    await h?.type('http-proxy 10.0.0.8 port 8080');
    await h?.type('profile License');
    await h?.type('destination transport-method http');
    await h?.type('destination address http https://ssm.lab/Transportgateway/services/DeviceRequestHandler');
    await h?.type('end');
    expect(h?.device.transportTarget()).toEqual({
      type: 'callhome',
      url: 'https://ssm.lab/Transportgateway/services/DeviceRequestHandler',
      proxy: { host: '10.0.0.8', port: 8080 },
    });
    // The factory lines (reporting off, CiscoTAC-1) stay beside what was configured.
    expect(await h?.type('sh run call-home')).toBe(
      [
        'sh run call-home',
        'no call-home reporting anonymous',
        'call-home',
        ' http-proxy 10.0.0.8 port 8080',
        ' profile CiscoTAC-1',
        '  no active',
        '  destination address http https://tools.cisco.com/its/service/oddce/services/DDCEService',
        '  destination address email callhome@cisco.com',
        ' profile License',
        '  destination address http https://ssm.lab/Transportgateway/services/DeviceRequestHandler',
        '  destination transport-method http',
        'ASA1# ',
      ].join('\n'),
    );
  });
});

describe('licensing through the agent', () => {
  it('register with the authority unreachable: REGISTERING, FAILED, next attempt', async () => {
    let now = T0;
    await privileged(
      { startupConfig: 'license smart\n feature tier standard\n throughput level 1G\n' },
      { clock: { now: () => now } },
    );
    await h?.type('terminal pager 0');
    await h?.type('license smart register idtoken TOKEN123');
    await h?.device.licensing.idle();
    // In progress at once; the exchange is the agent's, seconds later (core/agent/timers.ts).
    const typed = (await h?.type('show license all')) ?? '';
    expect(typed).toContain('  Status: REGISTERING - REGISTRATION IN PROGRESS');
    expect(typed).not.toContain('Initial Registration');
    now = T0 + 10_000;
    await h?.device.runDue(now);
    const all = (await h?.type('show license all')) ?? '';
    expect(all).toContain('  Status: REGISTERING - REGISTRATION IN PROGRESS');
    expect(all).toContain('  Initial Registration: FAILED on Jan 12 2026 13:09:53 UTC');
    expect(all).toContain('    Failure reason: Communication message send error');
    expect(all).toMatch(/ {2}Next Registration Attempt: [A-Z][a-z]{2} \d{2} 2026/);
    expect(all).not.toContain('TOKEN123');
    const due = h?.device.nextDueAt();
    expect(due).toBeGreaterThan(now);
    now = due ?? now;
    await h?.device.runDue(now);
    expect(h?.device.licenseView(now).registration?.status).toBe('REGISTERING');
  });

  it('register with a healthy authority: REGISTERING, then REGISTERED and AUTHORIZED; a second register needs force', async () => {
    let now = T0;
    await privileged(
      { startupConfig: 'license smart\n feature tier standard\n throughput level 1G\n' },
      { clock: { now: () => now }, transport: healthy },
    );
    await h?.type('license smart register idtoken TOKEN123');
    await h?.device.licensing.idle();
    expect(await h?.type('show license summary')).toContain('Status: REGISTERING');
    now = T0 + 30_000;
    await h?.device.runDue(now);
    const status = (await h?.type('show license summary')) ?? '';
    expect(status).toContain('Status: REGISTERED');
    const view = h?.device.licenseView(now);
    expect(view?.authorization?.status).toBe('AUTHORIZED');
    expect(view?.registration?.virtualAccount).toBe('EU TAC');
    expect(await h?.type('license smart register idtoken TOKEN123')).toContain('already registered');
    expect(await h?.type('license smart register idtoken TOKEN123 force')).not.toContain('ERROR');
    await h?.type('license smart deregister');
    expect(h?.device.licenseView(now).registration?.status).toBe('UNREGISTERED');
  });

  it('renew auth and renew id talk to the authority at once; show license features lists the limits', async () => {
    let now = T0;
    await privileged(
      {
        licensing: 'registered',
        startupConfig: 'license smart\n feature tier standard\n throughput level 1G\n',
      },
      { clock: { now: () => now }, transport: healthy },
    );
    now = T0 + 3 * DAY;
    await h?.type('license smart renew auth');
    await h?.device.licensing.idle();
    expect(h?.device.licenseView(now).authorization?.lastCommunicationAttempt).toEqual({
      result: 'SUCCEEDED',
      at: new Date(now).toISOString(),
    });
    await h?.type('license smart renew id');
    await h?.device.licensing.idle();
    expect(h?.device.licenseView(now).registration?.lastRenewalAttempt).toMatchObject({
      result: 'SUCCEEDED',
    });
    await h?.type('terminal pager 0');
    const features = (await h?.type('show license features')) ?? '';
    expect(features).toContain('Licensed features for this platform:');
    expect(features).toMatch(/^Encryption-3DES-AES +: Enabled$/m);
  });

  it('show version follows the licence: unlicensed in evaluation, licensed once authorized', async () => {
    let now = T0;
    await privileged(
      { startupConfig: 'license smart\n feature tier standard\n throughput level 1G\n' },
      { clock: { now: () => now }, transport: healthy },
    );
    await h?.type('terminal pager 0');
    expect(await h?.type('show version')).toContain('ASAv Platform License State: Unlicensed');
    await h?.type('license smart register idtoken T');
    now = T0 + 30_000;
    await h?.device.runDue(now);
    const version = (await h?.type('show version')) ?? '';
    expect(version).toContain('ASAv Platform License State: Licensed');
    expect(version).toContain('Active entitlement: ASAv-STD-1G, enforce mode: Authorized');
  });
});

describe('write memory and reload', () => {
  it('persists the running config atomically and brings the startup config back on reload', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smartlic-emu-'));
    try {
      await privileged({}, { stateDir: dir });
      await h?.type('conf t');
      await h?.type('license smart');
      await h?.type('feature tier standard');
      await h?.type('end');
      expect(await h?.type('write memory')).toMatch(
        /Building configuration\.\.\.\nCryptochecksum: .*\n\n\d+ bytes copied in .*\n\[OK\]/,
      );
      expect(readFileSync(join(dir, 'startup-config'), 'utf8')).toContain(
        'license smart\n feature tier standard\n',
      );
      await h?.type('conf t');
      await h?.type('hostname CHANGED');
      await h?.type('end');
      expect(await h?.type('reload')).toMatch(/System config has been modified\. Save\? \[Y\]es\/\[N\]o: $/);
      expect(await h?.type('N')).toMatch(/Proceed with reload\? \[confirm\]$/);
      const bye = (await h?.type('\r', { raw: true })) ?? '';
      expect(bye).toContain('SHUTDOWN NOW');
      expect(h?.shell.closed).toBe(true);
      expect(h?.device.hostname()).toBe('ASA1');
      expect(h?.device.config.licenseConfig().featureTier).toBe('standard');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a reload after the registration was lost lands in REGISTERING + EVAL MODE (seed condition 3)', async () => {
    let now = T0;
    await privileged(
      { licensing: { scenario: 'auth-expired', registeredDaysAgo: 500, brokenDaysAgo: 420 } },
      { clock: { now: () => now } },
    );
    now += DAY;
    expect(h?.device.licenseView(now).registration?.status).toBe('REGISTRATION EXPIRED');
    await h?.device.reload(now);
    const view = h?.device.licenseView(now);
    expect(view?.registration?.status).toBe('REGISTERING');
    expect(view?.authorization?.status).toBe('EVAL MODE');
    expect(view?.registration?.exportControlled).toBe('NOT ALLOWED');
  });

  it('copy running-config startup-config asks for the source, then saves; show startup-config has it', async () => {
    await privileged({ serial: 'JAD230418PC', version: '9.20(2)' });
    await h?.type('terminal pager 0');
    await h?.type('conf t');
    await h?.type('license smart');
    await h?.type('feature tier standard');
    await h?.type('end');
    expect(await h?.type('copy running-config startup-config')).toMatch(
      /\nSource filename \[running-config\]\? $/,
    );
    expect(await h?.type('')).toContain('[OK]');
    const startup = (await h?.type('show startup-config')) ?? '';
    expect(startup).toContain(': Serial Number: JAD230418PC\n');
    expect(startup).toContain(
      'ASA Version 9.20(2) \n!\nhostname ASA1\nno call-home reporting anonymous\ncall-home\n profile CiscoTAC-1\n',
    );
    expect(startup).toContain('\n!\nlicense smart\n feature tier standard\n: end');
    expect(h?.device.runningDiffersFromStartup()).toBe(false);
  });

  it('show clock prints the device clock in the ASA format', async () => {
    await privileged({}, { clock: { now: () => T0 + 123 } });
    expect(await h?.type('show clock')).toContain('13:09:43.123 UTC Mon Jan 12 2026');
  });
});
