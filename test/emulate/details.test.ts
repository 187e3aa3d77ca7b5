// Issue 12's defaults and details on the emulated ASA, each held to a real capture or the seed:
// call-home defaults, show clock, expiry offsets, the privacy indentation of agent 4.9.3, the
// proxy port range, show commands inside a sub-mode, uptime after a backward clock set.

import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TIMERS } from '../../src/core/agent/timers.ts';
import { DAY } from '../../src/core/time.ts';
import { CliShell } from '../../src/emulate/shell.ts';
import { readCorpus } from '../helpers/fixtures.ts';
import { type CliHarness, cliHarness, enable, healthyTransport } from './cli-session.ts';
import { clientAvailable, runClient, sshArgs, startTestLab } from './helpers.ts';

const T0 = Date.UTC(2026, 0, 12, 13, 9, 43);
const healthy = healthyTransport;

let h: CliHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function privileged(spec = {}, deps = {}): Promise<CliHarness> {
  h = await cliHarness(spec, deps);
  return enable(h, { pagerOff: true });
}

/** What the device printed for a line, without the echo and the prompt after it. */
async function output(line: string): Promise<string> {
  const out = (await h?.type(line)) ?? '';
  return out.slice(out.indexOf('\n') + 1, out.lastIndexOf('\n'));
}

describe('show running-config call-home: what every real ASA has', () => {
  it('prints reporting off and CiscoTAC-1 inactive with its destinations, as the real capture does', async () => {
    await privileged();
    const real = readCorpus('show-running-config-call-home__joshrodd-mockdevices-notes__1.txt').split('\n');
    // The capture's box also has a `profile License` of its own (not a default): the lines up to it.
    const defaults = real.slice(0, real.indexOf(' profile License'));
    expect((await output('show running-config call-home')).split('\n')).toEqual(defaults);
    // …and the full configuration carries them.
    expect(await output('show running-config')).toContain(defaults.join('\n'));
  });

  it('keeps a saved call-home block as it was saved', async () => {
    await privileged({ startupConfig: 'call-home\n profile License\n  destination transport-method http\n' });
    expect(await output('show running-config call-home')).toBe(
      'call-home\n profile License\n  destination transport-method http',
    );
  });
});

