// Ansible's INI inventory as Ansible 2.14's ini plugin reads it (the built-in reader):
//
//   fw0 ansible_host=10.0.0.9                 host lines are split like a shell (shlex, `#` comments)
//   [asa]
//   fw[01:03]:2222 ansible_user=admin        ranges and :port
//   [asa:vars]
//   ansible_become_password="{{ lookup('env', 'ASA_ENABLE') }}"   key=value, the rest of the line
//   [dc:children]
//   asa
//
// Values are Python literals when they parse as one (`2401` is a number, `"x"` a string), else text.

import { InputError } from '../../../errors.ts';
import { type AnsibleSource, addHost, newSource, setGroupVar, sourceGroup } from './ansible-groups.ts';
import type { Vars } from './ansible-view.ts';
import { expandHostPattern } from './host-ranges.ts';

/** Python's shlex.split(line, comments=True) in POSIX mode; a string says what is wrong. */
export function shlexSplit(line: string): string[] | string {
  const tokens: string[] = [];
  let token: string | null = null;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote === "'") {
      if (c === "'") quote = null;
      else token = `${token ?? ''}${c}`;
    } else if (quote === '"') {
      const next = line[i + 1];
      if (c === '"') quote = null;
      else if (c === '\\' && (next === '"' || next === '\\')) {
        token = `${token ?? ''}${next}`;
        i++;
      } else token = `${token ?? ''}${c}`;
    } else if (/\s/.test(c)) {
      if (token !== null) tokens.push(token);
      token = null;
    } else if (c === '#') break;
    else if (c === "'" || c === '"') {
      quote = c;
      token ??= '';
    } else if (c === '\\') {
      if (i + 1 >= line.length) return 'no escaped character after \\';
      token = (token ?? '') + line[++i];
    } else token = (token ?? '') + c;
  }
  if (quote) return 'no closing quotation';
  if (token !== null) tokens.push(token);
  return tokens;
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/**
 * What Python's ast.literal_eval makes of an INI value, for the literals an inventory holds:
 * numbers, True/False/None and quoted strings; anything else stays the text it is.
 */
export function pythonLiteral(raw: string): unknown {
  const s = raw.trim();
  if (/^[+-]?(?:0|[1-9](?:_?\d)*)$/.test(s)) return Number(s.replace(/_/g, ''));
  if (/^[+-]?0[xX][0-9a-fA-F](?:_?[0-9a-fA-F])*$/.test(s)) return Number.parseInt(s.replace(/_/g, ''), 16);
  if (/^[+-]?(?:\d+\.\d*|\.\d+|\d+(?=[eE]))(?:[eE][+-]?\d+)?$/.test(s)) return Number(s);
  if (s === 'True' || s === 'False') return s === 'True';
  if (s === 'None') return null;
  const quoted = /^(['"])((?:(?!\1)[^\\]|\\.)*)\1$/s.exec(s);
  if (quoted)
    return (quoted[2] as string).replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/gs, (m, e: string) =>
      e.length > 1 ? String.fromCharCode(Number.parseInt(e.slice(1), 16)) : (ESCAPES[e] ?? m),
    );
  return raw;
}

const SECTION = /^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?$/;
const GROUP_NAME = /^([^:\]\s]+)\s*(?:#.*)?$/;

/** Read INI inventory text. Throws InputError with file:line for what Ansible also refuses. */
export function readAnsibleIni(text: string, file: string): AnsibleSource {
  const src = newSource();
  // Groups named as children or in [x:vars] before they are declared (Ansible's pending_declarations).
  const pending = new Map<string, { line: number; state: string; parents: string[] }>();
  let group = 'ungrouped';
  let state = 'hosts';
  const syntax = (line: number, message: string) =>
    new InputError('INVENTORY_SYNTAX', message, { file, line });
  const resolvePending = (name: string) => {
    const p = pending.get(name);
    if (!p) return;
    pending.delete(name);
    for (const parent of p.parents) {
      const children = sourceGroup(src, parent).children;
      if (!children.includes(name)) children.push(name);
      if (pending.get(parent)?.state === 'children') resolvePending(parent);
    }
  };
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = i + 1;
    const s = raw.trim();
    if (!s || s[0] === '#' || s[0] === ';') continue;
    const head = SECTION.exec(s);
    if (head) {
      group = head[1] as string;
      state = head[2] ?? 'hosts';
      if (!['hosts', 'children', 'vars'].includes(state))
        throw syntax(
          line,
          `section [${group}:${state}] has unknown type ${state} (expected hosts, children or vars)`,
        );
      if (!src.groups.has(group) && state === 'vars' && !pending.has(group))
        pending.set(group, { line, state, parents: [] });
      sourceGroup(src, group);
      if (pending.has(group) && state !== 'vars') resolvePending(group);
      continue;
    }
    if (s.startsWith('[') && s.endsWith(']'))
      throw syntax(
        line,
        `invalid section ${s} (expected [group], [group:vars] or [group:children], without spaces)`,
      );
    if (state === 'hosts') {
      const tokens = shlexSplit(s);
      if (typeof tokens === 'string') throw syntax(line, `host line: ${tokens}`);
      if (!tokens.length) continue;
      let expanded: { names: string[]; port?: number };
      try {
        expanded = expandHostPattern(tokens[0] as string);
      } catch (error) {
        throw syntax(line, (error as Error).message);
      }
      const vars: Vars = new Map();
      if (expanded.port !== undefined) vars.set('ansible_port', { value: expanded.port, at: line });
      for (const t of tokens.slice(1)) {
        const eq = t.indexOf('=');
        if (eq < 1) throw syntax(line, `expected key=value after the host name, found "${t.split('=')[0]}"`);
        vars.set(t.slice(0, eq), { value: pythonLiteral(t.slice(eq + 1)), at: line });
      }
      for (const name of expanded.names) addHost(src, group, name, vars, line);
    } else if (state === 'vars') {
      const eq = s.indexOf('=');
      if (eq < 0) throw syntax(line, `expected key=value in [${group}:vars]`);
      setGroupVar(sourceGroup(src, group), s.slice(0, eq).trim(), {
        value: pythonLiteral(s.slice(eq + 1).trim()),
        at: line,
      });
    } else {
      const child = GROUP_NAME.exec(s)?.[1];
      if (child === undefined) throw syntax(line, `expected a group name in [${group}:children]`);
      if (src.groups.has(child)) {
        const children = sourceGroup(src, group).children;
        if (!children.includes(child)) children.push(child);
      } else {
        const p = pending.get(child) ?? { line, state: 'children', parents: [] };
        p.parents.push(group);
        pending.set(child, p);
      }
    }
  }
  for (const [name, p] of pending)
    throw syntax(
      p.line,
      p.state === 'vars'
        ? `section [${name}:vars] is for a group that is never declared`
        : `section [${p.parents.at(-1)}:children] names ${name}, a group that is never declared`,
    );
  return src;
}
