// Ansible's YAML inventory as it is:
//
//   all:
//     vars: { ansible_user: admin }
//     children:
//       asa:
//         hosts:
//           fw1: { ansible_host: 10.0.0.1, ansible_become_password: "{{ lookup('env', 'ASA_ENABLE') }}" }

import { type Document, isMap, isScalar, type LineCounter } from 'yaml';
import { InputError } from '../../../errors.ts';
import { type AnsibleGroup, resolveAnsible, type Vars } from './ansible-groups.ts';
import type { Inventory } from './model.ts';
import { child, lineOf } from './yaml-lines.ts';

function varsOf(node: unknown, lc: LineCounter): Vars {
  const out: Vars = {};
  if (!isMap(node)) return out;
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    const v = pair.value;
    const vault = isScalar(v) && v.tag === '!vault';
    out[String(pair.key.value)] = {
      value: isScalar(v) ? v.value : (v as { toJSON?: () => unknown } | null)?.toJSON?.(),
      line: lineOf(pair.key, lc),
      vault,
    };
  }
  return out;
}

function readGroup(
  name: string,
  node: unknown,
  lc: LineCounter,
  file: string,
  groups: Map<string, AnsibleGroup>,
): void {
  const g: AnsibleGroup = groups.get(name) ?? { name, vars: {}, hosts: new Map(), children: [] };
  groups.set(name, g);
  if (node === null || (isScalar(node) && node.value === null)) return;
  if (!isMap(node))
    throw new InputError(
      'INVENTORY_FIELD',
      `group ${name}: expected a mapping with hosts, children or vars`,
      {
        file,
        line: lineOf(node, lc),
      },
    );
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!['hosts', 'children', 'vars'].includes(key))
      throw new InputError(
        'INVENTORY_FIELD',
        `group ${name}: ${key}: unknown key (expected hosts, children, vars)`,
        {
          file,
          line: lineOf(pair.key, lc),
        },
      );
  }
  Object.assign(g.vars, varsOf(child(node, 'vars'), lc));
  const hosts = child(node, 'hosts');
  if (isMap(hosts))
    for (const pair of hosts.items) {
      if (!isScalar(pair.key)) continue;
      const hostName = String(pair.key.value);
      g.hosts.set(hostName, { vars: varsOf(pair.value, lc), line: lineOf(pair.key, lc) });
    }
  const children = child(node, 'children');
  if (isMap(children))
    for (const pair of children.items) {
      if (!isScalar(pair.key)) continue;
      const c = String(pair.key.value);
      if (!g.children.includes(c)) g.children.push(c);
      readGroup(c, pair.value, lc, file, groups);
    }
}

export function loadAnsibleYaml(doc: Document, lc: LineCounter, file: string): Inventory {
  const root = doc.contents;
  if (!isMap(root))
    throw new InputError('INVENTORY_FORMAT', 'expected a mapping of groups', { file, line: 1 });
  const groups = new Map<string, AnsibleGroup>();
  for (const pair of root.items) {
    if (!isScalar(pair.key)) continue;
    readGroup(String(pair.key.value), pair.value, lc, file, groups);
  }
  return resolveAnsible(groups, file, 'ansible-yaml');
}
