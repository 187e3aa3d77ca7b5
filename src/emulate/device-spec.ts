// The lab file's `devices:` list: what each emulated ASA is (name, platform, version, serial),
// how to log in, which licensing situation it starts from and its startup-config. Validated with
// zod; errors name the file, line and column through yaml's LineCounter. Other top-level keys of a
// lab file (authority, network…) belong to the lab and are left alone here.

import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { SCENARIO_NAMES, type ScenarioName } from '../core/scenarios.ts';
import { InputError } from '../errors.ts';

const hostnameRe = /^[A-Za-z][A-Za-z0-9-]{0,62}$/;
const serialSchema = z.string().regex(/^[A-Z0-9]{6,20}$/, 'upper-case letters and digits');
const portSchema = z.number().int().min(0).max(65535);

/** The ASA's `ssh timeout`, in minutes: it takes 1-60, default 5 (also the SSH server's default). */
export const SSH_TIMEOUT_MINUTES = { min: 1, max: 60, default: 5 } as const;

/** A security context's name (`context NAME`); `system` and `null` are the ASA's own [assumed rule]. */
const contextName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/, 'a context name: a letter, then letters, digits, _ or - (max 32)')
  .refine((n) => !['system', 'null'].includes(n.toLowerCase()), 'system and null are reserved');

/**
 * A failover pair: the entry runs as two units of one ASA, `<name>-pri` (primary, active) and
 * `<name>-sec` (secondary, standby), sharing the configuration and one licensing agent
 * (src/emulate/failover.ts). `true`, or the secondary unit's own serial and SSH port.
 */
const failoverSchema = z.union([
  z.literal(true),
  z.strictObject({
    secondary: z.strictObject({ serial: serialSchema.optional(), port: portSchema.optional() }).optional(),
  }),
]);

/** Where the device's licensing agent starts: a scenario of src/core/scenarios.ts. */
export const licensingStartSchema = z.object({
  scenario: z.enum(SCENARIO_NAMES),
  /** Shift the story (src/core/scenarios.ts ScenarioOptions): days since registering… */
  registeredDaysAgo: z.number().nonnegative().optional(),
  /** …days the License Authority has been unreachable… */
  brokenDaysAgo: z.number().nonnegative().optional(),
  /** …and, for registration-lost, minutes since the reload. */
  reloadedMinutesAgo: z.number().nonnegative().optional(),
});

export const deviceSpecSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, 'letters, digits, _ . - (max 63)'),
  hostname: z.string().regex(hostnameRe, 'an ASA hostname: a letter, then letters, digits or -').optional(),
  platform: z.string().min(1).default('ASAv10'),
  version: z.string().min(1).default('9.22(1)1'),
  serial: serialSchema.optional(),
  /** SSH port; 0 picks a free one. */
  port: portSchema.default(0),
  username: z.string().min(1).default('admin'),
  password: z.string().min(1).optional(),
  enablePassword: z.string().min(1).optional(),
  /**
   * The ASA's `ssh timeout`: minutes without input before an SSH connection is dropped
   * (SSH_TIMEOUT_MINUTES).
   */
  sshTimeout: z
    .number()
    .int()
    .min(SSH_TIMEOUT_MINUTES.min)
    .max(SSH_TIMEOUT_MINUTES.max)
    .default(SSH_TIMEOUT_MINUTES.default),
  /** OpenSSH public key lines accepted for `username`. */
  authorizedKeys: z
    .array(z.string().regex(/^(ssh-|ecdsa-)\S+ \S+/, 'an OpenSSH public key line'))
    .default([]),
  licensing: z
    .union([
      z.enum(SCENARIO_NAMES).transform((scenario): { scenario: ScenarioName } => ({ scenario })),
      licensingStartSchema,
    ])
    .optional(),
  startupConfig: z.string().optional(),
  /**
   * Multiple context mode: the user contexts, the admin context first (an SSH login lands there,
   * as on an ASA managed through its admin context; `changeto system` reaches the system context).
   */
  contexts: z
    .array(contextName)
    .min(1)
    .max(250)
    .refine(
      (names) => new Set(names.map((n) => n.toLowerCase())).size === names.length,
      'context names repeat',
    )
    .optional(),
  failover: failoverSchema.optional(),
});

export type DeviceSpecInput = z.input<typeof deviceSpecSchema>;
export type DeviceSpec = z.output<typeof deviceSpecSchema>;

const labDevicesSchema = z.object({ devices: z.array(deviceSpecSchema).min(1) }).passthrough();

/** The names a device runs under: its own, or its two failover units' (failover.ts). */
export function unitNames(spec: Pick<DeviceSpec, 'name' | 'failover'>): string[] {
  return spec.failover ? [`${spec.name}-pri`, `${spec.name}-sec`] : [spec.name];
}

function duplicateNames(devices: DeviceSpec[]): string | undefined {
  const seen = new Set<string>();
  for (const name of devices.flatMap(unitNames)) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

/**
 * Parse the `devices:` of a lab file. Throws InputError `LAB_FILE` with `file:line:col` of the
 * offending value and what was expected.
 */
export function parseLabDevices(text: string, file: string): DeviceSpec[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = lineCounter.linePos(yamlError.pos[0]);
    throw new InputError('LAB_FILE', `YAML: ${yamlError.message.split('\n')[0]}`, {
      file,
      line: pos.line,
      column: pos.col,
    });
  }
  const result = labDevicesSchema.safeParse(doc.toJS());
  if (!result.success) {
    const issue = result.error.issues[0] as z.core.$ZodIssue;
    const node = doc.getIn(issue.path as (string | number)[], true) as
      | { range?: [number, number] }
      | undefined;
    const parentPath = issue.path.slice(0, -1) as (string | number)[];
    const parent = doc.getIn(parentPath, true) as { range?: [number, number] } | undefined;
    const offset = node?.range?.[0] ?? parent?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    const where = issue.path.join('.') || 'devices';
    throw new InputError('LAB_FILE', `${where}: ${issue.message}`, { file, line: pos.line, column: pos.col });
  }
  const devices = result.data.devices;
  const dup = duplicateNames(devices);
  if (dup) throw new InputError('LAB_FILE', `two devices are named ${JSON.stringify(dup)}`, { file });
  return devices;
}
