// Our Ansible inventory reading checked against Ansible itself: `ansible-inventory --list`
// resolves groups, children, ranges and variable precedence; every device we load must carry the
// connection variables Ansible resolved for that host.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InventoryDevice, loadInventory, type SecretSource } from '../../../src/audit/collect/index.ts';

const BIN = '/usr/bin/ansible-inventory';
const missing = !existsSync(BIN);
if (missing && process.env.CI === 'true')
  throw new Error('ansible-inventory (Debian ansible) is required in CI');
if (missing) console.log('skipping Ansible interop: /usr/bin/ansible-inventory not installed');

const INI = `fw0 ansible_host=127.0.0.9 ansible_password=plain0pass
[asa]
fw[01:03] ansible_host=127.0.0.1 ansible_port=2401
fw9 ansible_host=10.1.1.9 ansible_user=ops ansible_port=2222  # far away
[asa:vars]
ansible_user=admin
ansible_become_password="{{ lookup('env', 'ASA_ENABLE') }}"
[dc:children]
asa
[dc:vars]
ansible_user=dcuser
ansible_port=2500
ansible_ssh_private_key_file=/keys/dc
[all:vars]
ansible_password="{{ lookup('env','ASA_PASS') }}"
`;

const YAML = `all:
  vars:
    ansible_user: root
    ansible_password: "{{ lookup('env', 'ALL_PASS') }}"
  hosts:
    lonely:
      ansible_host: 127.0.0.5
  children:
    site:
      vars:
        ansible_user: siteuser
        ansible_port: 2300
      children:
        edge:
          vars:
            ansible_user: edgeuser
            ansible_become_password: en-plain
          hosts:
            e1: { ansible_host: 127.0.0.11 }
            e2: { ansible_host: 127.0.0.12, ansible_port: 2302 }
      hosts:
        s1: { ansible_host: 127.0.0.21 }
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smartlic-ansible-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const ENV_LOOKUP = /lookup\(\s*['"]env['"]\s*,\s*['"](\w+)['"]\s*\)/;
const secretView = (s: SecretSource | undefined) =>
  s === undefined ? undefined : s.from === 'env' ? `env:${s.name}` : `inline:${s.value.reveal()}`;
const expectedSecret = (v: unknown) => {
  if (v === undefined) return undefined;
  const m = ENV_LOOKUP.exec(String(v));
  return m ? `env:${m[1]}` : `inline:${v}`;
};

function ansibleView(file: string) {
  const out = execFileSync(BIN, ['-i', file, '--list'], {
    encoding: 'utf8',
    env: { ...process.env, ANSIBLE_LOCALHOST_WARNING: '0', ANSIBLE_INVENTORY_UNPARSED_WARNING: '0' },
  });
  const hostvars = (JSON.parse(out) as { _meta: { hostvars: Record<string, Record<string, unknown>> } })._meta
    .hostvars;
  return Object.fromEntries(
    Object.entries(hostvars).map(([name, v]) => [
      name,
      {
        host: v.ansible_host ?? name,
        port: Number(v.ansible_port ?? 22),
        username: v.ansible_user,
        password: expectedSecret(v.ansible_password),
        enable: expectedSecret(v.ansible_become_password),
        keyFile: v.ansible_ssh_private_key_file,
      },
    ]),
  );
}

const ourView = (devices: InventoryDevice[]) =>
  Object.fromEntries(
    devices.map((d) => [
      d.name,
      {
        host: d.host,
        port: d.port,
        username: d.username,
        password: secretView(d.password),
        enable: secretView(d.enablePassword),
        keyFile: d.keyFile,
      },
    ]),
  );

describe.skipIf(missing)('Ansible inventories read as ansible-inventory resolves them', () => {
  it.each([
    ['hosts.ini', INI],
    ['hosts.yml', YAML],
  ])('%s', async (name, text) => {
    const file = join(dir, name);
    await writeFile(file, text);
    const inv = await loadInventory(file);
    expect(inv.invalid).toEqual([]);
    const theirs = ansibleView(file);
    expect(Object.keys(theirs).length).toBeGreaterThanOrEqual(4);
    expect(ourView(inv.devices)).toEqual(theirs);
  });
});
