import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../../src/audit/collect/inventory/load.ts';
import { SmartlicError } from '../../../src/errors.ts';

/** What `fn` throws; the test fails when it throws nothing. */
function thrown(fn: () => unknown): SmartlicError {
  try {
    fn();
  } catch (e) {
    return e as SmartlicError;
  }
  return expect.unreachable('expected an error');
}

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
    const e = thrown(() => parseInventory('devices:\n  - name: a\n   host: [\n', 'bad.yaml'));
    expect(e).toBeInstanceOf(SmartlicError);
    expect(e.oneLine()).toMatch(/^bad\.yaml:\d+: YAML: /);
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

  it('skips non-ASA hosts with one note, and says where a vault value it could not decrypt is', () => {
    const inv = parseInventory(ANSIBLE_YAML, 'inv.yml');
    expect(inv.warnings).toEqual([
      'inv.yml: skipped 1 host whose ansible_network_os is not cisco.asa.asa or asa: r1 (cisco.ios.ios)',
    ]);
    expect(inv.invalid.map((d) => d.message)).toEqual([
      expect.stringMatching(
        /^inv\.yml:25: host fw3: ansible_password: the vault-encrypted value could not be decrypted: only loadInventory decrypts/,
      ),
    ]);
    expect(inv.hosts).toEqual(['fw1', 'fw2', 'r1', 'fw3']);
    expect(inv.groups.get('all')?.children).toEqual(['ungrouped', 'dc1', 'routers', 'vaulted']);
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
    const e = thrown(() => parseInventory('[asa]\nfw1 ansible_host\n', 'h.ini'));
    expect(e.message).toMatch(/expected key=value/);
    expect(e.oneLine()).toMatch(/^h\.ini:2: /);
  });
});

const fields = (inv: ReturnType<typeof parseInventory>) =>
  Object.fromEntries(
    inv.devices.map((d) => [
      d.name,
      {
        host: d.host,
        port: d.port,
        user: d.username,
        password: d.password?.from === 'env' ? `env:${d.password.name}` : d.password?.value.reveal(),
        tags: d.tags,
      },
    ]),
  );

// Expectations checked by hand against Debian's ansible-inventory 2.14 --list on the same text.
describe('the built-in reader reads INI as Ansible 2.14 does', () => {
  it('splits host lines like a shell: quotes, escapes, # comments; values are Python literals', () => {
    const inv = parseInventory(
      [
        `a ansible_host=127.0.0.1 ansible_password="p w#1" ansible_user='ad min' # a comment`,
        'b:2222 ansible_host=127.0.0.2 ansible_user=12345 ansible_password=pa#ss ansible_port=1',
        `c ansible_host=127.0.0.3 ansible_password=\\'x\\' ansible_port='2401'`,
        '[g:vars]',
        `ansible_become_password = "{{ lookup('env', 'EN') }}"`,
        `[g]`,
        'a',
      ].join('\n'),
      'h.ini',
    );
    expect(inv.invalid).toEqual([]);
    expect(fields(inv)).toEqual({
      a: { host: '127.0.0.1', port: 22, user: 'ad min', password: 'p w#1', tags: ['g'] },
      // `#` ends the word and the line, as in shlex; `12345` is a number to Python, a name to us.
      b: { host: '127.0.0.2', port: 2222, user: '12345', password: 'pa', tags: [] },
      // \'x\' is 'x' to the shell and x to Python.
      c: { host: '127.0.0.3', port: 2401, user: undefined, password: 'x', tags: [] },
    });
    expect(inv.devices.find((d) => d.name === 'a')?.enablePassword).toEqual({ from: 'env', name: 'EN' });
  });

  it('expands numeric, zero-padded, lettered and stepped ranges', () => {
    const inv = parseInventory('[g]\nfw[01:03:2] ansible_host=h\nsw[a:c] ansible_host=h\n', 'h.ini');
    expect(inv.devices.map((d) => d.name)).toEqual(['fw01', 'fw03', 'swa', 'swb', 'swc']);
  });

  it.each([
    ['[g:ansible]\nx\n', /h\.ini:1: section \[g:ansible\] has unknown type/],
    ['[g:children]\nnever\n', /h\.ini:2: section \[g:children\] names never, a group that is never declared/],
    ['[lonely:vars]\na=1\n', /h\.ini:1: section \[lonely:vars\] is for a group that is never declared/],
    ['[ g ]\n', /h\.ini:1: invalid section/],
    ['h"unclosed\n', /h\.ini:1: host line: no closing quotation/],
    ['fw[0:99999999]\n', /h\.ini:1: host range \[0:99999999\] makes more than 100000 hosts/],
  ])('refuses what Ansible refuses, with file:line (%j)', (text, message) => {
    const e = thrown(() => parseInventory(text, 'h.ini'));
    expect(e).toBeInstanceOf(SmartlicError);
    expect(e.oneLine()).toMatch(message);
  });

  it('a child group declared after its parent names it is still a child', () => {
    const inv = parseInventory('[dc:children]\nasa\n[asa]\nfw1 ansible_host=h\n', 'h.ini');
    expect(inv.devices[0]?.tags).toEqual(['dc', 'asa']);
  });
});

