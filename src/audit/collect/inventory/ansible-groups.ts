// Ansible inventories (YAML or INI) reduced to one shape: groups with vars, hosts and children.
// This module resolves variable precedence the way Ansible does for what we read (all < parent
// group < child group < host; deeper groups win) and maps Ansible's connection variables onto
// smartlic's device fields.

import { type FieldLines, type Inventory, isInvalid, validateDevice } from './model.ts';

export interface VarValue {
  value: unknown;
  line?: number;
  /** An `!vault` encrypted value: we cannot decrypt it. */
  vault?: boolean;
}
export type Vars = Record<string, VarValue>;

export interface AnsibleGroup {
  name: string;
  vars: Vars;
  hosts: Map<string, { vars: Vars; line?: number }>;
  children: string[];
}

/** Ansible variable (and its aliases) -> smartlic device field. */
const FIELD_OF: Record<string, string> = {
  ansible_host: 'host',
  ansible_ssh_host: 'host',
  ansible_port: 'port',
  ansible_ssh_port: 'port',
  ansible_user: 'username',
  ansible_ssh_user: 'username',
  ansible_password: 'password',
  ansible_ssh_pass: 'password',
  ansible_ssh_password: 'password',
  ansible_become_password: 'enable_password',
  ansible_become_pass: 'enable_password',
  ansible_ssh_private_key_file: 'key_file',
  ansible_private_key_file: 'key_file',
};
const SECRET_FIELDS = new Set(['password', 'enable_password', 'key_passphrase']);
const SMARTLIC_FIELDS = new Set([
  'password_env',
  'enable_password_env',
  'key_passphrase',
  'key_passphrase_env',
  'tags',
]);
const ENV_LOOKUP = /^\{\{\s*lookup\(\s*['"]env['"]\s*,\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\)\s*\}\}$/;

/** Groups in breadth-first order from `all`, with their depth (all = 0). */
function depths(groups: Map<string, AnsibleGroup>): Map<string, number> {
  const depth = new Map<string, number>([['all', 0]]);
  const queue = ['all'];
  while (queue.length) {
    const g = queue.shift() as string;
    for (const c of groups.get(g)?.children ?? []) {
      if (!depth.has(c)) {
        depth.set(c, (depth.get(g) ?? 0) + 1);
        queue.push(c);
      }
    }
  }
  return depth;
}

/** Every group that contains `group`, transitively. */
function ancestors(group: string, parentsOf: Map<string, Set<string>>): Set<string> {
  const out = new Set<string>();
  const stack = [group];
  while (stack.length) {
    for (const p of parentsOf.get(stack.pop() as string) ?? []) {
      if (!out.has(p)) {
        out.add(p);
        stack.push(p);
      }
    }
  }
  return out;
}

/** Resolve hosts from groups into validated devices (`all` must exist; top groups hang under it). */
export function resolveAnsible(
  groups: Map<string, AnsibleGroup>,
  file: string,
  format: 'ansible-yaml' | 'ansible-ini',
): Inventory {
  const inv: Inventory = { file, format, devices: [], invalid: [], warnings: [] };
  const all: AnsibleGroup = groups.get('all') ?? { name: 'all', vars: {}, hosts: new Map(), children: [] };
  groups.set('all', all);
  const parentsOf = new Map<string, Set<string>>();
  for (const g of groups.values())
    for (const c of g.children) parentsOf.set(c, (parentsOf.get(c) ?? new Set()).add(g.name));
  for (const g of groups.values())
    if (g.name !== 'all' && !parentsOf.has(g.name)) {
      all.children.push(g.name);
      parentsOf.set(g.name, new Set(['all']));
    }
  const depth = depths(groups);

  // Host -> the groups it is directly in, in first-seen order.
  const hostGroups = new Map<string, string[]>();
  const hostLine = new Map<string, number | undefined>();
  for (const g of groups.values())
    for (const [h, entry] of g.hosts) {
      hostGroups.set(h, [...(hostGroups.get(h) ?? []), g.name]);
      if (!hostLine.has(h) || hostLine.get(h) === undefined) hostLine.set(h, entry.line);
    }

  for (const [host, direct] of hostGroups) {
    const member = new Set(direct);
    for (const g of direct) for (const a of ancestors(g, parentsOf)) member.add(a);
    const ordered = [...member].sort((a, b) => (depth.get(a) ?? 99) - (depth.get(b) ?? 99));
    const merged: Vars = {};
    for (const g of ordered) Object.assign(merged, groups.get(g)?.vars);
    for (const g of direct) Object.assign(merged, groups.get(g)?.hosts.get(host)?.vars);
    const tags = ordered.filter((g) => g !== 'all' && g !== 'ungrouped');
    addHost(inv, host, merged, tags, hostLine.get(host), file);
  }
  return inv;
}

function addHost(
  inv: Inventory,
  host: string,
  vars: Vars,
  tags: string[],
  line: number | undefined,
  file: string,
) {
  const os = vars.ansible_network_os?.value;
  if (typeof os === 'string' && !/(^|\.)asa$/i.test(os)) {
    inv.warnings.push(
      `${file}:${line ?? '?'}: host ${host}: skipped, ansible_network_os is ${os} (not cisco.asa.asa)`,
    );
    return;
  }
  const fields: Record<string, unknown> = { name: host, host, tags };
  const lines: FieldLines = { _device: line };
  for (const [key, v] of Object.entries(vars)) {
    const field =
      FIELD_OF[key] ??
      (key.startsWith('smartlic_') && SMARTLIC_FIELDS.has(key.slice(9)) ? key.slice(9) : undefined);
    if (!field) continue;
    const where = `${file}:${v.line ?? line ?? '?'}: host ${host}: ${key}`;
    if (v.vault) {
      inv.invalid.push({
        name: host,
        message: `${where}: vault-encrypted values are not supported; use "{{ lookup('env', 'NAME') }}" or smartlic_${field}_env`,
        origin: { file, line: v.line ?? line },
      });
      return;
    }
    let value = v.value;
    if (typeof value === 'string' && value.includes('{{')) {
      const env = ENV_LOOKUP.exec(value.trim());
      if (!env || !SECRET_FIELDS.has(field)) {
        inv.invalid.push({
          name: host,
          message: `${where}: Jinja templates are not evaluated; only "{{ lookup('env', 'NAME') }}" for secrets`,
          origin: { file, line: v.line ?? line },
        });
        return;
      }
      fields[`${field}_env`] = env[1];
      delete fields[field];
      lines[`${field}_env` as keyof FieldLines] = v.line;
      continue;
    }
    if (field === 'port' && typeof value === 'string' && /^\d+$/.test(value)) value = Number(value);
    if (field === 'tags' && typeof value === 'string') value = value.split(',').map((t) => t.trim());
    if (field === 'tags' && Array.isArray(value)) value = [...tags, ...value.map(String)];
    fields[field] = value;
    if (SECRET_FIELDS.has(field)) delete fields[`${field}_env`];
    if (field.endsWith('_env')) delete fields[field.slice(0, -4)];
    lines[field as keyof FieldLines] = v.line;
  }
  const result = validateDevice(fields, lines, file, inv.warnings);
  if (isInvalid(result)) inv.invalid.push(result);
  else inv.devices.push(result);
}
