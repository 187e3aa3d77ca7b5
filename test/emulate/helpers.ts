// Shared by the real-client tests: start emulated devices on loopback with a fresh state folder, a
// client key pair and a known_hosts file for their host keys; and the CI rule for missing clients
// (fail under CI=true, skip with a printed reason otherwise).

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LicensingTransport } from '../../src/core/agent/protocol.ts';
import { unreachableTransport } from '../../src/core/agent/protocol.ts';
import { type DeviceSpecInput, type RunningDevice, startDevices } from '../../src/emulate/index.ts';
import type { SshLimits } from '../../src/emulate/ssh-server.ts';

export interface TestLab {
  dir: string;
  devices: RunningDevice[];
  keyFile: string;
  knownHosts: string;
  clock: { now(): number; set(t: number): void };
  close(): Promise<void>;
}

export const PASSWORD = 'Adm1n-pass';
export const ENABLE = 'En4ble-pass';

/** Start devices (password, enable secret, and the generated client key authorised on each). */
export async function startTestLab(
  specs: Partial<DeviceSpecInput>[] = [{}],
  opts: {
    transport?: LicensingTransport;
    /** A transport per device (unit) name; wins over `transport`. */
    transportFor?: (device: string) => LicensingTransport;
    now?: number;
    stateDir?: string;
    sshLimits?: Partial<SshLimits>;
  } = {},
): Promise<TestLab> {
  const dir = mkdtempSync(join(tmpdir(), 'smartlic-emu-'));
  const keyFile = join(dir, 'id_ed25519');
  const gen = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyFile]);
  const publicKey = gen.status === 0 ? readFileSync(`${keyFile}.pub`, 'utf8').trim() : undefined;
  let now = opts.now ?? Date.now();
  const clock = {
    now: () => now,
    set: (t: number) => {
      now = t;
    },
  };
  const devices = await startDevices(
    specs.map((s, i) => ({
      name: `asa${i + 1}`,
      hostname: `ASA${i + 1}`,
      password: PASSWORD,
      enablePassword: ENABLE,
      authorizedKeys: publicKey ? [publicKey] : [],
      ...s,
    })),
    {
      clock,
      transportFor: (name) => opts.transportFor?.(name) ?? opts.transport ?? unreachableTransport,
      stateDir: opts.stateDir ?? join(dir, 'state'),
      ...(opts.sshLimits ? { sshLimits: opts.sshLimits } : {}),
    },
  );
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, devices.map((d) => `[127.0.0.1]:${d.port} ${d.hostPublicKey}\n`).join(''));
  return {
    dir,
    devices,
    keyFile,
    knownHosts,
    clock,
    close: async () => {
      await Promise.all(devices.map((d) => d.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Whether a real client is usable. Under CI=true a missing client throws (the test fails, as the
 * project requires); elsewhere the test is skipped and the reason printed.
 */
export function clientAvailable(name: string, command: string, args: string[]): boolean {
  const probe = spawnSync(command, args, { encoding: 'utf8' });
  if (probe.status === 0) return true;
  const reason = `${name} not usable (${command} ${args.join(' ')}: ${probe.error?.message ?? probe.stderr?.trim() ?? `exit ${probe.status}`})`;
  if (process.env.CI === 'true') throw new Error(`CI requires ${reason}`);
  console.warn(`skipping: ${reason}`);
  return false;
}

/** OpenSSH options that verify the device against our known_hosts and use only our key (or a password). */
export function sshArgs(lab: TestLab, port: number, opts: { password?: boolean } = {}): string[] {
  const auth = opts.password
    ? ['-o', 'PubkeyAuthentication=no', '-o', 'PreferredAuthentications=password']
    : ['-i', lab.keyFile, '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes'];
  return [
    '-F',
    '/dev/null',
    '-p',
    String(port),
    ...auth,
    '-o',
    `UserKnownHostsFile=${lab.knownHosts}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'LogLevel=ERROR',
    'admin@127.0.0.1',
  ];
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run a client to completion WITHOUT blocking the event loop: the emulated devices live in this
 * same process, so spawnSync would deadlock them.
 */
export function runClient(
  command: string,
  args: string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: opts.env ?? process.env, cwd: opts.cwd, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    // A client that exits without reading its stdin (ssh after a refusal) closes the pipe:
    // its exit status and output are the result, not an EPIPE on our side.
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}

/** ansible-playbook and the cisco.asa collection are usable (a missing one fails under CI=true). */
export function ansibleAvailable(): boolean {
  return (
    clientAvailable('ansible-playbook', 'ansible-playbook', ['--version']) &&
    clientAvailable('ansible cisco.asa collection', 'ansible-doc', ['-t', 'module', 'cisco.asa.asa_config'])
  );
}

/** One host's counts in the stats of ansible-playbook's json callback. */
export interface PlayStats {
  ok: number;
  changed: number;
  failures: number;
  unreachable: number;
  rescued: number;
}

/**
 * Ansible's environment for a test: everything it writes stays in `dir`, the json callback, and
 * host key checking off (only here: the tests check host keys themselves).
 */
export function ansibleEnv(dir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ANSIBLE_HOST_KEY_CHECKING: 'False',
    ANSIBLE_STDOUT_CALLBACK: 'json',
    ANSIBLE_LOCAL_TEMP: join(dir, 'ansible-tmp'),
    ANSIBLE_PERSISTENT_CONTROL_PATH_DIR: join(dir, 'ansible-pc'),
    ANSIBLE_PERSISTENT_COMMAND_TIMEOUT: '30',
    ANSIBLE_RETRY_FILES_ENABLED: 'False',
    ANSIBLE_NOCOLOR: '1',
    ...extra,
  };
}

/** The SMARTLIC_* environment the netmiko scripts (fixtures/netmiko_*.py) connect with. */
export function netmikoEnv(
  lab: TestLab,
  device: RunningDevice,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SMARTLIC_PORT: String(device.port),
    SMARTLIC_USER: 'admin',
    SMARTLIC_PASSWORD: PASSWORD,
    SMARTLIC_SECRET: ENABLE,
    SMARTLIC_KNOWN_HOSTS: lab.knownHosts,
    ...extra,
  };
}
