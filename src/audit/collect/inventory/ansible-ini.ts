// Ansible's INI inventory as it is:
//
//   fw0 ansible_host=10.0.0.9          (ungrouped)
//   [asa]
//   fw[01:03] ansible_user=admin
//   [asa:vars]
//   ansible_become_password="{{ lookup('env', 'ASA_ENABLE') }}"
//   [dc:children]
//   asa

import { InputError } from '../../../errors.ts';
import { type AnsibleGroup, resolveAnsible, type Vars } from './ansible-groups.ts';
import type { Inventory } from './model.ts';

/** Split `a=1 b="two words" c='x'` into pairs, honouring quotes. */
function splitVars(s: string, file: string, line: number): [string, string][] {
  const out: [string, string][] = [];
  const re = /\s*([^\s=]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/y;
  let rest = s.trim();
  while (rest.length) {
    if (rest.startsWith('#') || rest.startsWith(';')) break; // an inline comment ends the line
    re.lastIndex = 0;
    const m = re.exec(rest);
    if (!m)
      throw new InputError('INVENTORY_SYNTAX', `expected key=value, found "${rest.split(/\s/)[0]}"`, {
        file,
        line,
      });
    const raw = m[2] ?? '';
    const value =
      raw.startsWith('"') || raw.startsWith("'")
        ? raw.slice(1, -1).replace(/\\(.)/g, '$1')
        : raw.replace(/\s+#.*$/, '');
    out.push([m[1] ?? '', value]);
    rest = rest.slice(m[0].length).trim();
  }
  return out;
}

/** `fw[01:03]` -> fw01 fw02 fw03 (numeric ranges only, zero padding kept). */
function expandHost(pattern: string): string[] {
  const m = /^(.*)\[(\d+):(\d+)\](.*)$/.exec(pattern);
  if (!m) return [pattern];
  const [, pre = '', a = '', b = '', post = ''] = m;
  const out: string[] = [];
  for (let i = Number(a); i <= Number(b); i++) out.push(`${pre}${String(i).padStart(a.length, '0')}${post}`);
  return out;
}

const group = (groups: Map<string, AnsibleGroup>, name: string): AnsibleGroup => {
  const g: AnsibleGroup = groups.get(name) ?? { name, vars: {}, hosts: new Map(), children: [] };
  groups.set(name, g);
  return g;
};

export function loadAnsibleIni(text: string, file: string): Inventory {
  const groups = new Map<string, AnsibleGroup>();
  let section = { name: 'ungrouped', kind: 'hosts' as 'hosts' | 'vars' | 'children' };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const s = raw.trim();
    if (!s || s.startsWith('#') || s.startsWith(';')) return;
    const head = /^\[([^\]:]+)(?::(vars|children))?\]$/.exec(s);
    if (head) {
      section = { name: head[1] ?? '', kind: (head[2] as 'vars' | 'children' | undefined) ?? 'hosts' };
      group(groups, section.name);
      return;
    }
    if (s.startsWith('['))
      throw new InputError(
        'INVENTORY_SYNTAX',
        `bad section header ${s} (expected [group], [group:vars] or [group:children])`,
        {
          file,
          line,
        },
      );
    const g = group(groups, section.name);
    if (section.kind === 'children') {
      if (!g.children.includes(s)) g.children.push(s);
      group(groups, s);
    } else if (section.kind === 'vars') {
      const [[k, v] = ['', '']] = splitVars(s, file, line);
      g.vars[k] = { value: v, line };
    } else {
      const [name = '', ...rest] = s.split(/\s+/);
      const vars: Vars = {};
      for (const [k, v] of splitVars(rest.join(' '), file, line)) vars[k] = { value: v, line };
      for (const h of expandHost(name)) g.hosts.set(h, { vars, line });
    }
  });
  return resolveAnsible(groups, file, 'ansible-ini');
}
