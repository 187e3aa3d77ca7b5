// `-l/--limit PATTERN`: Ansible host patterns, evaluated the way Ansible 2.14's InventoryManager
// does (ansible/inventory/manager.py: split_host_pattern, order_patterns, _evaluate_patterns,
// _match_one_pattern, _enumerate_matches, _match_list), over the groups an inventory declares.
//
//   asa                 a group (its hosts and its child groups' hosts) or a host
//   fw*  fw[12]  ~^fw\d  globs (fnmatch) and regular expressions (anchored at the start)
//   asa,dc  asa:dc      union (commas; colons only when there is no comma)
//   asa:&dc1  asa:!fw3  intersection and exclusion, applied after every union
//   asa[0]  asa[1:2]    subscripts into a group's hosts
//
// Differences we know of: `~` expressions run as JavaScript regular expressions (Python-only
// syntax such as `(?P<name>…)` is refused), and `@file` limit files are not read.

import { UsageError } from '../../../errors.ts';
import { hostsUnder } from './ansible-view.ts';
import type { Inventory } from './model.ts';

/** What host patterns are evaluated against (an Inventory is one). */
export type HostUniverse = Pick<Inventory, 'hosts' | 'groups'>;

export interface Selection {
  /** Selected hosts, in inventory order of the pattern that brought them in. */
  hosts: string[];
  /** Pattern pieces that matched neither a group nor a host (Ansible warns about these). */
  unmatched: string[];
}

/** `a,b` on commas; without commas on colons, unless the whole is one host (name, address, range). */
export function splitHostPattern(pattern: string): string[] {
  let parts: string[];
  if (pattern.includes(',')) parts = pattern.split(',');
  else if (looksLikeOneAddress(pattern)) parts = [pattern];
  else parts = pattern.match(/(?:[^\s:[\]]|\[[^\]]*\])+/g) ?? [];
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Ansible's parse_address, as far as patterns need it: a host name or IPv4 with ranges and a port, or IPv6. */
function looksLikeOneAddress(p: string): boolean {
  if (/^[0-9a-f:]+$/i.test(p) && (p.match(/:/g)?.length ?? 0) >= 2) return true;
  if (/^\[[0-9a-f:.]+\](?::\d+)?$/i.test(p)) return true;
  return /^[A-Za-z0-9_-]+(?:\[[A-Za-z0-9:]+\][A-Za-z0-9_-]*)*(?:\.[A-Za-z0-9_[\]:-]+)*(?::\d+)?$/.test(p);
}

/** Regular patterns first, then `&` intersections, then `!` exclusions; only `!`/`&` means `all` first. */
function orderPatterns(patterns: string[]): string[] {
  const regular = patterns.filter((p) => p[0] !== '!' && p[0] !== '&');
  const and = patterns.filter((p) => p[0] === '&');
  const not = patterns.filter((p) => p[0] === '!');
  return [...(regular.length ? regular : ['all']), ...and, ...not];
}

/** Python's fnmatch.translate: `*`, `?`, `[seq]`, `[!seq]`; the whole name must match. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      let j = i + 1;
      if (glob[j] === '!') j++;
      if (glob[j] === ']') j++;
      while (j < glob.length && glob[j] !== ']') j++;
      if (j >= glob.length) out += '\\[';
      else {
        let set = glob.slice(i + 1, j).replace(/\\/g, '\\\\');
        if (set[0] === '!') set = `^${set.slice(1)}`;
        else if (set[0] === '^') set = `\\${set}`;
        out += `[${set}]`;
        i = j;
      }
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${out})$`, 's');
}

function matcher(pattern: string): RegExp {
  try {
    // Python's re.match anchors at the start only.
    return pattern[0] === '~' ? new RegExp(`^(?:${pattern.slice(1)})`) : globToRegExp(pattern);
  } catch {
    throw new UsageError(`--limit: invalid host pattern ${JSON.stringify(pattern)}`);
  }
}

const SUBSCRIPT = /^(.+)\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))\]$/s;

/** Hosts of a group and of its descendants; `all` is every host, grouped or not. */
const groupHosts = (universe: HostUniverse, name: string): string[] =>
  name === 'all' ? [...universe.hosts] : hostsUnder(universe.groups, name);

