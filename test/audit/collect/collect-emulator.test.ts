// The collector against the project's emulated ASAs (src/emulate) over real SSH on loopback: a
// small fleet in several licensing conditions plus every failure the brief lists. One foreign
// prompt comes from an ssh2 test server (the emulator only speaks ASA).

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CollectFleetOptions,
  type DeviceCollection,
  type InventoryDevice,
  knownHostsLine,
  parseInventory,
} from '../../../src/audit/collect/index.ts';
import { unreachableTransport } from '../../../src/core/agent/protocol.ts';
import { type RunningDevice, startDevices } from '../../../src/emulate/index.ts';
import { parseShowLicense } from '../../../src/text/index.ts';
import { refusedPort, startSilentServer } from '../../transport/fixtures.ts';
import { collectAll } from './collect-all.ts';
import { startFakeAsa } from './fake-asa.ts';

const NOW = Date.parse('2027-01-12T13:09:43Z');
let dir: string;
let devices: RunningDevice[] = [];
const others: { close(): Promise<void> }[] = [];
let inventoryYaml = '';
let knownHosts = '';

const by = (list: DeviceCollection[]) => Object.fromEntries(list.map((c) => [c.device, c]));
const run = async (devs: InventoryDevice[], opts: CollectFleetOptions = {}) =>
  by(await collectAll(devs, { timeoutMs: 10_000, connectTimeoutMs: 1_000, ...opts }));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smartlic-collect-emu-'));
  devices = await startDevices(
    [
      { name: 'reg', password: 'pw-reg', enablePassword: 'en-reg', licensing: 'registered' },
      { name: 'failing', password: 'pw-fail', licensing: 'comm-failing' },
      { name: 'expired', password: 'pw-exp', enablePassword: 'en-exp', licensing: 'auth-expired' },
      { name: 'lost', password: 'pw-lost', licensing: 'registration-lost' },
      { name: 'newkey', password: 'pw-new' },
      { name: 'changed', password: 'pw-chg' },
    ],
    { clock: { now: () => NOW }, transportFor: () => unreachableTransport, stateDir: join(dir, 'state') },
  );
  const port = (n: string) => devices.find((d) => d.name === n)?.port;
  const foreign = await startFakeAsa({ foreignPrompt: 'admin@jumphost:~$ ' });
  // Accepts TCP and never sends an SSH banner: a black-holed device.
  const hole = await startSilentServer();
  others.push(foreign, hole);
  const refused = await refusedPort();
  // known_hosts: every emulated device except `newkey`; `changed` listed with reg's key.
  const reg = devices.find((d) => d.name === 'reg') as RunningDevice;
  knownHosts = join(dir, 'known_hosts');
  await writeFile(
    knownHosts,
    [
      ...devices
        .filter((d) => d.name !== 'newkey')
        .map((d) => `[127.0.0.1]:${d.port} ${(d.name === 'changed' ? reg : d).hostPublicKey}`),
      knownHostsLine('127.0.0.1', foreign.port, foreign.publicKey),
      '',
    ].join('\n'),
  );
  inventoryYaml = `defaults:
  username: admin
  host: 127.0.0.1
devices:
  - { name: reg, port: ${port('reg')}, password_env: PW_REG, enable_password_env: EN_REG }
  - { name: failing, port: ${port('failing')}, password_env: PW_FAIL }
  - { name: expired, port: ${port('expired')}, password_env: PW_EXP, enable_password_env: EN_EXP }
  - { name: lost, port: ${port('lost')}, password: pw-lost }
  - { name: viaLogin, port: ${port('expired')}, password_env: PW_EXP }
  - { name: wrongpw, port: ${port('failing')}, password: not-pw-fail }
  - { name: wrongenable, port: ${port('reg')}, password_env: PW_REG, enable_password: not-en-reg }
  - { name: newkey, port: ${port('newkey')}, password: pw-new }
  - { name: changed, port: ${port('changed')}, password: pw-chg }
  - { name: foreign, port: ${foreign.port}, password: pw }
  - { name: blackhole, port: ${hole.port}, password: x1234 }
  - { name: refused, port: ${refused}, password: x1234 }
`;
});

