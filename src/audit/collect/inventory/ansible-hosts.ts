// Ansible hosts -> smartlic devices, whichever reader resolved them: Ansible's connection
// variables mapped onto device fields, the templates smartlic can evaluate, `!vault` values
// decrypted through Ansible, and hosts that are not ASAs set aside with one note.
//
// Templates: `ansible-inventory --list` returns variables unevaluated (a lookup is still the
// string `{{ lookup('env', 'X') }}`; an `!unsafe` value comes as {"__ansible_unsafe": …}, an
// `!vault` one as {"__ansible_vault": ciphertext}). smartlic evaluates `{{ lookup('env', 'NAME') }}`
// (also `ansible.builtin.env`) and `{{ other_variable }}` (Ansible's vault_ idiom); anything else
// makes the host invalid, with the variable named and its value never printed.

import type { AnsibleView, Vars, VarValue } from './ansible-view.ts';
import { groupDepths, hostGroups, sortGroups } from './ansible-view.ts';
import {
  type FieldLines,
  type Inventory,
  isInvalid,
  locate,
  originOf,
  SECRET_FIELDS,
  validateDevice,
} from './model.ts';

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
const SECRETS: ReadonlySet<string> = new Set(SECRET_FIELDS);
/** `smartlic_<field>` variables for what Ansible has no variable for. */
const SMARTLIC_FIELDS = new Set([
  'password_env',
  'enable_password_env',
  'key_passphrase',
  'key_passphrase_env',
  'tags',
]);
const ASA_NETWORK_OS = new Set(['cisco.asa.asa', 'asa']);
const ENV_LOOKUP =
  /^\{\{-?\s*lookup\(\s*(['"])(?:ansible\.builtin\.)?env\1\s*,\s*(['"])([^'"]*)\2\s*\)\s*-?\}\}$/;
const VARIABLE = /^\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*-?\}\}$/;
/** A chain of `{{ a }}` -> `{{ b }}` longer than this is refused (it is a loop, or nearly). */
const MAX_INDIRECTION = 10;

/** A variable's value as smartlic can use it. */
type Resolved =
  | { kind: 'value'; value: unknown; indirect: boolean }
  | { kind: 'env'; name: string }
  | { kind: 'vault'; ciphertext: string }
  | { kind: 'bad'; why: string };

