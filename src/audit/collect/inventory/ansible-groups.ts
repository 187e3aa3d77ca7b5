// The built-in reader's last step, used when ansible-inventory is not installed: the groups,
// hosts and variables the INI or YAML reader found, turned into what `ansible-inventory --list`
// prints, with Ansible 2.14's variable precedence (vars/manager.py get_vars with the default
// VARIABLE_PRECEDENCE; values replace, hash_behaviour's default):
//
//   `all`'s vars < other groups' vars < group_vars/all < group_vars/<group> < the host's own vars
//   < host_vars/<host>            (groups in sort_groups order: depth, priority, name)

import { InputError } from '../../../errors.ts';
import {
  type AnsibleHost,
  type AnsibleView,
  groupDepths,
  hostGroups,
  hostsUnder,
  sortGroups,
  type Vars,
  type VarValue,
} from './ansible-view.ts';
import type { InventoryGroup } from './model.ts';

export interface SourceGroup {
  vars: Vars;
  hosts: string[];
  children: string[];
  /** `ansible_group_priority` (Ansible keeps it out of the group's variables). */
  priority?: number;
}

/** What an INI or YAML inventory file says, before Ansible's rules are applied. */
export interface AnsibleSource {
  groups: Map<string, SourceGroup>;
  /** Hosts with the variables set on them in the file (later settings win), in file order. */
  hosts: Map<string, AnsibleHost>;
  /** What Ansible would warn about and skip. */
  warnings: string[];
}

/** group_vars/ and host_vars/ beside the inventory. */
export interface VarsFiles {
  group(name: string): Vars | undefined;
  host(name: string): Vars | undefined;
}

export const NO_VARS_FILES: VarsFiles = { group: () => undefined, host: () => undefined };

/** An empty source with Ansible's two built-in groups. */
export function newSource(): AnsibleSource {
  const src: AnsibleSource = { groups: new Map(), hosts: new Map(), warnings: [] };
  sourceGroup(src, 'all');
  sourceGroup(src, 'ungrouped');
  return src;
}

/** The group `name`, created (empty) on first mention. */
export function sourceGroup(src: AnsibleSource, name: string): SourceGroup {
  const g = src.groups.get(name) ?? { vars: new Map(), hosts: [], children: [] };
  src.groups.set(name, g);
  return g;
}

/** Put `host` in `group` and set its variables (a later setting of one variable wins). */
export function addHost(src: AnsibleSource, group: string, host: string, vars: Vars, line?: number): void {
  const g = sourceGroup(src, group);
  if (!g.hosts.includes(host)) g.hosts.push(host);
  const h = src.hosts.get(host) ?? { vars: new Map(), line };
  for (const [k, v] of vars) h.vars.set(k, v);
  src.hosts.set(host, h);
}

/** Set a group variable (`ansible_group_priority` sets the group's priority instead). */
export function setGroupVar(g: SourceGroup, key: string, value: VarValue): void {
  if (key === 'ansible_group_priority' && Number.isInteger(Number(value.value)))
    g.priority = Number(value.value);
  else g.vars.set(key, value);
}

function assign(into: Vars, from: Vars | undefined) {
  for (const [k, v] of from ?? []) into.set(k, v);
}

/** The view `ansible-inventory --list` would give for this source. */
export function resolveAnsible(
  src: AnsibleSource,
  file: string,
  varsFiles: VarsFiles = NO_VARS_FILES,
): AnsibleView {
  const all = sourceGroup(src, 'all');
  sourceGroup(src, 'ungrouped');
  const hasParent = new Set(
    [...src.groups.values()].flatMap((g) => g.children).filter((c) => src.groups.has(c)),
  );
  const groups = new Map<string, InventoryGroup>([
    ['all', { hosts: [], children: [] }],
    ['ungrouped', { hosts: [], children: [] }],
  ]);
  for (const [name, g] of src.groups) {
    if (name === 'all' || name === 'ungrouped') continue;
    groups.set(name, { hosts: [...g.hosts], children: g.children.filter((c) => src.groups.has(c)) });
  }
  const top = [
    'ungrouped',
    ...all.children,
    ...[...groups.keys()].filter((g) => g !== 'all' && !hasParent.has(g)),
  ];
  (groups.get('all') as InventoryGroup).children = [...new Set(top)].filter((g) => g !== 'all');
  // As Ansible's reconcile_inventory: `ungrouped` holds exactly the hosts in no other group.
  const inOther = new Set([...groups].flatMap(([name, g]) => (name === 'ungrouped' ? [] : g.hosts)));
  (groups.get('ungrouped') as InventoryGroup).hosts = [...src.hosts.keys()].filter((h) => !inOther.has(h));

  const depth = groupDepths(groups);
  const cyclic = [...groups.keys()].find((g) => !depth.has(g));
  if (cyclic !== undefined)
    throw new InputError('INVENTORY_GROUPS', `group ${cyclic}: its child groups lead back to it`, { file });
  const priority = new Map(
    [...src.groups].flatMap(([n, g]) => (g.priority === undefined ? [] : [[n, g.priority]])),
  );
  const memberOf = hostGroups(groups);
  const hosts = new Map<string, AnsibleHost>();
  for (const name of hostsUnder(groups)) {
    const own = src.hosts.get(name) as AnsibleHost;
    const ordered = sortGroups(memberOf.get(name) ?? [], depth, priority);
    const vars: Vars = new Map();
    assign(vars, all.vars);
    for (const g of ordered) assign(vars, src.groups.get(g)?.vars);
    assign(vars, varsFiles.group('all'));
    for (const g of ordered) assign(vars, varsFiles.group(g));
    assign(vars, own.vars);
    assign(vars, varsFiles.host(name));
    hosts.set(name, { vars, line: own.line });
  }
  return { groups, hosts };
}
