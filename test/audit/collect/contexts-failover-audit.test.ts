// `smartlic audit --inventory` over real SSH against a lab with a multiple-context device and two
// failover pairs (one of them in multiple context mode): the collector's context path (a login
// lands in the admin context; the audit moves to the system context, where licensing is) and its
// failover path (prompts fw/pri/act#, fw/sec/stby#), run against the emulator rather than the
// bare fake server. The audit reports a pair as its two units, each with its role and state.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport, DeviceAudit } from '../../../src/audit/report/contract.ts';
import { type Lab, startLab } from '../../../src/lab/lab.ts';
import type { LabFile } from '../../../src/lab/spec.ts';
import { parseShowLicense, parseShowVersion } from '../../../src/text/index.ts';
import { runCli } from '../../helpers/cli.ts';
import { sshExec } from '../../lab/ssh.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-ctx-fo-'));
const password = `pw-${process.pid}-ctx`;
let lab: Lab;
let result: { code: number; report: AuditReport; err: string };

const login = { username: 'admin', password, enablePassword: password };
const licensed = { licensing: 'registered', startupConfig: 'license smart\n feature tier standard' };
const labFile: LabFile = {
  network: [
    // The multi-context pair's active unit cannot reach the authority: its standby must say so too.
    { block: 'smartreceiver.cisco.com', device: 'mha-pri', mode: 'drop' },
  ],
  devices: [
    {
      name: 'multi',
      hostname: 'fw',
      platform: 'FPR-3110',
      version: '9.22(2)14',
      ...login,
      ...licensed,
      contexts: ['admin', 'dmz'],
    },
    {
      name: 'ha',
      hostname: 'fw',
      platform: 'FPR-2130',
      version: '9.20(4)22',
      ...login,
      ...licensed,
      failover: true,
    },
    {
      name: 'mha',
      hostname: 'fw',
      platform: 'FPR-2130',
      version: '9.20(4)22',
      ...login,
      licensing: 'comm-failing',
      startupConfig: licensed.startupConfig,
      contexts: ['admin'],
      failover: true,
    },
  ],
};

beforeAll(async () => {
  lab = await startLab(labFile, { stateDir: join(dir, 'lab') });
  const kh = lab.devices.map((d) => `[127.0.0.1]:${d.port} ${d.hostPublicKey}`).join('\n');
  writeFileSync(join(dir, 'known_hosts'), `${kh}\n`);
  const inv = [
    'defaults: { username: admin, host: 127.0.0.1, password_env: LAB_PW, enable_password_env: LAB_PW }',
    'devices:',
    ...lab.devices.map((d) => `  - { name: ${d.name}, port: ${d.port} }`),
  ].join('\n');
  writeFileSync(join(dir, 'hosts.yaml'), `${inv}\n`);
  const { code, out, err } = await runCli(
    ['audit', '--inventory', 'hosts.yaml', '--known-hosts', 'known_hosts', '--json', '--save-raw', 'raw'],
    { cwd: dir, env: { LAB_PW: password } },
  );
  result = { code, report: JSON.parse(out) as AuditReport, err };
}, 90_000);

afterAll(async () => {
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

const row = (name: string) => {
  const d = result.report.devices.find((x) => x.device === name);
  if (!d) throw new Error(`no row for ${name}: ${result.err}`);
  return d;
};
const codes = (d: DeviceAudit) => d.findings.map((f) => f.code);
/** A file the collector saved for a device under --save-raw (raw.ts: one folder per device). */
const raw = (name: string, file: string) => readFileSync(join(dir, 'raw', name, file), 'utf8');

describe('a multiple-context device, audited over SSH', () => {
  it('is audited from the system context: licensing read there, no USER_CONTEXT finding', () => {
    const d = row('multi');
    expect(d.ok, d.error?.message).toBe(true);
    expect(d.facts.context).toBe('system');
    expect(d.facts.failover).toBeNull();
    expect(d.facts.registration).toBe('REGISTERED');
    expect(d.facts.authorization).toBe('AUTHORIZED');
    expect(d.facts.platform).toBe('FPR-3110');
    expect(codes(d)).not.toContain('USER_CONTEXT');
    expect(codes(d)).not.toContain('LICENSE_NOT_COLLECTED');
    expect(['ok', 'info']).toContain(d.worst);
  });

  it('got there with changeto system, from the admin context an SSH login lands in', async () => {
    const device = lab.device('multi');
    if (!device) throw new Error('no multi');
    // Where a login lands (an exec channel, no changeto): the admin context, its own features.
    const landed = parseShowVersion(await sshExec(device, 'show version')).data;
    expect(landed.featuresScope).toBe('user context');
    expect(await sshExec(device, 'show license all')).toContain('ERROR: % Invalid input');
    // What the collector saved: the system context's show version and its licence.
    const manifest = JSON.parse(raw('multi', 'device.json'));
    expect(manifest.context).toEqual({ mode: 'multiple', current: 'system', isSystem: true });
    const version = parseShowVersion(raw('multi', 'show-version.txt')).data;
    expect(version.software?.context).toBe('context');
    expect(version.featuresScope).toBe('platform');
    expect(parseShowLicense(raw('multi', 'show-license-all.txt')).data.registration?.status).toBe(
      'REGISTERED',
    );
  });
});

describe('a failover pair, audited over SSH', () => {
  it('is two units, each with its role and state, both reading the pair’s licence', () => {
    const pri = row('ha-pri');
    const sec = row('ha-sec');
    for (const d of [pri, sec]) {
      expect(d.ok, `${d.device}: ${d.error?.message}`).toBe(true);
      expect(d.facts.platform).toBe('FPR-2130');
      expect(d.facts.context).toBe('single');
      expect(d.facts.registration).toBe('REGISTERED');
      expect(d.facts.authorization).toBe('AUTHORIZED');
    }
    expect(pri.facts.failover).toBe('primary/active');
    expect(sec.facts.failover).toBe('secondary/standby');
    expect(sec.facts.communicationDeadline).toBe(pri.facts.communicationDeadline);
    expect(sec.facts.lastCommunication).toEqual(pri.facts.lastCommunication);
  });

  it('in multiple context mode: system context and unit state together, the standby failing with its active unit', () => {
    const pri = row('mha-pri');
    const sec = row('mha-sec');
    expect(pri.facts.failover).toBe('primary/active');
    expect(sec.facts.failover).toBe('secondary/standby');
    for (const d of [pri, sec]) {
      expect(d.ok, `${d.device}: ${d.error?.message}`).toBe(true);
      expect(d.facts.context).toBe('system');
      expect(d.facts.lastCommunication?.result).toBe('FAILED');
      expect(codes(d)).toContain('COMM_FAILING');
      expect(codes(d)).not.toContain('USER_CONTEXT');
    }
  });

  it('the run covers every unit and exits with the worst finding (a failing pair: warning)', () => {
    expect(result.report.devices.map((d) => d.device).sort()).toEqual(
      ['ha-pri', 'ha-sec', 'mha-pri', 'mha-sec', 'multi'].sort(),
    );
    expect(result.err).not.toMatch(/internal error/);
    expect(result.code).toBe(1);
  });
});
