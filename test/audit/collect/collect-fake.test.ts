// The collector end to end over real SSH on loopback, against small ssh2 servers that act like
// an ASA (or deliberately not). The emulator-based fleet test is collect-emulator.test.ts.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CollectFleetOptions,
  type DeviceCollection,
  type InventoryDevice,
  knownHostsLine,
  Secret,
} from '../../../src/audit/collect/index.ts';
import { refusedPort, startSilentServer } from '../../transport/fixtures.ts';
import { CORPUS_DIR } from '../inputs.ts';
import { collectAll } from './collect-all.ts';
import { type FakeAsa, fakeDevice, newHostKey, startFakeAsa } from './fake-asa.ts';

let dir: string;
const servers: { close(): Promise<void> }[] = [];
const dev = fakeDevice;

async function fake(spec: Parameters<typeof startFakeAsa>[0] = {}): Promise<FakeAsa> {
  const s = await startFakeAsa(spec);
  servers.push(s);
  return s;
}

async function collect(devices: InventoryDevice[], known: FakeAsa[], opts: CollectFleetOptions = {}) {
  const file = join(dir, `known_hosts_${Math.random().toString(36).slice(2)}`);
  await writeFile(file, known.map((k) => `${knownHostsLine('127.0.0.1', k.port, k.publicKey)}\n`).join(''));
  const out = await collectAll(devices, { knownHostsFile: file, timeoutMs: 8000, ...opts });
  return { byName: Object.fromEntries(out.map((c) => [c.device, c])), file, out };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smartlic-collect-'));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('collector against ASA-like ssh2 servers', () => {
  it('collects the audit commands through enable (empty password), pager and failover prompt', async () => {
    const asa = await fake({ promptSuffix: '/pri/act', pagerLines: 10 });
    const { byName } = await collect([dev('a', asa.port)], [asa]);
    const c = byName.a as DeviceCollection;
    expect(c.error).toBeUndefined();
    expect(c.ok).toBe(true);
    expect(c.outputs.map((o) => o.command)).toEqual([
      'show version',
      'show license all',
      'show running-config license',
      'show running-config call-home',
      'show clock',
    ]);
    const lic = c.outputs[1]?.text ?? '';
    const corpus = await readFile(join(CORPUS_DIR, 'show-license-all__ntc-templates__1.txt'), 'utf8');
    expect(lic.trim()).toBe(corpus.replace(/[ \t]+$/gm, '').trim());
    expect(lic).not.toMatch(/More|fw1/);
    expect(c.failover).toEqual({ unit: 'primary', state: 'active' });
    expect(c.context).toEqual({ mode: 'single' });
    // Read-only: the only session setting is the pager.
    expect(asa.commands.filter((x) => !x.startsWith('show '))).toEqual(['enable', 'terminal pager 0']);
  });

  it('enable with a password, and a wrong enable password fails the device in phase enable', async () => {
    const asa = await fake({ enablePassword: 'en-secret' });
    const good = dev('good', asa.port, { enablePassword: { from: 'env', name: 'EN' } });
    const bad = dev('bad', asa.port, { enablePassword: { from: 'inline', value: new Secret('wrong-one') } });
    const { byName } = await collect([good, bad], [asa], { env: { EN: 'en-secret' } });
    expect(byName.good?.ok).toBe(true);
    expect(byName.bad?.error).toMatchObject({ phase: 'enable', code: 'ENABLE_FAILED' });
    expect(byName.bad?.error?.message).toContain('wrong enable password');
    expect(JSON.stringify(byName)).not.toMatch(/en-secret|wrong-one/);
  });

  it('without an enable password: the empty default, the login password, then ASA login', async () => {
    const usesLogin = await fake({ enablePassword: 'pw' });
    const other = await fake({ enablePassword: 'something-else' });
    const viaLogin = await fake({ enablePassword: 'something-else', loginCommand: true });
    const { byName } = await collect(
      [dev('login', usesLogin.port), dev('none', other.port), dev('logincmd', viaLogin.port)],
      [usesLogin, other, viaLogin],
    );
    expect(byName.login?.error).toBeUndefined();
    expect(byName.logincmd?.error).toBeUndefined();
    expect(viaLogin.commands).toContain('login');
    expect(byName.none?.error).toMatchObject({ phase: 'enable', code: 'ENABLE_FAILED' });
    expect(byName.none?.error?.message).toContain('no enable password given');
  });

  it('a missing secret variable fails only that device, phase inventory', async () => {
    const asa = await fake({ autoEnable: true });
    const { byName } = await collect(
      [dev('ok', asa.port), dev('nosecret', asa.port, { password: { from: 'env', name: 'NOPE_UNSET' } })],
      [asa],
      { env: {} },
    );
    expect(byName.ok?.ok).toBe(true);
    expect(byName.nosecret?.error).toMatchObject({ phase: 'inventory', code: 'SECRET_MISSING' });
    expect(byName.nosecret?.error?.message).toContain('NOPE_UNSET');
  });

  it('a device silent until a keystroke gets one', async () => {
    const asa = await fake({ autoEnable: true, quietUntilKey: true });
    const { byName } = await collect([dev('quiet', asa.port)], [asa], { promptIdleMs: 300 });
    expect(byName.quiet?.error).toBeUndefined();
    expect(byName.quiet?.outputs).toHaveLength(5);
  });

  it('the login flow inside the shell', async () => {
    const asa = await fake({ shellLogin: true, autoEnable: true });
    const { byName } = await collect([dev('l', asa.port)], [asa]);
    expect(byName.l?.error).toBeUndefined();
    expect(byName.l?.outputs).toHaveLength(5);
  });

  it('falls back to show license status/summary when show license all is rejected', async () => {
    const asa = await fake({ autoEnable: true, noLicenseAll: true });
    const { byName } = await collect([dev('old', asa.port)], [asa]);
    expect(byName.old?.outputs.map((o) => o.command)).toEqual([
      'show version',
      'show license status',
      'show license summary',
      'show running-config license',
      'show running-config call-home',
      'show clock',
    ]);
  });

  it('multi-context: changes to the system context when allowed, says so when not', async () => {
    const sys = await fake({ autoEnable: true, context: { name: 'admin', canChangeToSystem: true } });
    const user = await fake({ autoEnable: true, context: { name: 'cust1', canChangeToSystem: false } });
    const { byName } = await collect([dev('sys', sys.port), dev('user', user.port)], [sys, user]);
    expect(byName.sys?.context).toEqual({ mode: 'multiple', current: 'system', isSystem: true });
    expect(byName.sys?.outputs[0]?.text).toContain('<system>');
    expect(sys.commands).toContain('changeto system');
    expect(byName.user?.ok).toBe(true);
    expect(byName.user?.context).toEqual({ mode: 'multiple', current: 'cust1', isSystem: false });
  });

  it('wrong password, unknown and changed host keys, refused and black-holed ports, foreign prompt', async () => {
    const asa = await fake({ autoEnable: true });
    const unknown = await fake({ autoEnable: true });
    const changed = await fake({ autoEnable: true });
    const foreign = await fake({ foreignPrompt: 'user@linux:~$ ' });
    // Accepts TCP and never sends an SSH banner: a black-holed device.
    const hole = await startSilentServer();
    servers.push(hole);
    const refused = await refusedPort();
    // known_hosts holds another key for `changed`.
    const impostor = await fake({ hostKey: newHostKey() });
    const knownForChanged = { ...impostor, port: changed.port };
    const { byName } = await collect(
      [
        dev('wrongpw', asa.port, { password: { from: 'inline', value: new Secret('not-the-pw') } }),
        dev('unknown', unknown.port),
        dev('changed', changed.port),
        dev('foreign', foreign.port),
        dev('hole', hole.port),
        dev('refused', refused),
      ],
      [asa, knownForChanged, foreign],
      { connectTimeoutMs: 800, timeoutMs: 5000 },
    );
    expect(byName.wrongpw?.error).toMatchObject({ phase: 'auth', code: 'AUTH_FAILED' });
    expect(byName.unknown?.error).toMatchObject({ phase: 'hostkey', code: 'HOSTKEY_UNKNOWN' });
    expect(byName.unknown?.error?.message).toMatch(/--accept-new/);
    expect(byName.changed?.error).toMatchObject({ phase: 'hostkey', code: 'HOSTKEY_CHANGED' });
    expect(byName.changed?.error?.message.match(/SHA256:\S+/g)).toHaveLength(2);
    expect(byName.foreign?.error).toMatchObject({ phase: 'prompt', code: 'UNEXPECTED_PROMPT' });
    expect(byName.foreign?.error?.message).toContain('user@linux:~$');
    expect(byName.hole?.error).toMatchObject({ phase: 'timeout', code: 'CONNECT_TIMEOUT' });
    expect(byName.refused?.error).toMatchObject({ phase: 'connect', code: 'CONNECT_REFUSED' });
    expect(JSON.stringify(byName)).not.toContain('not-the-pw');
  });

  it('retries a refused connection once: a device that comes up meanwhile is collected', async () => {
    const port = await refusedPort();
    const key = newHostKey();
    const known = await startFakeAsa({ hostKey: key });
    await known.close();
    // Comes up after the first attempt was refused, before the retry (200-500 ms later).
    const late = setTimeout(() => {
      void fake({ autoEnable: true, port, hostKey: key });
    }, 60);
    const { byName } = await collect([dev('late', port)], [{ ...known, port }]);
    clearTimeout(late);
    expect(byName.late?.error).toBeUndefined();
    expect(byName.late?.ok).toBe(true);
  });

  it('accept-new records the unknown key atomically, and the next run knows it', async () => {
    const asa = await fake({ autoEnable: true });
    const first = await collect([dev('n', asa.port)], [], { acceptNew: true });
    expect(first.byName.n?.ok).toBe(true);
    const text = await readFile(first.file, 'utf8');
    expect(text).toBe(`${knownHostsLine('127.0.0.1', asa.port, asa.publicKey)}\n`);
    const again = await collectAll([dev('n', asa.port)], { knownHostsFile: first.file });
    expect(again[0]?.ok).toBe(true);
  });

  it('reports progress and bounds concurrency', async () => {
    const asa = await fake({ autoEnable: true });
    const seen: string[] = [];
    const devices = Array.from({ length: 6 }, (_, i) => dev(`d${i}`, asa.port));
    const { out } = await collect(devices, [asa], {
      concurrency: 2,
      onProgress: (p) => seen.push(`${p.done}/${p.total} ${p.failed}`),
    });
    expect(out.every((c) => c.ok)).toBe(true);
    expect(seen).toEqual(['1/6 0', '2/6 0', '3/6 0', '4/6 0', '5/6 0', '6/6 0']);
    expect(asa.maxConcurrent()).toBe(2);
  });

  it('a hung command times out with what was collected before it; so does the device budget', async () => {
    const asa = await fake({ autoEnable: true, hangOn: 'show clock' });
    const cmd = await collect([dev('hung', asa.port)], [asa], { commandTimeoutMs: 400 });
    expect(cmd.byName.hung?.error).toMatchObject({ phase: 'timeout', code: 'COMMAND_TIMEOUT' });
    expect(cmd.byName.hung?.error?.message).toContain('show clock');
    expect(cmd.byName.hung?.outputs.map((o) => o.command)).toEqual([
      'show version',
      'show license all',
      'show running-config license',
      'show running-config call-home',
    ]);
    const budget = await collect([dev('slow', asa.port)], [asa], {
      commandTimeoutMs: 20_000,
      timeoutMs: 1_000,
    });
    expect(budget.byName.slow?.error).toMatchObject({ phase: 'timeout', code: 'DEVICE_TIMEOUT' });
    expect(budget.byName.slow?.outputs).toHaveLength(4);
  });

  it('an abort ends a device in flight at once, yielded as ABORTED', async () => {
    const hole = await startSilentServer();
    servers.push(hole);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 150);
    const t0 = performance.now();
    const { out } = await collect([dev('stuck', hole.port)], [], {
      signal: ac.signal,
      connectTimeoutMs: 20_000,
      timeoutMs: 30_000,
    });
    expect(out.map((c) => [c.device, c.error?.code])).toEqual([['stuck', 'ABORTED']]);
    // Not an assertion on speed: only that we did not sit out the 20 s connect timeout.
    expect(performance.now() - t0).toBeLessThan(15_000);
  });

  it('an abort stops the run and still yields what finished', async () => {
    const asa = await fake({ autoEnable: true });
    const ac = new AbortController();
    const devices = Array.from({ length: 8 }, (_, i) => dev(`x${i}`, asa.port));
    const { out } = await collect(devices, [asa], {
      concurrency: 1,
      signal: ac.signal,
      onProgress: (p) => {
        if (p.done === 2) ac.abort();
      },
    });
    expect(out.length).toBeGreaterThanOrEqual(2);
    expect(out.length).toBeLessThan(8);
    expect(out.slice(0, 2).every((c) => c.ok)).toBe(true);
  });
});
