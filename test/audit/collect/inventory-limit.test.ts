// `-l/--limit`: Ansible host patterns on both inventory kinds (the comparison with Ansible's own
// `--list-hosts` is in ansible-interop.test.ts), and the command line around them: a limit that
// selects nothing is a usage error, a pattern that matches nothing is a warning.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitByName, limitInventory, selectHosts } from '../../../src/audit/collect/index.ts';
import { globToRegExp, splitHostPattern } from '../../../src/audit/collect/inventory/limit.ts';
import { parseInventory } from '../../../src/audit/collect/inventory/load.ts';
import type { AuditReport } from '../../../src/audit/report/contract.ts';
import { UsageError } from '../../../src/errors.ts';
import { runCli } from '../../helpers/cli.ts';

const ANSIBLE = parseInventory(
  `[asa_dc1]
fw1 ansible_host=127.0.0.1
fw2 ansible_host=127.0.0.1
[asa_dc2]
fw3 ansible_host=127.0.0.1
fpr2130-affected ansible_host=127.0.0.1
[asa:children]
asa_dc1
asa_dc2
[asa:vars]
ansible_network_os=cisco.asa.asa
[linux]
jump1
`,
  'hosts.ini',
);

const SMARTLIC = parseInventory(
  `devices:
  - { name: a1, host: h, tags: [dc1, edge] }
  - { name: a2, host: h, tags: [dc1] }
  - { name: b1, host: h, tags: [dc2] }
  - { name: lone, host: h }
`,
  'hosts.yaml',
);

const names = (pattern: string, inv = ANSIBLE) => selectHosts(pattern, inv).hosts;

describe('Ansible host patterns', () => {
  it('splits on commas, else on colons outside ranges and addresses', () => {
    expect(splitHostPattern('a, b ,c')).toEqual(['a', 'b', 'c']);
    expect(splitHostPattern('asa:!fw2:&dc')).toEqual(['asa', '!fw2', '&dc']);
    expect(splitHostPattern('fw[1:3]')).toEqual(['fw[1:3]']);
    expect(splitHostPattern('fe80::1')).toEqual(['fe80::1']);
    expect(splitHostPattern('a:b,c')).toEqual(['a:b', 'c']);
  });

  it('translates globs as fnmatch does', () => {
    expect(globToRegExp('fw*').test('fw12')).toBe(true);
    expect(globToRegExp('fw?').test('fw12')).toBe(false);
    expect(globToRegExp('fw[!1]').test('fw2')).toBe(true);
    expect(globToRegExp('fw[!1]').test('fw1')).toBe(false);
    expect(globToRegExp('a.b').test('aXb')).toBe(false);
    expect(globToRegExp('[').test('[')).toBe(true);
  });

  it('groups bring their children’s hosts; a plain word is a group or a host, never a substring', () => {
    expect(names('asa')).toEqual(['fw1', 'fw2', 'fw3', 'fpr2130-affected']);
    expect(names('asa_dc2')).toEqual(['fw3', 'fpr2130-affected']);
    expect(names('fw1')).toEqual(['fw1']);
    expect(selectHosts('fw', ANSIBLE)).toEqual({ hosts: [], unmatched: ['fw'] });
  });

  it('exclusions and intersections apply after every union, whatever their place', () => {
    expect(names('!fw2:asa')).toEqual(['fw1', 'fw3', 'fpr2130-affected']);
    expect(names('asa:&asa_dc2:!fpr*')).toEqual(['fw3']);
    expect(names('!asa')).toEqual(['jump1']);
    expect(names('&asa_dc1')).toEqual(['fw1', 'fw2']);
  });

  it('regular expressions match from the start; subscripts index a group', () => {
    expect(names('~fw[13]')).toEqual(['fw1', 'fw3']);
    expect(names('~.*affected')).toEqual(['fpr2130-affected']);
    expect(names('asa[0]')).toEqual(['fw1']);
    expect(names('asa[-1]')).toEqual(['fpr2130-affected']);
    expect(names('asa[1:2]')).toEqual(['fw2', 'fw3']);
    expect(names('asa[2:]')).toEqual(['fw3', 'fpr2130-affected']);
  });

  it('a malformed pattern or an index past the end is a usage error', () => {
    expect(() => names('~(')).toThrow(UsageError);
    expect(() => names('~(?P<x>a)')).toThrow(/invalid host pattern "~\(\?P<x>a\)"/);
    expect(() => names('asa[9]')).toThrow(/no hosts matched the subscripted pattern "asa\[9\]"/);
  });

  it('on a smartlic inventory, tags are the groups and untagged devices are ungrouped', () => {
    expect(names('dc1', SMARTLIC)).toEqual(['a1', 'a2']);
    expect(names('dc1:!edge', SMARTLIC)).toEqual(['a2']);
    expect(names('ungrouped', SMARTLIC)).toEqual(['lone']);
    expect(names('all:!dc*', SMARTLIC)).toEqual(['lone']);
  });
});

