// The `smartlic audit --json` contract (docs/ARCHITECTURE.md, "Contracts"), written once as zod
// schemas so that the TypeScript types, the committed JSON Schema (scripts/gen-schema.ts) and the
// validation in tests can never drift apart. Additions are fine; renaming a field breaks scripts.

import { z } from 'zod';
import { EXIT } from '../../errors.ts';
import { FINDING_CODES, REMEDY_STEPS, SEVERITIES } from '../diagnose/catalogue.ts';

/** How bad a finding is; the exit status follows the worst one (0 ok/info, 1 warning, 2 critical, 3 unknown). */
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export const FindingSchema = z.object({
  /** Stable code: one of the finding catalogue (src/audit/diagnose/catalogue.ts). */
  code: z.enum(FINDING_CODES),
  severity: SeveritySchema,
  summary: z.string(),
  detail: z.string(),
});
export type Finding = z.infer<typeof FindingSchema>;

export const AdvisorySchema = z.object({
  /** Cisco bug ID, e.g. `CSCwp10957`. */
  id: z.string(),
  summary: z.string(),
  /** Versions that carry the fix, as Cisco lists them (`9.20(4)14`, `9.22.3`, …); empty when unknown. */
  fixedIn: z.array(z.string()),
  /** Why it applies to this device, e.g. `9.20(4)10 is lower than 9.20(4)14, the fix in the 9.20 train`. */
  reason: z.string(),
});
export type Advisory = z.infer<typeof AdvisorySchema>;

/**
 * Why an event is ahead: `expected` follows from what the device shows now (its communication is
 * failing, it lost its registration, it runs on evaluation) and happens unless someone acts;
 * `hypothetical` happens only if the License Authority became unreachable now: the device is
 * communicating today, so the event is a what-if, not a prediction.
 */
export const TIMELINE_BASES = ['expected', 'hypothetical'] as const;

