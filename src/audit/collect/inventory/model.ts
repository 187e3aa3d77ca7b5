// The inventory every loader (smartlic YAML, Ansible YAML, Ansible INI) produces, and the one
// zod schema all three validate against, so a device means the same thing whatever file it
// came from. Secrets are references (an environment variable) or wrapped values: never strings.

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

export interface Inventory {
  file: string;
  format: 'smartlic' | 'ansible-yaml' | 'ansible-ini';
  devices: InventoryDevice[];
  invalid: InvalidDevice[];
  /** One line per device with a plaintext secret (never the value), and skipped hosts. */
  warnings: string[];
}

const text = z.string().trim().min(1);
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name');

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

/** Field origin lines, so an error can name `file:line` of the offending field. */
export type FieldLines = Partial<Record<keyof DeviceFields | '_device', number>>;

function secretOf(inline: string | undefined, env: string | undefined): SecretSource | undefined {
  if (env !== undefined) return { from: 'env', name: env };
  if (inline !== undefined) return { from: 'inline', value: new Secret(inline) };
  return undefined;
}

/**
 * Validate one device's merged fields. Returns the device, or an InvalidDevice whose message
 * names file:line and the field. Plaintext secrets add one warning line (without the value).
 */
export function validateDevice(
  fields: Record<string, unknown>,
  lines: FieldLines,
  file: string,
  warnings: string[],
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
    const where = line ? `${file}:${line}` : file;
    return {
      name,
      message: `${where}: device ${name}: ${keys?.length ? keys[0] : field}: ${what}`,
      origin: { file, line },
    };
  }
  const d = parsed.data;
  const where = deviceLine ? `${file}:${deviceLine}` : file;
  const fail = (field: string, message: string): InvalidDevice => ({
    name: d.name,
    message: `${where}: device ${d.name}: ${field}: ${message}`,
    origin: { file, line: deviceLine },
  });
  if (d.password !== undefined && d.password_env !== undefined)
    return fail('password', 'give password or password_env, not both');
  if (d.enable_password !== undefined && d.enable_password_env !== undefined)
    return fail('enable_password', 'give enable_password or enable_password_env, not both');
  const plain = [
    d.password !== undefined ? 'password' : '',
    d.enable_password ? 'enable password' : '',
    d.key_passphrase !== undefined ? 'key passphrase' : '',
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
    origin: { file, line: deviceLine },
  };
}

export function isInvalid(d: InventoryDevice | InvalidDevice): d is InvalidDevice {
  return 'message' in d;
}