describe('limitInventory / limitByName', () => {
  it('keeps the selected devices and warns about pieces that match nothing', () => {
    const inv = limitInventory(ANSIBLE, 'asa_dc1,typo');
    expect(inv.devices.map((d) => d.name)).toEqual(['fw1', 'fw2']);
    expect(inv.warnings).toContain('--limit: "typo" matches no group or host; ignored');
    expect(limitInventory(ANSIBLE, undefined)).toBe(ANSIBLE);
  });

  it('selecting no device is a usage error naming the inventory and its groups', () => {
    expect(() => limitInventory(ANSIBLE, 'asa_dc9')).toThrow(UsageError);
    expect(() => limitInventory(ANSIBLE, 'asa_dc9')).toThrow(
      '--limit "asa_dc9" matches no device in hosts.ini (4 devices; groups: asa_dc1, asa_dc2, asa, linux)',
    );
    expect(() => limitInventory(ANSIBLE, 'linux')).toThrow(
      '--limit "linux" selects only hosts skipped as not ASA (jump1)',
    );
  });

  it('saved outputs have names only: every one is in all/ungrouped', () => {
    const items = ['asa-eval', 'asa-expired', 'ntc4'].map((device) => ({ device }));
    expect(limitByName(items, (i) => i.device, 'asa-e*:!asa-eval')).toEqual([{ device: 'asa-expired' }]);
    expect(() => limitByName(items, (i) => i.device, 'ntc')).toThrow(
      '--limit "ntc" matches none of the 3 devices read',
    );
  });
});

describe('smartlic audit -l', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'smartlic-limit-'));
    // Port 1 on loopback refuses at once: the devices fail to connect, which is all we need
    // to see which ones the audit tried.
    await writeFile(
      join(dir, 'hosts.ini'),
      `jump1 ansible_host=127.0.0.1\n[asa]\nfw[1:3] ansible_host=127.0.0.1 ansible_port=1\n[asa:vars]\nansible_network_os=cisco.asa.asa\nansible_password="{{ lookup('ansible.builtin.env', 'ASA_PASS') }}"\n[dc2]\nfw3\n`,
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const audit = (...args: string[]) =>
    runCli(['audit', '--inventory', 'hosts.ini', '--json', '--no-history', '--timeout', '5', ...args], {
      cwd: dir,
      // No PATH: the built-in reader (the Ansible-read path is covered in ansible-interop.test.ts).
      env: { ASA_PASS: 'x', HOME: dir },
    });

  it('selects by group with exclusions; the non-ASA host is named once on stderr', async () => {
    const { out, err } = await audit('-l', 'asa:!dc2');
    expect((JSON.parse(out) as AuditReport).devices.map((d) => d.device)).toEqual(['fw1', 'fw2']);
    expect(
      err.match(/skipped 1 host whose ansible_network_os is not cisco\.asa\.asa or asa: jump1 \(none\)/g),
    ).toHaveLength(1);
  });

  it('a limit that selects nothing exits 64 (usage) with one line and audits nothing', async () => {
    const { code, out, err } = await audit('-l', 'asa_dc1');
    expect([code, out]).toEqual([64, '']);
    expect(err.trim().split('\n')).toEqual([
      expect.stringMatching(
        /--limit "asa_dc1" matches no device in .*hosts\.ini \(3 devices; groups: asa, dc2\)$/,
      ),
    ]);
  });
});