describe('the built-in reader applies Ansible precedence and templates', () => {
  const yaml = (body: string) => parseInventory(body, 'inv.yml', { U: 'from-env-user' });

  it('deeper groups win, then ansible_group_priority, then the name; host vars win over groups', () => {
    const inv = yaml(`all:
  vars: { ansible_user: all }
  children:
    b_group:
      vars: { ansible_user: b, ansible_port: 2001 }
      hosts: { h1: {}, h2: {}, h3: { ansible_user: own } }
    a_group:
      vars: { ansible_user: a, ansible_port: 2002 }
      hosts: { h1: {} }
    prio:
      vars: { ansible_group_priority: 10, ansible_user: p }
      hosts: { h2: {} }
      children:
        deep:
          vars: { ansible_port: 2003 }
          hosts: { h2: {} }
`);
    expect(fields(inv)).toMatchObject({
      h1: { user: 'b', port: 2001, tags: ['a_group', 'b_group'] },
      h2: { user: 'p', port: 2003 },
      h3: { user: 'own', port: 2001 },
    });
  });

  it('reads FQCN env lookups, {{ variable }} (the vault_ idiom, not warned as plaintext) and inventory_hostname', () => {
    const inv = yaml(`all:
  vars:
    secret_pw: s3cret-value
  hosts:
    fw1:
      ansible_host: "{{ inventory_hostname }}"
      ansible_user: "{{ lookup('ansible.builtin.env', 'U') }}"
      ansible_password: "{{ secret_pw }}"
      ansible_become_password: "{{lookup(\\"ansible.builtin.env\\", \\"ASA_EN\\")}}"
`);
    expect(inv.invalid).toEqual([]);
    expect(fields(inv).fw1).toEqual({
      host: 'fw1',
      port: 22,
      user: 'from-env-user',
      password: 's3cret-value',
      tags: [],
    });
    expect(inv.devices[0]?.enablePassword).toEqual({ from: 'env', name: 'ASA_EN' });
    expect(inv.warnings).toEqual([]);
  });

  it('an !unsafe value is used as written, and a literal secret is warned about', () => {
    const inv = yaml('all:\n  hosts:\n    fw1: { ansible_password: !unsafe "{{ x }}" }\n');
    expect(fields(inv).fw1?.password).toBe('{{ x }}');
    expect(inv.warnings).toEqual([expect.stringMatching(/device fw1: plaintext password/)]);
  });

  it.each([
    ['"{{ nowhere }}"', /ansible_password: \{\{ nowhere \}\}: nowhere is not defined for this host/],
    ['"{{ pw | upper }}"', /ansible_password: a Jinja template smartlic does not evaluate/],
    ['"{{ a }}"\n      a: "{{ b }}"\n      b: "{{ a }}"', /variables refer to each other in a loop/],
  ])(
    'a template it cannot evaluate makes only that host invalid, without its value (%s)',
    (value, message) => {
      const inv = yaml(`all:\n  hosts:\n    ok: {}\n    bad:\n      ansible_password: ${value}\n`);
      expect(inv.devices.map((d) => d.name)).toEqual(['ok']);
      expect(inv.invalid.map((d) => d.message)).toEqual([expect.stringMatching(message)]);
      expect(inv.invalid[0]?.message).toMatch(/^inv\.yml:5: host bad: /);
    },
  );

  it('an env lookup for a field that is no secret is read now; an unset one is an error', () => {
    const inv = yaml(
      `all:\n  hosts:\n    a: { ansible_user: "{{ lookup('env', 'U') }}" }\n    b: { ansible_user: "{{ lookup('env', 'UNSET_X') }}" }\n`,
    );
    expect(fields(inv).a?.user).toBe('from-env-user');
    expect(inv.invalid.map((d) => d.message)).toEqual([
      'inv.yml:4: host b: ansible_user: environment variable UNSET_X is not set',
    ]);
  });

  it('hosts without ansible_network_os are kept unless other hosts declare theirs', () => {
    const none = yaml('all:\n  hosts:\n    a: {}\n    b: {}\n');
    expect(none.devices.map((d) => d.name)).toEqual(['a', 'b']);
    const mixed = yaml(
      'all:\n  hosts:\n    a: { ansible_network_os: cisco.asa.asa }\n    b: {}\n    c: { ansible_network_os: ASA }\n',
    );
    expect(mixed.devices.map((d) => d.name)).toEqual(['a', 'c']);
    expect(mixed.warnings).toEqual([
      'inv.yml: skipped 1 host whose ansible_network_os is not cisco.asa.asa or asa: b (none)',
    ]);
  });

  it('a group that contains itself through its children is refused', () => {
    expect(() => yaml('a:\n  children:\n    b:\n      children:\n        a: {}\n')).toThrow(
      /group [ab]: its child groups lead back to it/,
    );
  });

  it('an inventory plugin configuration needs Ansible, and says so', () => {
    expect(() => yaml('plugin: amazon.aws.aws_ec2\nregions: [eu-west-1]\n')).toThrow(
      /inventory plugin configuration: only Ansible reads it/,
    );
  });

  it('skips unexpected group keys with a warning, as Ansible does', () => {
    const inv = yaml('all:\n  hosts: fw1\n  hostz: {}\n');
    expect(inv.devices.map((d) => d.name)).toEqual(['fw1']);
    expect(inv.warnings).toEqual([
      'inv.yml:3: group all: skipped unexpected key hostz (expected hosts, children or vars)',
    ]);
  });
});

describe('secret references', () => {
  it('a *_env value must look like an environment variable name; the value is never repeated', () => {
    const inv = parseInventory(
      'devices:\n  - { name: a, host: h, password_env: hunter22 }\n  - { name: b, host: h, password_env: ASA_PASS }\n',
      'i.yaml',
    );
    expect(inv.devices.map((d) => d.name)).toEqual(['b']);
    expect(inv.invalid.map((d) => d.message)).toEqual([
      'i.yaml:2: device a: password_env: expected an environment variable name such as ASA_PASS (A-Z, 0-9, _)',
    ]);
  });
});
