// Ansible's YAML inventory as Ansible 2.14's yaml plugin reads it (the built-in reader):
//
//   all:
//     vars: { ansible_user: admin }
//     children:
//       asa:
//         hosts:
//           fw[1:2]: { ansible_become_password: "{{ lookup('env', 'ASA_ENABLE') }}" }
//
// Every top-level key is a group; a group holds `hosts`, `children` and `vars` (other keys are
// skipped with a warning, as Ansible does). `!vault` values keep their ciphertext, `!unsafe`
// values are marked so they are never templated. Read as YAML 1.2 (PyYAML reads 1.1: an
// unquoted `yes` or `0755` means true or 493 to Ansible, and the string itself to us).

import { type Document, isMap, isScalar, type LineCounter, type Node } from 'yaml';
import { InputError } from '../../../errors.ts';
import { type AnsibleSource, addHost, newSource, setGroupVar, sourceGroup } from './ansible-groups.ts';
import type { Vars, VarValue } from './ansible-view.ts';
import { expandHostPattern } from './host-ranges.ts';
import { lineOf } from './yaml-lines.ts';

/**
 * The variables of a YAML mapping. `at` is the key's line, or `file:line` when `file` is given
 * (vars files beside the inventory).
 */
export function varsOf(node: unknown, lc: LineCounter, file?: string): Vars {
  const out: Vars = new Map();
  if (!isMap(node)) return out;
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    const v = pair.value as Node | null;
    const line = lineOf(pair.key, lc);
    const value: VarValue = {
      value: isScalar(v) ? v.value : (v?.toJSON() ?? null),
      at: file ? `${file}:${line ?? '?'}` : line,
    };
    if (isScalar(v) && v.tag === '!vault') value.vault = String(v.value);
    if (isScalar(v) && v.tag === '!unsafe') value.unsafe = true;
    out.set(String(pair.key.value), value);
  }
  return out;
}

const SECTIONS = ['hosts', 'children', 'vars'];

function readGroup(src: AnsibleSource, name: string, node: unknown, lc: LineCounter, file: string): void {
  const g = sourceGroup(src, name);
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) return;
  if (!isMap(node)) {
    src.warnings.push(`${file}:${lineOf(node, lc) ?? '?'}: group ${name}: skipped, not a mapping`);
    return;
  }
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    const line = lineOf(pair.key, lc);
    if (!SECTIONS.includes(key)) {
      src.warnings.push(
        `${file}:${line}: group ${name}: skipped unexpected key ${key} (expected hosts, children or vars)`,
      );
      continue;
    }
    // `hosts: fw1` (one name as a string) means `hosts: {fw1: null}`.
    const entries: [string, unknown, number | undefined][] = isScalar(value)
      ? value.value === null
        ? []
        : [[String(value.value), null, lineOf(value, lc)]]
      : isMap(value)
        ? value.items.map((p) => [String(isScalar(p.key) ? p.key.value : ''), p.value, lineOf(p.key, lc)])
        : (() => {
            throw new InputError('INVENTORY_FIELD', `group ${name}: ${key}: expected a mapping`, {
              file,
              line,
            });
          })();
    if (key === 'vars') for (const [k, v] of varsOf(value, lc)) setGroupVar(g, k, v);
    else if (key === 'children')
      for (const [child, body] of entries) {
        readGroup(src, child, body, lc, file);
        if (!g.children.includes(child)) g.children.push(child);
      }
    else
      for (const [pattern, body, at] of entries) {
        if (body !== null && !(isScalar(body) && body.value === null) && !isMap(body))
          throw new InputError('INVENTORY_FIELD', `host ${pattern}: expected a mapping of variables`, {
            file,
            line: at,
          });
        let expanded: { names: string[]; port?: number };
        try {
          expanded = expandHostPattern(pattern);
        } catch (error) {
          throw new InputError('INVENTORY_FIELD', `host ${pattern}: ${(error as Error).message}`, {
            file,
            line: at,
          });
        }
        const vars: Vars = new Map();
        if (expanded.port !== undefined) vars.set('ansible_port', { value: expanded.port, at });
        for (const [k, v] of varsOf(body, lc)) vars.set(k, v);
        for (const host of expanded.names) addHost(src, name, host, vars, at);
      }
  }
}

/** Read a parsed YAML inventory. Throws InputError with file:line for what Ansible also refuses. */
export function readAnsibleYaml(doc: Document, lc: LineCounter, file: string): AnsibleSource {
  const root = doc.contents;
  if (!isMap(root) || !root.items.length)
    throw new InputError('INVENTORY_FORMAT', 'expected a mapping of groups (all: {hosts, children, vars})', {
      file,
      line: 1,
    });
  if (root.has('plugin'))
    throw new InputError(
      'INVENTORY_FORMAT',
      'an inventory plugin configuration: only Ansible reads it (install Ansible: ansible-inventory on PATH)',
      { file, line: 1 },
    );
  const src = newSource();
  for (const pair of root.items)
    if (isScalar(pair.key)) readGroup(src, String(pair.key.value), pair.value, lc, file);
  return src;
}
