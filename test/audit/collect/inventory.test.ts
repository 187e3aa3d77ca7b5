import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../../src/audit/collect/inventory/load.ts';
import { SmartlicError } from '../../../src/errors.ts';

const OWN = `defaults:
  username: admin
  password_env: ASA_PASSWORD
devices:
  - name: asa1
    host: 127.0.0.1
    port: 2201
    enable_password_env: ASA_ENABLE
    tags: [dc1]
  - name: asa2
    host: 127.0.0.1
    port: "2202"
  - name: asa3
    host: 127.0.0.1
    password: hunter22
    enable_password: s3cret!
`;

describe('smartlic YAML inventory', () => {
  it('loads devices with defaults, env secrets and tags', () => {
    const inv = parseInventory(OWN, 'hosts.yaml');
    expect(inv.format).toBe('smartlic');
    expect(inv.devices.map((d) => d.name)).toEqual(['asa1', 'asa3']);
    const [asa1, asa3] = inv.devices;
    expect(asa1).toMatchObject({
      host: '127.0.0.1',
      port: 2201,
      username: 'admin',
      password: { from: 'env', name: 'ASA_PASSWORD' },
      enablePassword: { from: 'env', name: 'ASA_ENABLE' },
      tags: ['dc1'],
      origin: { file: 'hosts.yaml', line: 5 },
    });
    expect(asa3?.port).toBe(22);
    expect(asa3?.password?.from).toBe('inline');
  });

  it('reports a bad field with file:line and the field, and keeps the other devices', () => {
    const inv = parseInventory(OWN, 'hosts.yaml');
    expect(inv.invalid).toHaveLength(1);
    expect(inv.invalid[0]?.message).toMatch(/^hosts\.yaml:12: device asa2: port: .*expected number/);
  });

  it('warns once per device about plaintext secrets, never printing them', () => {
    const inv = parseInventory(OWN, 'hosts.yaml');
    expect(inv.warnings).toHaveLength(1);
    expect(inv.warnings[0]).toMatch(/^hosts\.yaml:13: device asa3: plaintext password and enable password/);
    const dumped = JSON.stringify(inv) + inspect(inv, { depth: 9 }) + String(inv.devices[1]?.password);
    expect(dumped).not.toContain('hunter22');
    expect(dumped).not.toContain('s3cret!');
    const pw = inv.devices[1]?.password;
    expect(pw?.from === 'inline' && pw.value.reveal()).toBe('hunter22');
  });

  it('rejects unknown fields and missing hosts by name and line', () => {
    const inv = parseInventory('devices:\n  - name: a\n    hots: x\n  - name: b\n', 'i.yml');
    expect(inv.invalid.map((d) => d.message)).toEqual([
      expect.stringMatching(/^i\.yml:3: device a: hots: unknown field/),
      expect.stringMatching(/^i\.yml:4: device b: host: missing \(required\)/),
    ]);
  });

  it('a YAML syntax error is one InputError with file:line', () => {
    try {
      parseInventory('devices:\n  - name: a\n   host: [\n', 'bad.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SmartlicError);
      expect((e as SmartlicError).oneLine()).toMatch(/^bad\.yaml:\d+: YAML: /);
    }
  });
});

const ANSIBLE_YAML = `all:
  vars:
    ansible_user: netops
    ansible_network_os: cisco.asa.asa
  children:
    dc1:
      vars:
        ansible_password: "{{ lookup('env', 'DC1_PASS') }}"
        ansible_become_password: "{{ lookup('env', 'DC1_ENABLE') }}"
      hosts:
        fw1:
          ansible_host: 127.0.0.1
          ansible_port: 2301
        fw2:
          ansible_host: 127.0.0.2
          ansible_user: admin
          ansible_ssh_private_key_file: /keys/id_ed25519
    routers:
      hosts:
        r1:
          ansible_network_os: cisco.ios.ios
    vaulted:
      hosts:
        fw3:
          ansible_password: !vault |
            $ANSIBLE_VAULT;1.1;AES256
            6162
`;

describe('Ansible YAML inventory', () => {
  it('maps ansible_* variables with group precedence and env lookups', () => {
    const inv = parseInventory(ANSIBLE_YAML, 'inv.yml');
    expect(inv.format).toBe('ansible-yaml');
    expect(inv.devices.map((d) => d.name)).toEqual(['fw1', 'fw2']);
    expect(inv.devices[0]).toMatchObject({
      host: '127.0.0.1',
      port: 2301,
      username: 'netops',
      password: { from: 'env', name: 'DC1_PASS' },
      enablePassword: { from: 'env', name: 'DC1_ENABLE' },
      tags: ['dc1'],
      origin: { line: 11 },
    });
    expect(inv.devices[1]).toMatchObject({ port: 22, username: 'admin', keyFile: '/keys/id_ed25519' });
  });

  it('skips non-ASA hosts with a warning and rejects vault values with the line', () => {
    const inv = parseInventory(ANSIBLE_YAML, 'inv.yml');
    expect(inv.warnings).toEqual([
      expect.stringMatching(/^inv\.yml:20: host r1: skipped, ansible_network_os is cisco\.ios\.ios/),
    ]);
    expect(inv.invalid.map((d) => d.message)).toEqual([
      expect.stringMatching(
        /^inv\.yml:25: host fw3: ansible_password: vault-encrypted values are not supported/,
      ),
    ]);
  });
});

const INI = `# edge firewalls
fw0 ansible_host=127.0.0.9 ansible_password=plain0pass

[asa]
fw[01:02] ansible_host=127.0.0.1 ansible_port=2401  # two lab units
fw9 ansible_host=127.0.0.1 ansible_port=http

[asa:vars]
ansible_user=admin
ansible_become_password="{{ lookup('env', 'ASA_ENABLE') }}"

[dc:children]
asa

[all:vars]
ansible_password="{{ lookup('env','ASA_PASS') }}"
`;

describe('Ansible INI inventory', () => {
  it('reads groups, ranges, group vars, children and all:vars', () => {
    const inv = parseInventory(INI, 'hosts.ini');
    expect(inv.format).toBe('ansible-ini');
    expect(inv.devices.map((d) => d.name)).toEqual(['fw0', 'fw01', 'fw02']);
    expect(inv.devices[1]).toMatchObject({
      host: '127.0.0.1',
      port: 2401,
      username: 'admin',
      password: { from: 'env', name: 'ASA_PASS' },
      enablePassword: { from: 'env', name: 'ASA_ENABLE' },
      tags: ['dc', 'asa'],
      origin: { file: 'hosts.ini', line: 5 },
    });
    // Host vars beat all:vars.
    expect(inv.devices[0]?.password?.from).toBe('inline');
    expect(inv.warnings).toEqual([expect.stringMatching(/^hosts\.ini:2: device fw0: plaintext password/)]);
    expect(inv.warnings.join()).not.toContain('plain0pass');
  });

  it('names the line and field of a bad value', () => {
    const inv = parseInventory(INI, 'hosts.ini');
    expect(inv.invalid.map((d) => d.message)).toEqual([
      expect.stringMatching(/^hosts\.ini:6: device fw9: port: .*expected number/),
    ]);
  });

  it('a bad line is an InputError with file:line', () => {
    expect(() => parseInventory('[asa]\nfw1 ansible_host\n', 'h.ini')).toThrow(/expected key=value/);
    try {
      parseInventory('[asa]\nfw1 ansible_host\n', 'h.ini');
    } catch (e) {
      expect((e as SmartlicError).oneLine()).toMatch(/^h\.ini:2: /);
    }
  });
});
