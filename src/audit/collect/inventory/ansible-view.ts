// An Ansible inventory once Ansible's rules are applied: its groups as `ansible-inventory --list`
// prints them, and each host's variables after precedence. Both readers produce this shape:
// `ansible-inventory` itself (ansible-inventory.ts) and the built-in fallback (ansible-groups.ts).

import type { InventoryGroup } from './model.ts';

export interface VarValue {
  value: unknown;
  /** Where it was written: a line of the inventory file, or `file:line` of a vars file. */
  at?: number | string;
  /** An `!vault` value: its ciphertext (the value is decrypted only when a device needs it). */
  vault?: string;
  /** An `!unsafe` value: Ansible uses it as written and never templates it. */
  unsafe?: boolean;
}

/** Variables by name (a Map: names come from the file, `__proto__` included). */
export type Vars = Map<string, VarValue>;

export interface AnsibleHost {
  vars: Vars;
  /** The line of the inventory file that declares the host (built-in reader only). */
  line?: number;
}

export interface AnsibleView {
  groups: Map<string, InventoryGroup>;
  /** Every host in inventory order. */
  hosts: Map<string, AnsibleHost>;
}

/**
 * Each group's depth as Ansible counts it: the longest path from `all` (groups nobody names as
 * a child hang under `all`). Groups caught in a cycle are left out.
 */
export function groupDepths(groups: ReadonlyMap<string, InventoryGroup>): Map<string, number> {
  const parents = new Map<string, number>();
  for (const [name, g] of groups)
    for (const c of g.children) if (c !== name) parents.set(c, (parents.get(c) ?? 0) + 1);
  const depth = new Map<string, number>([['all', 0]]);
  const roots = [...groups.keys()].filter((g) => g !== 'all' && !parents.has(g));
  for (const r of roots) depth.set(r, 1);
  // Kahn's order from the roots: a group's depth is final once all its parents are placed.
  const queue = ['all', ...roots];
  const waiting = new Map(parents);
  for (let i = 0; i < queue.length; i++) {
    const g = queue[i] as string;
    for (const c of groups.get(g)?.children ?? []) {
      if (c === 'all' || !groups.has(c)) continue;
      depth.set(c, Math.max(depth.get(c) ?? 0, (depth.get(g) ?? 0) + 1));
      const left = (waiting.get(c) ?? 1) - 1;
      waiting.set(c, left);
      if (left === 0) queue.push(c);
    }
  }
  for (const [g, left] of waiting) if (left > 0) depth.delete(g);
  return depth;
}

/** For each host, the groups it is in, directly or through child groups (`all` excluded). */
export function hostGroups(groups: ReadonlyMap<string, InventoryGroup>): Map<string, Set<string>> {
  const parentsOf = new Map<string, string[]>();
  for (const [name, g] of groups)
    for (const c of g.children) parentsOf.set(c, [...(parentsOf.get(c) ?? []), name]);
  const ancestors = (group: string): string[] => {
    const seen = new Set([group]);
    const stack = [group];
    while (stack.length)
      for (const p of parentsOf.get(stack.pop() as string) ?? [])
        if (!seen.has(p)) {
          seen.add(p);
          stack.push(p);
        }
    return [...seen];
  };
  const memo = new Map<string, string[]>();
  const out = new Map<string, Set<string>>();
  for (const [name, g] of groups) {
    const up = memo.get(name) ?? ancestors(name);
    memo.set(name, up);
    for (const h of g.hosts) {
      const set = out.get(h) ?? new Set<string>();
      for (const a of up) if (a !== 'all') set.add(a);
      out.set(h, set);
    }
  }
  return out;
}

/** Groups in Ansible's merge order (sort_groups): depth, `ansible_group_priority`, name. */
export function sortGroups(
  names: Iterable<string>,
  depth: ReadonlyMap<string, number>,
  priority?: ReadonlyMap<string, number>,
): string[] {
  return [...names].sort(
    (a, b) =>
      (depth.get(a) ?? 0) - (depth.get(b) ?? 0) ||
      (priority?.get(a) ?? 1) - (priority?.get(b) ?? 1) ||
      (a < b ? -1 : a > b ? 1 : 0),
  );
}

/**
 * The hosts of `group` and of its descendants, in inventory order: breadth first, each group's
 * own hosts before its children's. Under `all`, every host of the inventory.
 */
export function hostsUnder(groups: ReadonlyMap<string, InventoryGroup>, group = 'all'): string[] {
  const hosts = new Set<string>();
  const order = [group];
  const seen = new Set(order);
  for (let i = 0; i < order.length; i++) {
    const g = groups.get(order[i] as string);
    for (const h of g?.hosts ?? []) hosts.add(h);
    for (const c of g?.children ?? [])
      if (!seen.has(c)) {
        seen.add(c);
        order.push(c);
      }
  }
  return [...hosts];
}
