// Key-based logins against an emulated ASA: a key file (with its passphrase from the
// environment) and a real OpenSSH ssh-agent reached through SSH_AUTH_SOCK. No password anywhere.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeviceCollection, parseInventory } from '../../../src/audit/collect/index.ts';
import { unreachableTransport } from '../../../src/core/agent/protocol.ts';
import { type RunningDevice, startDevices } from '../../../src/emulate/index.ts';
import { collectAll } from './collect-all.ts';

const tools = ['/usr/bin/ssh-keygen', '/usr/bin/ssh-agent', '/usr/bin/ssh-add'];
const missing = tools.filter((t) => !existsSync(t));
if (missing.length && process.env.CI === 'true') throw new Error(`required in CI: ${missing.join(', ')}`);
if (missing.length) console.log(`skipping key/agent tests: ${missing.join(', ')} not installed`);

let dir: string;
let devices: RunningDevice[] = [];
let agent: ChildProcess | undefined;
let sock = '';

beforeAll(async () => {
  if (missing.length) return;
  dir = await mkdtemp(join(tmpdir(), 'smartlic-keys-'));
  const key = join(dir, 'id_ed25519');
  execFileSync('/usr/bin/ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'k3y-pass', '-C', 'audit', '-f', key]);
  const pub = (await readFile(`${key}.pub`, 'utf8')).trim();
  devices = await startDevices(
    [{ name: 'keyed', authorizedKeys: [pub], enablePassword: 'en-k', licensing: 'registered' }],
    { clock: { now: () => Date.now() }, transportFor: () => unreachableTransport },
  );
  sock = join(dir, 'agent.sock');
  agent = spawn('/usr/bin/ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
  for (let i = 0; i < 50 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 50));
  // ssh-add reads the passphrase through SSH_ASKPASS when there is no terminal.
  const askpass = join(dir, 'askpass.sh');
  await writeFile(askpass, '#!/bin/sh\necho k3y-pass\n', { mode: 0o700 });
  execFileSync('/usr/bin/ssh-add', [key], {
    env: { SSH_AUTH_SOCK: sock, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: 'none' },
    stdio: 'ignore',
  });
  await writeFile(
    join(dir, 'known_hosts'),
    devices.map((d) => `[127.0.0.1]:${d.port} ${d.hostPublicKey}\n`).join(''),
  );
});

afterAll(async () => {
  agent?.kill();
  await Promise.all(devices.map((d) => d.close()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function collectYaml(yaml: string, env: NodeJS.ProcessEnv): Promise<DeviceCollection[]> {
  const inv = parseInventory(yaml, join(dir, 'hosts.yaml'));
  expect(inv.invalid).toEqual([]);
  return collectAll(inv, { knownHostsFile: join(dir, 'known_hosts'), env });
}

describe.skipIf(missing.length > 0)('key and agent authentication', () => {
  it('logs in with a passphrase-protected key file', async () => {
    const port = devices[0]?.port;
    const [c] = await collectYaml(
      `devices:\n  - { name: k, host: 127.0.0.1, port: ${port}, username: admin, key_file: ${join(dir, 'id_ed25519')}, key_passphrase_env: KP, enable_password_env: EN }\n`,
      { KP: 'k3y-pass', EN: 'en-k' },
    );
    expect(c?.error).toBeUndefined();
    expect(c?.outputs.map((o) => o.command)).toContain('show license all');
  });

  it('a wrong key passphrase fails the device in phase inventory without printing it', async () => {
    const port = devices[0]?.port;
    const [c] = await collectYaml(
      `devices:\n  - { name: k, host: 127.0.0.1, port: ${port}, username: admin, key_file: ${join(dir, 'id_ed25519')}, key_passphrase_env: KP }\n`,
      { KP: 'not-the-passphrase' },
    );
    expect(c?.error).toMatchObject({ phase: 'inventory', code: 'KEY_FILE' });
    expect(JSON.stringify(c)).not.toContain('not-the-passphrase');
  });

  it('logs in through ssh-agent (SSH_AUTH_SOCK) when no password or key is given', async () => {
    const port = devices[0]?.port;
    const yaml = `devices:\n  - { name: a, host: 127.0.0.1, port: ${port}, username: admin, enable_password_env: EN }\n`;
    const [c] = await collectYaml(yaml, { SSH_AUTH_SOCK: sock, EN: 'en-k' });
    expect(c?.error).toBeUndefined();
    expect(c?.ok).toBe(true);
    // Without the agent there is nothing to authenticate with: an auth failure, not a hang.
    const [d] = await collectYaml(yaml, { EN: 'en-k' });
    expect(d?.error).toMatchObject({ phase: 'auth', code: 'AUTH_FAILED' });
  });
});
