// The inventory every loader (smartlic YAML, `ansible-inventory --list`, and the built-in Ansible
// YAML/INI reader) produces, and the one zod schema all of them validate against, so a device
// means the same thing whatever file it came from. Secrets are references (an environment
// variable) or wrapped values: never strings.

import { z } from 'zod';
import { Secret } from '../secret.ts';

/** Where a secret comes from. `inline` means it was written in the inventory (warned about). */
export type SecretSource = { from: 'env'; name: string } | { from: 'inline'; value: Secret };

/** One device to collect from. */
export interface InventoryDevice {
  name: string;
  host: string;
  port: number;
  username?: string;
  password?: SecretSource;
  keyFile?: string;
  keyPassphrase?: SecretSource;
  enablePassword?: SecretSource;
  tags: string[];
  origin: { file: string; line?: number };
}

/** A device entry that failed validation: it is reported, the others are still collected. */
export interface InvalidDevice {
  name: string;
  /** `file:line: device NAME: field: what was expected` */
  message: string;
  origin: { file: string; line?: number };
}

/** A group as `ansible-inventory --list` gives it: the hosts it names and its child groups. */
export interface InventoryGroup {
  hosts: string[];
  children: string[];
}

export interface Inventory {
  file: string;
  /** `ansible-inventory`: read by Ansible itself; `ansible-yaml`/`ansible-ini`: the built-in reader. */
  format: 'smartlic' | 'ansible-inventory' | 'ansible-yaml' | 'ansible-ini';
  devices: InventoryDevice[];
  invalid: InvalidDevice[];
  /** One line per device with a plaintext secret (never the value), and one for skipped hosts. */
  warnings: string[];
  /** Every host named, in inventory order (also invalid ones and those skipped as not ASA). */
  hosts: string[];
  /** Groups by name (`all`, `ungrouped` and the inventory's own; a smartlic inventory's tags). */
  groups: Map<string, InventoryGroup>;
}

/** The secret fields: each is given inline or as `<field>_env`, the environment variable holding it. */
export const SECRET_FIELDS = ['password', 'enable_password', 'key_passphrase'] as const;

const text = z.string().trim().min(1);
// Upper case, digits and `_` (POSIX's portable variable names): a password typed here by mistake
// rarely looks like that, and the message never repeats the value.
const envName = z
  .string()
  .regex(/^[A-Z_][A-Z0-9_]{0,127}$/, 'expected an environment variable name such as ASA_PASS (A-Z, 0-9, _)');

/** The fields every loader maps its own vocabulary onto before validation. */
export const deviceFieldsSchema = z.strictObject({
  name: text,
  host: text,
  port: z.number().int().min(1).max(65535).default(22),
  username: text.optional(),
  password: z.string().min(1).optional(),
  password_env: envName.optional(),
  key_file: text.optional(),
  key_passphrase: z.string().min(1).optional(),
  key_passphrase_env: envName.optional(),
  enable_password: z.string().optional(),
  enable_password_env: envName.optional(),
  tags: z.array(text).default([]),
});

export type DeviceFields = z.input<typeof deviceFieldsSchema>;

/**
 * Where each field was written, so an error can name it: a line of the inventory file, or a
 * whole `file:line` when it came from another file (group_vars/, host_vars/).
 */
export type FieldLines = Partial<Record<keyof DeviceFields | '_device', number | string>>;

/** `file:line` for a line of `file`, a whole `file:line` as it is, or the file alone. */
export const locate = (file: string, line: number | string | undefined): string =>
  typeof line === 'string' ? line : line ? `${file}:${line}` : file;

function secretOf(inline: string | undefined, env: string | undefined): SecretSource | undefined {
  if (env !== undefined) return { from: 'env', name: env };
  if (inline !== undefined) return { from: 'inline', value: new Secret(inline) };
  return undefined;
}

/**
 * Validate one device's merged fields. Returns the device, or an InvalidDevice whose message
 * names file:line and the field. Plaintext secrets add one warning line (without the value),
 * except the fields in `notPlain` (decrypted from a vault, or taken from another variable).
 */
export function validateDevice(
  fields: Record<string, unknown>,
  lines: FieldLines,
  file: string,
  warnings: string[],
  notPlain: ReadonlySet<string> = new Set(),
): InventoryDevice | InvalidDevice {
  const name = typeof fields.name === 'string' ? fields.name : '?';
  const deviceLine = lines._device;
  const parsed = deviceFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    // Unknown keys first: a typo (`hots:`) explains the "missing host" that follows from it.
    const issues = [...parsed.error.issues].sort(
      (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
    );
    const issue = issues[0];
    const field = issue?.path.length ? issue.path.map(String).join('.') : '(device)';
    const keys = (issue as { keys?: string[] } | undefined)?.keys;
    const key = issue?.path[0] ?? keys?.[0];
    const line = (typeof key === 'string' && lines[key as keyof FieldLines]) || deviceLine;
    const missing = issue?.code === 'invalid_type' && /received undefined/.test(issue.message);
    const what = keys?.length
      ? `unknown field${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`
      : missing
        ? 'missing (required)'
        : issue?.message;
    return {
      name,
      message: `${locate(file, line)}: device ${name}: ${keys?.length ? keys[0] : field}: ${what}`,
      origin: originOf(file, line),
    };
  }
  const d = parsed.data;
  const where = locate(file, deviceLine);
  const origin = originOf(file, deviceLine);
  const fail = (field: string, message: string): InvalidDevice => ({
    name: d.name,
    message: `${where}: device ${d.name}: ${field}: ${message}`,
    origin,
  });
  if (d.password !== undefined && d.password_env !== undefined)
    return fail('password', 'give password or password_env, not both');
  if (d.enable_password !== undefined && d.enable_password_env !== undefined)
    return fail('enable_password', 'give enable_password or enable_password_env, not both');
  const plain = [
    d.password !== undefined && !notPlain.has('password') ? 'password' : '',
    d.enable_password && !notPlain.has('enable_password') ? 'enable password' : '',
    d.key_passphrase !== undefined && !notPlain.has('key_passphrase') ? 'key passphrase' : '',
  ].filter(Boolean);
  if (plain.length)
    warnings.push(
      `${where}: device ${d.name}: plaintext ${plain.join(' and ')} in the inventory; prefer *_env variables, an SSH agent or a key file`,
    );
  return {
    name: d.name,
    host: d.host,
    port: d.port,
    username: d.username,
    password: secretOf(d.password, d.password_env),
    keyFile: d.key_file,
    keyPassphrase: secretOf(d.key_passphrase, d.key_passphrase_env),
    enablePassword: secretOf(d.enable_password, d.enable_password_env),
    tags: d.tags,
    origin,
  };
}

/** `{file, line}` of a line number in `file`, or of a whole `file:line`. */
export function originOf(file: string, line: number | string | undefined): InvalidDevice['origin'] {
  if (typeof line !== 'string') return { file, line };
  const m = /^(.*):(\d+)$/.exec(line);
  return m ? { file: m[1] as string, line: Number(m[2]) } : { file: line };
}

export function isInvalid(d: InventoryDevice | InvalidDevice): d is InvalidDevice {
  return 'message' in d;
}