function enumerateMatches(universe: HostUniverse, expr: string): { hosts: string[]; groups: number } {
  const re = matcher(expr);
  const groups = [...universe.groups.keys()].filter((g) => re.test(g));
  const hosts = groups.flatMap((g) => groupHosts(universe, g));
  if (!groups.length || expr[0] === '~' || /[.?*[]/.test(expr))
    hosts.push(...universe.hosts.filter((h) => re.test(h)));
  return { hosts, groups: groups.length };
}

function matchOne(universe: HostUniverse, pattern: string): { hosts: string[]; matched: boolean } {
  const bare = pattern[0] === '!' || pattern[0] === '&' ? pattern.slice(1) : pattern;
  const sub = bare[0] === '~' ? null : SUBSCRIPT.exec(bare);
  const expr = sub ? (sub[1] as string) : bare;
  const { hosts, groups } = enumerateMatches(universe, expr);
  const matched = hosts.length > 0 || groups > 0 || expr === 'all';
  if (!sub || !hosts.length) return { hosts, matched };
  const [, , index, start, , end] = sub;
  if (index !== undefined) {
    const i = Number(index);
    const host = hosts[i < 0 ? hosts.length + i : i];
    if (host === undefined)
      throw new UsageError(`--limit: no hosts matched the subscripted pattern ${JSON.stringify(bare)}`);
    return { hosts: [host], matched };
  }
  const last = end ? Number(end) : hosts.length - 1;
  return { hosts: hosts.slice(Number(start), last + 1), matched };
}

/** The hosts an Ansible host pattern selects. Throws UsageError for a malformed pattern. */
export function selectHosts(pattern: string, universe: HostUniverse): Selection {
  const known = new Set(universe.hosts);
  let selected = new Set<string>();
  const unmatched: string[] = [];
  for (const p of orderPatterns(splitHostPattern(pattern))) {
    if (known.has(p)) {
      selected.add(p);
      continue;
    }
    const { hosts, matched } = matchOne(universe, p);
    if (!matched) unmatched.push(p);
    if (p[0] === '!' || p[0] === '&') {
      const those = new Set(hosts);
      const keep = p[0] === '&';
      selected = new Set([...selected].filter((h) => those.has(h) === keep));
    } else for (const h of hosts) selected.add(h);
  }
  return { hosts: [...selected], unmatched };
}

const quote = (p: string) => JSON.stringify(p);

function someGroups(universe: HostUniverse): string {
  const names = [...universe.groups.keys()].filter((g) => g !== 'all' && g !== 'ungrouped');
  if (!names.length) return 'no groups';
  const shown = names.slice(0, 8).join(', ');
  return `groups: ${shown}${names.length > 8 ? `, … (${names.length})` : ''}`;
}

/**
 * The inventory with only the devices (and invalid entries) `pattern` selects; without a pattern,
 * the inventory itself. A pattern that selects no device is a usage error; pattern pieces that
 * match nothing are added to the warnings, as Ansible warns about them.
 */
export function limitInventory(inv: Inventory, pattern: string | undefined): Inventory {
  if (pattern === undefined) return inv;
  const { hosts, unmatched } = selectHosts(pattern, inv);
  const chosen = new Set(hosts);
  const devices = inv.devices.filter((d) => chosen.has(d.name));
  const invalid = inv.invalid.filter((d) => chosen.has(d.name));
  if (!devices.length && !invalid.length) {
    throw new UsageError(
      hosts.length
        ? `--limit ${quote(pattern)} selects only hosts skipped as not ASA (${hosts.slice(0, 8).join(', ')})`
        : `--limit ${quote(pattern)} matches no device in ${inv.file} (${inv.devices.length + inv.invalid.length} devices; ${someGroups(inv)})`,
    );
  }
  const warnings = unmatched.map((p) => `--limit: ${quote(p)} matches no group or host; ignored`);
  return { ...inv, devices, invalid, warnings: [...inv.warnings, ...warnings] };
}

/** `--limit` over devices that have only names (saved outputs): every name is in `all`. */
export function limitByName<T>(items: T[], nameOf: (item: T) => string, pattern: string | undefined): T[] {
  if (pattern === undefined) return items;
  const hosts = items.map(nameOf);
  const groups = new Map([
    ['all', { hosts: [], children: ['ungrouped'] }],
    ['ungrouped', { hosts, children: [] }],
  ]);
  const chosen = new Set(selectHosts(pattern, { hosts, groups }).hosts);
  const kept = items.filter((item) => chosen.has(nameOf(item)));
  if (!kept.length)
    throw new UsageError(`--limit ${quote(pattern)} matches none of the ${items.length} devices read`);
  return kept;
}
