// Our Ansible inventory reading checked against Debian's Ansible itself, on inventories with
// group_vars/ and host_vars/ (files and folders), vault-encrypted values (a test vault password
// file), FQCN env lookups, the vault_ indirection, `!unsafe`, ranges, nested groups and groups
// that are not ASAs:
// - every device carries the connection values Ansible evaluates for that host (`ansible -m
//   debug` renders them, lookups and vault included), through both of our readers:
//   `ansible-inventory --list` and the built-in fallback;
// - hosts that are not ASAs are skipped, with one note naming them;
// - `-l` patterns select exactly what `ansible -i INV --list-hosts PATTERN` lists.

import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inspect, promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Inventory,
  type LoadInventoryOptions,
  loadInventory,
  type SecretSource,
  selectHosts,
} from '../../../src/audit/collect/index.ts';
import { SmartlicError } from '../../../src/errors.ts';

// The test's own Ansible runs (the oracle, the fixtures) yield the CPU to the other test files:
// on two shared cores, test/emulate/ansible.test.ts runs ansible-playbook against a deadline.
const NICE = ['/usr/bin/nice', '-n', '15'];
const execNice = promisify(execFile);
const run = async (bin: string, args: string[], opts: { env: NodeJS.ProcessEnv; cwd: string }) =>
  (await execNice(NICE[0] as string, [...NICE.slice(1), bin, ...args], { ...opts, encoding: 'utf8' })).stdout;
const TOOLS = ['ansible', 'ansible-inventory', 'ansible-vault'].map((t) => `/usr/bin/${t}`);
const missing = TOOLS.filter((t) => !existsSync(t));
if (missing.length && process.env.CI === 'true')
  throw new Error(`Debian's ansible is required in CI (missing ${missing.join(', ')})`);
if (missing.length) console.log(`skipping Ansible interop: ${missing.join(', ')} not installed`);

const SECRETS = {
  asa: 'vaulted-asa-pass',
  fw2: 'vaulted-fw2-pass',
  fileVault: 'whole-file-vault-pass',
};
const ENV_SECRETS = { ASA_ENABLE: 'en-from-env', FPR_PASS: 'fpr-from-env', EDGE_PASS: 'edge-from-env' };

let dir: string;
let env: NodeJS.ProcessEnv;
let vaultPass: string;

/** `name: !vault |` followed by the ciphertext of `value`, made by ansible-vault itself. */
function vaulted(name: string, value: string): string {
  return execFileSync(
    NICE[0] as string,
    [...NICE.slice(1), '/usr/bin/ansible-vault', 'encrypt_string', value, '--name', name],
    {
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
}

async function put(path: string, text: string) {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), text);
}

const INI = `jump1 ansible_host=127.0.0.9

[asa_dc1]
fw1 ansible_host=127.0.0.1 ansible_port=2401
fw2 ansible_host=127.0.0.2  # its password is in host_vars, vaulted

[asa_dc2]
fw[3:4] ansible_host=127.0.0.3
fpr2130-affected ansible_host=127.0.0.5 ansible_password="{{ lookup('ansible.builtin.env', 'FPR_PASS') }}"

[asa:children]
asa_dc1
asa_dc2

[asa:vars]
ansible_network_os=cisco.asa.asa
ansible_password="{{ vault_asa_password }}"

[linux]
jump1
web01 ansible_host=127.0.0.20

[routers]
r1 ansible_network_os=cisco.ios.ios ansible_host=127.0.0.30
`;