afterAll(async () => {
  await Promise.all([...devices.map((d) => d.close()), ...others.map((o) => o.close())]);
  await rm(dir, { recursive: true, force: true });
});

const env = { PW_REG: 'pw-reg', EN_REG: 'en-reg', PW_FAIL: 'pw-fail', PW_EXP: 'pw-exp', EN_EXP: 'en-exp' };

describe('collector against the emulated ASA fleet', () => {
  it('collects every healthy device and fails each broken one with its own clear error', async () => {
    const inv = parseInventory(inventoryYaml, join(dir, 'hosts.yaml'));
    expect(inv.invalid).toEqual([]);
    const got = await run(inv.devices, { knownHostsFile: knownHosts, env });
    for (const name of ['reg', 'failing', 'expired', 'lost']) {
      const c = got[name] as DeviceCollection;
      expect([name, c.error]).toEqual([name, undefined]);
      expect(c.outputs.map((o) => o.command)).toEqual([
        'show version',
        'show license all',
        'show running-config license',
        'show running-config call-home',
        'show clock',
      ]);
      // What the collector read is what the device's agent holds at the same (virtual) time.
      const parsed = parseShowLicense(c.outputs[1]?.text ?? '').data;
      const view = devices.find((d) => d.name === name)?.licenseView(NOW);
      expect([name, parsed.registration?.status]).toEqual([name, view?.registration?.status]);
      expect([name, parsed.authorization?.status]).toEqual([name, view?.authorization?.status]);
    }
    // No enable password in the inventory: enable fails, ASA's `login` as the local user works.
    expect(got.viaLogin?.error).toBeUndefined();
    expect(got.viaLogin?.outputs).toHaveLength(5);
    expect(got.wrongpw?.error).toMatchObject({ phase: 'auth', code: 'AUTH_FAILED' });
    expect(got.wrongenable?.error).toMatchObject({ phase: 'enable', code: 'ENABLE_FAILED' });
    expect(got.newkey?.error).toMatchObject({ phase: 'hostkey', code: 'HOSTKEY_UNKNOWN' });
    expect(got.changed?.error).toMatchObject({ phase: 'hostkey', code: 'HOSTKEY_CHANGED' });
    const changedDev = devices.find((d) => d.name === 'changed') as RunningDevice;
    expect(got.changed?.error?.message).toContain(changedDev.hostKeyFingerprint);
    expect(got.changed?.error?.message).toContain(devices.find((d) => d.name === 'reg')?.hostKeyFingerprint);
    expect(got.foreign?.error).toMatchObject({ phase: 'prompt', code: 'UNEXPECTED_PROMPT' });
    expect(got.blackhole?.error).toMatchObject({ phase: 'timeout', code: 'CONNECT_TIMEOUT' });
    expect(got.refused?.error).toMatchObject({ phase: 'connect', code: 'CONNECT_REFUSED' });
    // No secret anywhere in what collection hands on.
    const all = JSON.stringify(got);
    for (const s of [
      'pw-reg',
      'en-reg',
      'pw-fail',
      'pw-lost',
      'not-pw-fail',
      'not-en-reg',
      'pw-chg',
      'x1234',
    ])
      expect([s, all.includes(s)]).toEqual([s, false]);
  });

  it('accept-new records an unknown key, never a changed one', async () => {
    const inv = parseInventory(inventoryYaml, join(dir, 'hosts.yaml'));
    const pick = inv.devices.filter((d) => d.name === 'newkey' || d.name === 'changed');
    const file = join(dir, 'known_hosts_accept');
    await writeFile(file, await readFile(knownHosts, 'utf8'));
    const got = await run(pick, { knownHostsFile: file, acceptNew: true, env });
    expect(got.newkey?.ok).toBe(true);
    expect(got.changed?.error?.code).toBe('HOSTKEY_CHANGED');
    const newkey = devices.find((d) => d.name === 'newkey') as RunningDevice;
    const text = await readFile(file, 'utf8');
    expect(text).toContain(`[127.0.0.1]:${newkey.port} ${newkey.hostPublicKey}`);
    const again = await run(
      pick.filter((d) => d.name === 'newkey'),
      { knownHostsFile: file },
    );
    expect(again.newkey?.ok).toBe(true);
  });
});