describe('details', () => {
  it('show clock leaves the day unpadded', async () => {
    await privileged({}, { clock: { now: () => Date.UTC(2026, 0, 5, 8, 3, 1, 7) } });
    expect(await output('show clock')).toBe('08:03:01.007 UTC Mon Jan 5 2026');
  });

  it('Registration Expires and Communication Deadline fall 301 s before the year and the 90 days, as in the seed', async () => {
    // The agent registers registerAfterCommand after the command and asks for authorization
    // authAfterRegistration (the seed's 13 s) after that: the command is typed that much earlier.
    let now = T0 - DEFAULT_TIMERS.registerAfterCommand;
    await privileged(
      { startupConfig: 'license smart\n feature tier standard\n throughput level 1G\n' },
      { clock: { now: () => now }, transport: healthy },
    );
    await h?.type('license smart register idtoken TOKEN');
    now = T0;
    await h?.device.runDue(now);
    now = T0 + DEFAULT_TIMERS.authAfterRegistration;
    await h?.device.runDue(now);
    await h?.device.licensing.idle();
    const all = await output('show license all');
    // The seed: registered Jan 12 2026 13:09:43, expires Jan 12 2027 13:04:42; authorized about
    // 13 s later, deadline Apr 12 2026 13:04:55.
    expect(all).toContain('  Initial Registration: SUCCEEDED on Jan 12 2026 13:09:43 UTC');
    expect(all).toContain('  Registration Expires: Jan 12 2027 13:04:42 UTC');
    expect(all).toContain('  Communication Deadline: Apr 12 2026 13:04:55 UTC');
  });

  it('agent 4.9.3 (9.18 on) indents Callhome hostname privacy by 4, agent 4.3.6 by 2 (corpus NTC-4)', async () => {
    await privileged({ version: '9.22(1)1' });
    expect(await output('show license status')).toMatch(
      /\n {2}Sending Hostname: yes\n {4}Callhome hostname privacy: DISABLED\n {2}Smart Licensing hostname privacy: DISABLED\n/,
    );
    await h?.close();
    await privileged({ version: '9.16(3)19' });
    const ntc4 = readCorpus('show-license-all__ntc-templates__4.txt');
    const line = ntc4.split('\n').find((l) => l.includes('Callhome hostname privacy'));
    expect(await output('show license all')).toContain(`\n${line}\n`);
  });

  it('refuses transport proxy port 99999 under the number, and takes 65535', async () => {
    await privileged();
    await h?.type('configure terminal');
    await h?.type('license smart');
    const bad = (await h?.type('transport proxy proxy.lab port 99999')) ?? '';
    const [caret, error] = bad.split('\n').slice(1, 3);
    expect(error).toBe("ERROR: % Invalid input detected at '^' marker.");
    expect(caret?.indexOf('^')).toBe('ASA1(config-smart-lic)# transport proxy proxy.lab port '.length);
    expect(await h?.type('transport proxy proxy.lab port 0')).toContain('Invalid input detected');
    expect(await h?.type('transport proxy proxy.lab port 65535')).not.toContain('ERROR');
    expect(await output('show running-config license')).toContain(' transport proxy proxy.lab port 65535');
  });

  it('show run license inside (config-smart-lic)# prints and stays in the mode', async () => {
    await privileged();
    await h?.type('configure terminal');
    await h?.type('license smart');
    await h?.type('feature tier standard');
    const out = (await h?.type('show run license')) ?? '';
    expect(out).toBe('show run license\nlicense smart\n feature tier standard\nASA1(config-smart-lic)# ');
    // A configuration line of the parent mode still leaves the sub-mode, as before.
    expect(await h?.type('call-home')).toMatch(/ASA1\(config-call-home\)# $/);
  });

  it('uptime never goes negative when the clock is set back before the boot', async () => {
    let now = T0;
    await privileged({}, { clock: { now: () => now } });
    now = T0 - 224 * DAY;
    const version = await output('show version');
    expect(version).toContain('\nASA1 up 0 secs\n');
    expect(version).not.toMatch(/ -\d/);
  });
});

describe('the pager', () => {
  it('Ctrl-C at <--- More ---> ends the output, and the next command runs', async () => {
    h = await enable(await cliHarness());
    const first = (await h.type('show license all')) ?? '';
    expect(first.endsWith('<--- More --->')).toBe(true);
    expect(await h.type('\x03', { raw: true })).toBe('\r              \rASA1# ');
    expect(await h.type('show clock')).toMatch(/UTC/);
  });
});

describe('banners', () => {
  /** What a new interactive session on the harness's device prints before its first prompt. */
  async function greeting(): Promise<string> {
    let out = '';
    const device = h?.device;
    if (!device) throw new Error('no device');
    const shell = new CliShell(device, (t) => (out += t), { interactive: true, username: 'admin' });
    const running = shell.run(() => undefined);
    for (let i = 0; i < 200 && !/[>#] $/.test(out); i++) await new Promise((r) => setTimeout(r, 1));
    shell.end();
    await running;
    return out.replaceAll('\r\n', '\n');
  }

  it('none by default; banner motd lines add up, in order, $(hostname) filled in; no banner motd clears', async () => {
    await privileged();
    expect(await greeting()).toBe('ASA1> ');
    await h?.type('configure terminal');
    await h?.type('banner motd Authorised access to $(hostname) only');
    await h?.type('banner exec   Mind the licences | include this');
    await h?.type('banner motd Disconnect now if you are not');
    await h?.type('end');
    expect(await output('show running-config')).toContain(
      'banner motd Authorised access to $(hostname) only\nbanner motd Disconnect now if you are not\nbanner exec Mind the licences | include this',
    );
    expect(await greeting()).toBe(
      'Authorised access to ASA1 only\nDisconnect now if you are not\nMind the licences | include this\nASA1> ',
    );
    await h?.type('configure terminal');
    await h?.type('no banner motd');
    await h?.type('end');
    expect(await greeting()).toBe('Mind the licences | include this\nASA1> ');
  });

  it('banner login shows before the login prompts', async () => {
    await privileged({ startupConfig: 'banner login Lab device\n' });
    expect(await h?.type('login')).toBe('login\nLab device\nUsername: ');
    await h?.type('admin');
    await h?.type('pw');
  });
});

describe('banner login over SSH (OpenSSH)', () => {
  it('is the SSH login banner, shown before the password is asked; none by default', async () => {
    clientAvailable('openssh-client', 'ssh', ['-V']);
    const lab = await startTestLab([
      { startupConfig: 'banner login Lab device $(hostname)\nbanner login Keep out\n' },
      {},
    ]);
    try {
      // OpenSSH prints a server's banner at LogLevel INFO (the tests' ERROR hides it).
      const verbose = (port: number) =>
        sshArgs(lab, port).map((a) => (a === 'LogLevel=ERROR' ? 'LogLevel=INFO' : a));
      const [withBanner, without] = lab.devices;
      const r = await runClient('ssh', [...verbose(withBanner?.port ?? 0), 'show clock']);
      expect(r.status).toBe(0);
      expect(r.stderr).toContain('Lab device ASA1\r\nKeep out');
      const plain = await runClient('ssh', [...verbose(without?.port ?? 0), 'show clock']);
      expect(plain.status).toBe(0);
      expect(plain.stderr).toBe('');
    } finally {
      await lab.close();
    }
  });
});

describe('Tab and Ctrl-V on the line', () => {
  it('Tab finishes a unique word, lists an ambiguous one and redraws the line', async () => {
    await privileged();
    expect(await h?.type('sh\tver\t', { raw: true, until: /show version $/ })).toBe('show version ');
    expect(await h?.type('\r', { raw: true })).toContain(
      'Cisco Adaptive Security Appliance Software Version',
    );
    expect(await h?.type('c\t', { raw: true, until: /# c$/ })).toBe('c\nconfigure  copy\nASA1# c');
    await h?.type('\x15\r', { raw: true });
  });

  it('Ctrl-V enters ? into a filter pattern instead of asking for help', async () => {
    await privileged();
    const out =
      (await h?.type('show running-config | include colou\x16?r|no call-home\r', { raw: true })) ?? '';
    expect(out).toContain('show running-config | include colou?r|no call-home\n');
    expect(out).toContain('\nno call-home reporting anonymous\n');
    expect(out).not.toContain('commands/options');
  });
});