function resolve(host: string, name: string, vars: Vars, hops = 0): Resolved {
  const v = vars.get(name) as VarValue;
  if (v.vault !== undefined) return { kind: 'vault', ciphertext: v.vault };
  if (v.unsafe || typeof v.value !== 'string' || !/\{[{%#]/.test(v.value))
    return { kind: 'value', value: v.value, indirect: hops > 0 };
  const text = v.value.trim();
  const env = ENV_LOOKUP.exec(text);
  if (env) return { kind: 'env', name: env[3] ?? '' };
  const ref = VARIABLE.exec(text)?.[1];
  if (ref === 'inventory_hostname') return { kind: 'value', value: host, indirect: true };
  if (ref === 'inventory_hostname_short') return { kind: 'value', value: host.split('.')[0], indirect: true };
  if (ref !== undefined) {
    if (!vars.has(ref)) return { kind: 'bad', why: `{{ ${ref} }}: ${ref} is not defined for this host` };
    if (hops >= MAX_INDIRECTION)
      return { kind: 'bad', why: `{{ ${ref} }}: variables refer to each other in a loop` };
    return resolve(host, ref, vars, hops + 1);
  }
  // INI host lines lose unescaped quotes (shlex), so `{{ lookup('env','X') }}` arrives as `lookup(env,X)`.
  const hint = /lookup\(\s*(ansible\.builtin\.)?env\s*,/.test(text)
    ? `; quote it in INI: name="{{ lookup('env', 'NAME') }}"`
    : '';
  return {
    kind: 'bad',
    why: `a Jinja template smartlic does not evaluate (it reads {{ lookup('env', 'NAME') }} and {{ variable }})${hint}`,
  };
}

const fieldOf = (key: string) =>
  FIELD_OF[key] ??
  (key.startsWith('smartlic_') && SMARTLIC_FIELDS.has(key.slice(9)) ? key.slice(9) : undefined);

/** A field value in the type the schema wants: Ansible's INI makes `ansible_password=1234` a number. */
function shaped(field: string, value: unknown, tags: string[]): unknown {
  if (field === 'port') return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (field === 'tags') {
    const extra = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : [value];
    return [...tags, ...extra.map((t) => String(t).trim())];
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

interface Pending {
  host: string;
  line: number | undefined;
  fields: Record<string, unknown>;
  lines: FieldLines;
  notPlain: Set<string>;
  vaulted: { field: string; key: string; ciphertext: string; at?: number | string }[];
  error?: { at?: number | string; message: string };
}

function networkOs(host: string, vars: Vars): string | undefined | null {
  if (!vars.has('ansible_network_os')) return undefined;
  const r = resolve(host, 'ansible_network_os', vars);
  return r.kind === 'value' ? String(r.value) : null;
}

/** One host's device fields, before vault values are decrypted. */
function pendingDevice(
  host: string,
  entry: { vars: Vars; line?: number },
  tags: string[],
  env: NodeJS.ProcessEnv,
): Pending {
  const p: Pending = {
    host,
    line: entry.line,
    fields: { name: host, host, tags },
    lines: { _device: entry.line },
    notPlain: new Set(),
    vaulted: [],
  };
  for (const [key, v] of entry.vars) {
    const field = fieldOf(key);
    if (!field) continue;
    const r = resolve(host, key, entry.vars);
    const fail = (why: string) => {
      p.error ??= { at: v.at, message: `${key}: ${why}` };
    };
    p.lines[field as keyof FieldLines] = v.at;
    if (r.kind === 'bad') fail(r.why);
    else if (r.kind === 'vault') p.vaulted.push({ field, key, ciphertext: r.ciphertext, at: v.at });
    else if (r.kind === 'env' && SECRETS.has(field)) {
      // A secret stays a reference: it is read from the environment when the device is collected.
      p.fields[`${field}_env`] = r.name;
      delete p.fields[field];
      p.lines[`${field}_env` as keyof FieldLines] = v.at;
    } else if (r.kind === 'env') {
      const value = env[r.name];
      if (value === undefined) fail(`environment variable ${r.name} is not set`);
      else p.fields[field] = shaped(field, value, tags);
    } else {
      p.fields[field] = shaped(field, r.value, tags);
      if (SECRETS.has(field)) delete p.fields[`${field}_env`];
      if (field.endsWith('_env')) delete p.fields[field.slice(0, -4)];
      if (r.indirect) p.notPlain.add(field);
    }
  }
  return p;
}

interface Plan {
  pending: Pending[];
  /** `host (its ansible_network_os)` of every host skipped as not an ASA. */
  skipped: string[];
}

/**
 * Which hosts become devices, and each one's fields before vault values are decrypted. Hosts
 * whose `ansible_network_os` is set to something other than cisco.asa.asa/asa are skipped, and so
 * are hosts without one when other hosts of the inventory declare theirs (there, a host without
 * it is not a network device).
 */
function plan(view: AnsibleView, env: NodeJS.ProcessEnv): Plan {
  const declaresOs = [...view.hosts.values()].some((h) => h.vars.has('ansible_network_os'));
  const depth = groupDepths(view.groups);
  const memberOf = hostGroups(view.groups);
  const out: Plan = { pending: [], skipped: [] };
  for (const [host, entry] of view.hosts) {
    const os = networkOs(host, entry.vars);
    if (os === undefined ? declaresOs : os !== null && !ASA_NETWORK_OS.has(os.toLowerCase())) {
      out.skipped.push(`${host} (${os ?? 'none'})`);
      continue;
    }
    const groups = [...(memberOf.get(host) ?? [])].filter((g) => g !== 'ungrouped');
    out.pending.push(pendingDevice(host, entry, sortGroups(groups, depth), env));
  }
  return out;
}

/** The `!vault` ciphertexts the devices of `view` need decrypted (each once). */
export function vaultCiphertexts(view: AnsibleView, env: NodeJS.ProcessEnv): string[] {
  const { pending } = plan(view, env);
  return [...new Set(pending.flatMap((p) => (p.error ? [] : p.vaulted.map((v) => v.ciphertext))))];
}

/**
 * The devices of a resolved Ansible inventory. `env` answers `lookup('env', …)` for fields that
 * are not secrets (secrets stay references, read when collecting); `vault` holds the plaintext of
 * each ciphertext from vaultCiphertexts (or why it could not be decrypted).
 */
export function devicesFromAnsible(
  view: AnsibleView,
  file: string,
  format: Inventory['format'],
  opts: { env: NodeJS.ProcessEnv; vault: ReadonlyMap<string, string | Error> },
): Inventory {
  const inv: Inventory = {
    file,
    format,
    devices: [],
    invalid: [],
    warnings: [],
    hosts: [...view.hosts.keys()],
    groups: view.groups,
  };
  const { pending, skipped } = plan(view, opts.env);
  if (skipped.length)
    inv.warnings.push(
      `${file}: skipped ${skipped.length} host${skipped.length > 1 ? 's' : ''} whose ansible_network_os is not cisco.asa.asa or asa: ${skipped.slice(0, 10).join(', ')}${skipped.length > 10 ? ', …' : ''}`,
    );
  for (const p of pending) {
    for (const v of p.vaulted) {
      const text = opts.vault.get(v.ciphertext);
      if (typeof text !== 'string') {
        p.error ??= {
          at: v.at,
          message: `${v.key}: the vault-encrypted value could not be decrypted: ${text?.message ?? 'it was not decrypted'}`,
        };
        continue;
      }
      p.fields[v.field] = shaped(v.field, text, p.fields.tags as string[]);
      if (SECRETS.has(v.field)) delete p.fields[`${v.field}_env`];
      p.notPlain.add(v.field);
    }
    if (p.error) {
      const at = p.error.at ?? p.line;
      inv.invalid.push({
        name: p.host,
        message: `${locate(file, at)}: host ${p.host}: ${p.error.message}`,
        origin: originOf(file, at),
      });
      continue;
    }
    const result = validateDevice(p.fields, p.lines, file, inv.warnings, p.notPlain);
    if (isInvalid(result)) inv.invalid.push(result);
    else inv.devices.push(result);
  }
  return inv;
}