export const TimelineEventSchema = z.object({
  /** ISO-8601 UTC. */
  at: z.string(),
  /** One dated sentence, e.g. `2026-04-12 authorization expires: …`. */
  event: z.string(),
  /** Machine-readable kind, for charts and scripts. */
  kind: z.string(),
  basis: z.enum(TIMELINE_BASES),
  /** Set when the date rests on an assumption (a value the outputs did not print): which one. */
  assumption: z.string().optional(),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

export const RemediationSchema = z.object({
  /** Which step of the catalogue this is (src/audit/diagnose/catalogue.ts, REMEDY_STEPS). */
  step: z.enum(REMEDY_STEPS),
  why: z.string(),
  /** Exact lines to type on the ASA, in order; empty when the fix is elsewhere (an upstream firewall). */
  cli: z.array(z.string()),
  /** ASDM path, or null when the fix is not on the ASA. */
  asdm: z.string().nullable(),
});
export type Remediation = z.infer<typeof RemediationSchema>;

export const ProxySchema = z.object({ host: z.string(), port: z.number().int() });

/** An output the audit read: its command, where (saved captures), and the filter typed after it. */
export const OutputSourceSchema = z.object({
  command: z.string(),
  file: z.string().optional(),
  /** 1-based line of the output's prompt (or first line) in `file`. */
  line: z.number().int().optional(),
  filter: z.object({ type: z.string(), invert: z.boolean(), pattern: z.string() }).optional(),
});
export type OutputSource = z.infer<typeof OutputSourceSchema>;

export const FactsSchema = z.object({
  /** Hostname from the device when it printed one, else the inventory name. */
  name: z.string(),
  platform: z.string().nullable(),
  version: z.string().nullable(),
  transport: z
    .object({
      type: z.string(),
      url: z.string().nullable(),
      proxy: ProxySchema.nullable(),
    })
    .nullable(),
  smartLicensing: z.string().nullable(),
  /** `smart` or `pak` when the outputs show which licensing the platform uses; null when they do not. */
  licenseMode: z.enum(['smart', 'pak']).nullable(),
  registration: z.string().nullable(),
  authorization: z.string().nullable(),
  exportControlled: z.string().nullable(),
  lastCommunication: z
    .object({ result: z.string(), at: z.string().nullable(), failureReason: z.string().nullable() })
    .nullable(),
  communicationDeadline: z.string().nullable(),
  /** True when the device printed DEADLINE EXCEEDED or the deadline is before `now`. */
  deadlinePassed: z.boolean(),
  /** Whole days from `now` to the communication deadline (negative once passed); null when unknown. */
  daysToDeadline: z.number().int().nullable(),
  registrationExpires: z.string().nullable(),
  daysToRegistrationExpiry: z.number().int().nullable(),
  context: z.string().nullable(),
  failover: z.string().nullable(),
  /** Lines the parsers did not understand (kept as warnings, not errors). */
  parseWarnings: z.number().int(),
  /** Which output each fact above came from (facts the outputs did not give are left out). */
  sources: z.record(z.string(), OutputSourceSchema),
});
export type Facts = z.infer<typeof FactsSchema>;

export const DeviceSourceSchema = z.union([
  z.object({ kind: z.literal('ssh'), host: z.string(), port: z.number().int() }),
  z.object({ kind: z.literal('file'), paths: z.array(z.string()) }),
]);

export const DeviceAuditSchema = z.object({
  device: z.string(),
  source: DeviceSourceSchema,
  /** False when collection failed; `error` then says where and why. */
  ok: z.boolean(),
  error: z.object({ phase: z.string(), code: z.string(), message: z.string() }).nullable(),
  collectedAt: z.string(),
  /** The worst severity among the findings (`ok` when there are none). */
  worst: SeveritySchema,
  facts: FactsSchema,
  /** The licensing outputs read for this device, in the order they were merged. */
  outputs: z.array(OutputSourceSchema),
  findings: z.array(FindingSchema),
  advisories: z.array(AdvisorySchema),
  timeline: z.array(TimelineEventSchema),
  remediation: z.array(RemediationSchema),
  /**
   * What to keep in mind reading this device, about the evaluation rather than the device: an old
   * capture, a device clock off by more than a day, a fallback to this host's clock.
   */
  notes: z.array(z.string()),
});
export type DeviceAudit = z.infer<typeof DeviceAuditSchema>;

/** A device's state as monitoring reads it: `ok` is nothing worse than info. */
export const DEVICE_STATES = ['ok', 'unknown', 'warning', 'critical'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

export const ActionSchema = z.object({
  /** What to do, in a few words (the remediation step's headline, or what makes devices checkable). */
  what: z.string(),
  /** The remediation step, or null for "make these devices checkable". */
  step: z.enum(REMEDY_STEPS).nullable(),
  /** The worst state among the devices it helps. */
  state: z.enum(DEVICE_STATES),
  devices: z.array(z.string()),
});
export type Action = z.infer<typeof ActionSchema>;

export const AuditReportSchema = z.object({
  generatedAt: z.string(),
  /** The time the snapshots were evaluated at (`--now`, or the wall clock). */
  now: z.string(),
  /** Devices worst first (critical, warning, unknown, info, ok), then by name. */
  devices: z.array(DeviceAuditSchema),
  summary: z.object({
    devices: z.number().int(),
    worst: SeveritySchema,
    /** Devices by monitoring state (`ok` = nothing worse than info), the exit status's inputs. */
    byState: z.object({
      ok: z.number().int(),
      unknown: z.number().int(),
      warning: z.number().int(),
      critical: z.number().int(),
    }),
    /** How many devices carry each finding code (codes no device carries are left out). */
    byFinding: z.record(z.string(), z.number().int()),
    /** How many collected devices use each transport (`smart`, `callhome`, …; `unknown` when not shown). */
    byTransport: z.record(z.string(), z.number().int()),
    /** What to do first: the actions that help the worst devices, most urgent first. */
    actions: z.array(ActionSchema),
    /** Devices by their worst severity; `unknown` counts the devices that could not be checked. */
    bySeverity: z.object({
      ok: z.number().int(),
      info: z.number().int(),
      unknown: z.number().int(),
      warning: z.number().int(),
      critical: z.number().int(),
    }),
  }),
});
export type AuditReport = z.infer<typeof AuditReportSchema>;

/** The catalogue's order, least bad first (ok < info < unknown < warning < critical). */
const ORDER = Object.fromEntries(SEVERITIES.map((s, i) => [s, i])) as Record<Severity, number>;

/** The worse of two severities (or of two device states, which are severities too). */
export function worse<S extends Severity>(a: S, b: S): S {
  return ORDER[a] >= ORDER[b] ? a : b;
}

/** Numeric rank of a severity (ok 0 … critical 4), for sorting. */
export function severityRank(s: Severity): number {
  return ORDER[s];
}

/** The monitoring state of a severity: info is ok. */
export function stateOf(s: Severity): DeviceState {
  return s === 'info' ? 'ok' : s;
}

/** The exit status of a worst severity: the Monitoring Plugins state it is (docs/exit-status.md). */
export function exitStatusFor(worst: Severity): number {
  if (worst === 'critical') return EXIT.CRITICAL;
  if (worst === 'warning') return EXIT.WARNING;
  if (worst === 'unknown') return EXIT.UNKNOWN;
  return EXIT.OK;
}