const YAML = `all:
  vars:
    ansible_user: root
  children:
    site:
      vars:
        ansible_network_os: asa
        ansible_port: 2300
      children:
        edge:
          vars:
            ansible_group_priority: 5
            ansible_user: edgeuser
            ansible_password: "{{ lookup('env', 'EDGE_PASS') }}"
          hosts:
            e[01:02]: { ansible_host: 127.0.0.11 }
        core:
          vars:
            ansible_user: coreuser
          hosts:
            e02: {}
            c1:
              ansible_host: 127.0.0.21
              ansible_password: !unsafe "{{ not-a-template }}"
      hosts:
        s1: { ansible_host: 127.0.0.22, ansible_become_password: en-plain }
    switches:
      hosts:
        sw1: { ansible_network_os: cisco.nxos.nxos }
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smartlic-ansible-'));
  vaultPass = join(dir, 'vault-pass');
  await writeFile(vaultPass, 'test-vault-password\n', { mode: 0o600 });
  env = {
    PATH: process.env.PATH,
    HOME: dir,
    ANSIBLE_LOCAL_TEMP: join(dir, 'ansible-tmp'),
    ANSIBLE_VAULT_PASSWORD_FILE: vaultPass,
    ...ENV_SECRETS,
  };
  if (missing.length) return;
  await put('ini/hosts.ini', INI);
  await put('ini/group_vars/all.yml', 'ansible_user: fromall\n');
  await put(
    'ini/group_vars/asa/vars.yml',
    `ansible_user: netops\nansible_become_password: "{{ lookup('env', 'ASA_ENABLE') }}"\n`,
  );
  await put('ini/group_vars/asa/vault.yml', vaulted('vault_asa_password', SECRETS.asa));
  await put('ini/group_vars/asa_dc2.yml', 'ansible_port: 2402\n');
  await put('ini/host_vars/fw2.yml', `ansible_user: admin\n${vaulted('ansible_password', SECRETS.fw2)}`);
  await put('ini/host_vars/fw4/main.yml', 'ansible_port: "2404"\n');

  await put('yaml/hosts.yml', YAML);
  await put('yaml/group_vars/core.json', '{"ansible_port": 2310}\n');
  await put('yaml/group_vars/all/10-defaults.yml', 'ansible_become_password: en-all\n');
  await put('yaml/host_vars/s1', 'ansible_port: 2322\n');

  // The usual vault layout: a whole vars file encrypted.
  await put(
    'filevault/hosts.ini',
    '[asa]\nv1 ansible_host=127.0.0.40\n[asa:vars]\nansible_network_os=cisco.asa.asa\n',
  );
  await put('filevault/group_vars/asa.yml', `ansible_password: ${SECRETS.fileVault}\n`);
  execFileSync(
    NICE[0] as string,
    [...NICE.slice(1), '/usr/bin/ansible-vault', 'encrypt', join(dir, 'filevault/group_vars/asa.yml')],
    {
      env,
      stdio: 'ignore',
    },
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const ASA_OS = new Set(['cisco.asa.asa', 'asa']);
const FIELDS = [
  'inventory_hostname',
  'ansible_network_os|default(None)',
  'ansible_host|default(inventory_hostname)',
  'ansible_port|default(22)|int',
  'ansible_user|default(None)',
  'ansible_password|default(None)',
  'ansible_become_password|default(None)',
];

/** What Ansible evaluates for every host: `ansible all -m debug`, rendered by the json callback. */
async function ansibleUses(inventory: string): Promise<Map<string, unknown[]>> {
  const stdout = await run(
    '/usr/bin/ansible',
    ['-i', inventory, 'all', '-m', 'ansible.builtin.debug', '-a', `msg={{ [${FIELDS.join(', ')}] }}`],
    { env: { ...env, ANSIBLE_LOAD_CALLBACK_PLUGINS: '1', ANSIBLE_STDOUT_CALLBACK: 'json' }, cwd: dir },
  );
  const tasks = JSON.parse(stdout).plays[0].tasks[0].hosts as Record<string, { msg: unknown[] }>;
  return new Map(Object.entries(tasks).map(([host, r]) => [host, r.msg]));
}

const secretValue = (s: SecretSource | undefined) =>
  s === undefined ? null : s.from === 'env' ? (env[s.name] ?? '') : s.value.reveal();

/** Our devices in the same shape (the network OS is whatever Ansible said: we kept the host). */
const ourView = (inv: Inventory, theirs: Map<string, unknown[]>) =>
  new Map(
    inv.devices.map((d) => [
      d.name,
      [
        d.name,
        theirs.get(d.name)?.[1],
        d.host,
        d.port,
        d.username ?? null,
        secretValue(d.password),
        secretValue(d.enablePassword),
      ],
    ]),
  );

const load = (file: string, reader: LoadInventoryOptions['reader']) =>
  loadInventory(join(dir, file), { env, cwd: dir, reader });

describe.skipIf(missing.length > 0)('Ansible inventories as Ansible reads them', () => {
  describe.each(['ini/hosts.ini', 'yaml/hosts.yml'])('%s', (file) => {
    let theirs: Map<string, unknown[]>;
    let byAnsible: Inventory;
    let builtIn: Inventory;
    // One Ansible process at a time: the machine is shared, and test/emulate/ansible.test.ts
    // runs ansible-playbook beside this file.
    beforeAll(async () => {
      theirs = await ansibleUses(join(dir, file));
      byAnsible = await load(file, 'ansible-inventory');
      builtIn = await load(file, 'built-in');
    });

    it('both readers give every ASA the values Ansible uses, and nothing is invalid', () => {
      const asa = new Map([...theirs].filter(([, v]) => ASA_OS.has(String(v[1]))));
      expect(asa.size).toBeGreaterThanOrEqual(4);
      expect(byAnsible.format).toBe('ansible-inventory');
      for (const inv of [byAnsible, builtIn]) {
        expect(inv.invalid).toEqual([]);
        expect(ourView(inv, theirs)).toEqual(asa);
      }
    });

    it('skips the hosts that are not ASAs with one note naming each', () => {
      const others = [...theirs].filter(([, v]) => !ASA_OS.has(String(v[1]))).map(([h]) => h);
      expect(others.length).toBeGreaterThan(0);
      for (const inv of [byAnsible, builtIn]) {
        const notes = inv.warnings.filter((w) => w.includes('ansible_network_os'));
        expect(notes).toHaveLength(1);
        for (const h of others) expect(notes[0]).toContain(h);
      }
    });

    it('the two readers agree on groups, tags and order', () => {
      const shape = (inv: Inventory) => ({
        hosts: inv.hosts,
        tags: inv.devices.map((d) => [d.name, d.tags]),
        groups: [...inv.groups]
          .map(([name, g]) => [name, [...g.hosts].sort(), [...g.children].sort()])
          .sort(),
      });
      expect(shape(builtIn)).toEqual(shape(byAnsible));
    });

    it('no secret reaches the inventory as text (JSON, inspect, warnings)', () => {
      for (const inv of [byAnsible, builtIn]) {
        const dumped = JSON.stringify({ ...inv, groups: [...inv.groups] }) + inspect(inv, { depth: 9 });
        for (const secret of [...Object.values(SECRETS), ...Object.values(ENV_SECRETS)])
          expect(dumped).not.toContain(secret);
      }
    });
  });

  describe('-l patterns select what `ansible --list-hosts` lists', () => {
    const PATTERNS = [
      'asa',
      'asa:!fw2',
      'asa:!asa_dc1',
      'asa:&asa_dc2:!fpr*',
      '!linux',
      'all:!asa',
      '~fw[24]',
      'fw1,fw3,jump1',
      'linux:routers',
      'asa[1:2]',
      'f?[13]', // a subscript [13] of "f?", not a glob: nothing, in Ansible too
      'nothing-here',
    ];
    const listHosts = async (inventory: string, pattern: string) => {
      const stdout = await run('/usr/bin/ansible', ['-i', inventory, '--list-hosts', pattern], {
        env,
        cwd: dir,
      });
      return stdout
        .split('\n')
        .slice(1)
        .map((l) => l.trim())
        .filter(Boolean)
        .sort();
    };

    let theirs: string[][];
    beforeAll(async () => {
      theirs = [];
      for (const p of PATTERNS) theirs.push(await listHosts(join(dir, 'ini/hosts.ini'), p));
    });

    it.each(['ansible-inventory', 'built-in'] as const)('reading with %s', async (reader) => {
      const inv = await load('ini/hosts.ini', reader);
      const ours = PATTERNS.map((p) => [...selectHosts(p, inv).hosts].sort());
      expect(ours.map((hosts, i) => [PATTERNS[i], hosts])).toEqual(
        theirs.map((hosts, i) => [PATTERNS[i], hosts]),
      );
      expect(theirs.filter((h) => h.length > 0).length).toBe(PATTERNS.length - 2);
    });
  });

  describe('vault', () => {
    it('a whole vault-encrypted vars file: Ansible decrypts it; the built-in reader says it cannot', async () => {
      const inv = await load('filevault/hosts.ini', 'ansible-inventory');
      expect(inv.devices.map((d) => [d.name, secretValue(d.password)])).toEqual([['v1', SECRETS.fileVault]]);
      // Decrypted by Ansible, indistinguishable from a literal: Ansible's vault-file idiom, warned as plaintext.
      expect(inv.warnings.join('\n')).not.toContain(SECRETS.fileVault);
      const err = await load('filevault/hosts.ini', 'built-in').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SmartlicError);
      expect((err as SmartlicError).oneLine()).toMatch(
        /filevault\/group_vars\/asa\.yml: a vault-encrypted vars file: only Ansible decrypts it/,
      );
    });

    it('without a vault password, a vaulted value makes only its hosts invalid, with a line saying what to set', async () => {
      const { ANSIBLE_VAULT_PASSWORD_FILE: _, ...noVault } = env;
      // Both readers decrypt through the same ansible-vault call: one of them is enough here.
      const inv = await loadInventory(join(dir, 'ini/hosts.ini'), { env: noVault, cwd: dir });
      expect(inv.devices.map((d) => d.name)).toEqual(['fpr2130-affected']);
      expect(inv.invalid.map((d) => d.name).sort()).toEqual(['fw1', 'fw2', 'fw3', 'fw4']);
      for (const d of inv.invalid)
        expect(d.message).toMatch(
          /: host fw\d: ansible_password: the vault-encrypted value could not be decrypted: no vault password is configured \(set ANSIBLE_VAULT_PASSWORD_FILE/,
        );
      const err = await loadInventory(join(dir, 'filevault/hosts.ini'), { env: noVault, cwd: dir }).catch(
        (e: unknown) => e,
      );
      expect((err as SmartlicError).oneLine()).toMatch(
        /hosts\.ini: ansible-inventory could not read it: .*vault/i,
      );
      expect((err as SmartlicError).oneLine().split('\n')).toHaveLength(1);
    });
  });
});
