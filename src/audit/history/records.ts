// What the history holds, in the three forms it takes: an audit report going in, a table row, and
// a line of the JSON-lines export (`smartlic history --export`, read back by `--import`). The
// export is one header line, then each audit as an `audit` line followed by its `device` lines,
// so a reader holds one line at a time. Fixes (`smartlic fix`, planned and applied) are `fix`
// lines, after the audits.

import { z } from 'zod';
import type { FixReport } from '../../fix/contract.ts';
import {
  type AuditReport,
  DeviceSourceSchema,
  type Facts,
  FactsSchema,
  type Severity,
  SeveritySchema,
} from '../report/contract.ts';
import type { SqlRow, SqlValue } from './sql.ts';

/** The first line of an export: what it is and its format version. */
export const EXPORT_HEADER = { kind: 'smartlic-history', format: 1 } as const;

/** One recorded audit. */
export interface AuditRecord {
  id: number;
  /** Unique across stores: an import skips an audit whose uid is already there. */
  uid: string;
  generatedAt: string;
  now: string;
  /** The machine that recorded it (stores older than collector names: the machine they are on). */
  collector: string;
  devices: number;
  worst: Severity;
}

/** One device in one recorded audit. */
export interface DeviceRecord {
  auditId: number;
  /** Position in its audit (two devices of one name are two positions). */
  seq: number;
  device: string;
  source: z.infer<typeof DeviceSourceSchema> | null;
  now: string;
  ok: boolean;
  worst: Severity;
  transport: string | null;
  registration: string | null;
  authorization: string | null;
  communicationDeadline: string | null;
  registrationExpires: string | null;
  daysToDeadline: number | null;
  daysToRegistrationExpiry: number | null;
  codes: string[];
  facts: Facts;
}

/** One device in one recorded audit as `smartlic history` reads it. */
export type HistoryEntry = Omit<DeviceRecord, 'seq' | 'source'> & {
  collector: string;
  /** 1 for the first device of this name in its audit, 2 for a second one, … */
  occurrence: number;
};

// ---- report -> records -------------------------------------------------------------------------

/** The device records of one audit report, in report order. */
export function deviceRecords(report: AuditReport): Omit<DeviceRecord, 'auditId'>[] {
  return report.devices.map((d, i) => ({
    seq: i + 1,
    device: d.device,
    source: d.source,
    now: report.now,
    ok: d.ok,
    worst: d.worst,
    transport: d.facts.transport?.type ?? null,
    registration: d.facts.registration,
    authorization: d.facts.authorization,
    communicationDeadline: d.facts.communicationDeadline,
    registrationExpires: d.facts.registrationExpires,
    daysToDeadline: d.facts.daysToDeadline,
    daysToRegistrationExpiry: d.facts.daysToRegistrationExpiry,
    codes: d.findings.map((f) => f.code),
    facts: d.facts,
  }));
}

/** One device of one `smartlic fix` run: planned, or applied and verified (or rolled back). */
export interface FixRecord {
  id: number;
  /** Unique across stores: an import skips a fix whose uid is already there. */
  uid: string;
  /** The run it belongs to (one uid per `smartlic fix`). */
  runUid: string;
  /** When the run reported (ISO-8601 UTC). */
  at: string;
  collector: string;
  mode: 'plan' | 'apply';
  device: string;
  /** The device's own time when it was read, when it printed a UTC clock. */
  deviceTime: string | null;
  strategy: string | null;
  /** `change`, `renew`, `none`, `skip`; null when the device could not be read. */
  action: string | null;
  /** The fix outcome (`planned`, `fixed`, `rolled-back`, …). */
  outcome: string;
  transportBefore: string | null;
  /** The transport the plan moves to (null when it changes none). */
  transportPlanned: string | null;
  /** The transport the device was left on, when the fix was applied. */
  transportAfter: string | null;
  /** The renewal's result (`renewed`, `failed`, `timeout`, …), null when none was attempted. */
  verification: string | null;
  /** `write memory` after the verified renewal; null when not attempted. */
  written: boolean | null;
  message: string;
  /** The device as `smartlic fix --json` printed it (a newer smartlic's fields kept as they are). */
  detail: Record<string, unknown>;
}

/** The fix records of one run, in report order. */
export function fixRecords(
  report: FixReport,
  ctx: { collector: string; runUid: string; uid: () => string },
): Omit<FixRecord, 'id'>[] {
  return report.devices.map((d) => ({
    uid: ctx.uid(),
    runUid: ctx.runUid,
    at: report.generatedAt,
    collector: ctx.collector,
    mode: report.mode,
    device: d.device,
    deviceTime: d.deviceTime,
    strategy: d.plan?.strategy ?? null,
    action: d.plan?.action ?? null,
    outcome: d.outcome,
    transportBefore: d.plan?.before?.type ?? null,
    transportPlanned: d.plan?.after?.type ?? null,
    transportAfter: d.result?.transportAfter?.type ?? null,
    verification: d.result?.renewal?.result ?? null,
    written: d.result?.written ?? null,
    message: d.message,
    detail: d,
  }));
}

// ---- records <-> rows --------------------------------------------------------------------------

export const AUDIT_COLUMNS = ['uid', 'generated_at', 'now', 'devices', 'worst', 'collector'] as const;

export const DEVICE_COLUMNS = [
  'audit_id',
  'seq',
  'device',
  'source',
  'now',
  'ok',
  'worst',
  'transport',
  'registration',
  '"authorization"',
  'communication_deadline',
  'registration_expires',
  'days_to_deadline',
  'days_to_registration_expiry',
  'codes',
  'facts',
] as const;

/**
 * Text as both back ends can store it: PostgreSQL's text cannot hold NUL, so a NUL from a hostile
 * device becomes U+FFFD on both (the same history either way). JSON columns are safe as they are:
 * JSON.stringify escapes NUL.
 */
export function storableText<T extends string | null>(s: T): T {
  return (s?.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s) as T;
}

/**
 * A time as both back ends store it: ISO-8601 UTC with milliseconds (what PostgreSQL's timestamptz
 * reads back as), null for a text that is no time or outside years 1-9999 (the facts JSON keeps
 * whatever the device printed).
 */
export function storableTime(s: string | null): string | null {
  if (s === null) return null;
  const t = Date.parse(s);
  if (Number.isNaN(t)) return null;
  const iso = new Date(t).toISOString();
  return /^\d{4}-/.test(iso) && !iso.startsWith('0000') ? iso : null;
}

export function auditValues(a: Omit<AuditRecord, 'id'>): SqlValue[] {
  return [
    a.uid,
    storableTime(a.generatedAt),
    storableTime(a.now),
    a.devices,
    a.worst,
    storableText(a.collector),
  ];
}

export function deviceValues(d: DeviceRecord): SqlValue[] {
  return [
    d.auditId,
    d.seq,
    storableText(d.device),
    d.source ? JSON.stringify(d.source) : null,
    storableTime(d.now),
    d.ok,
    d.worst,
    storableText(d.transport),
    storableText(d.registration),
    storableText(d.authorization),
    storableTime(d.communicationDeadline),
    storableTime(d.registrationExpires),
    d.daysToDeadline,
    d.daysToRegistrationExpiry,
    JSON.stringify(d.codes),
    JSON.stringify(d.facts),
  ];
}

export const FIX_COLUMNS = [
  'uid',
  'run_uid',
  'at',
  'collector',
  'mode',
  'device',
  'device_time',
  'strategy',
  'action',
  'outcome',
  'transport_before',
  'transport_planned',
  'transport_after',
  'verification',
  'written',
  'message',
  'detail',
] as const;

export function fixValues(f: Omit<FixRecord, 'id'>): SqlValue[] {
  return [
    f.uid,
    f.runUid,
    storableTime(f.at),
    storableText(f.collector),
    f.mode,
    storableText(f.device),
    storableTime(f.deviceTime),
    storableText(f.strategy),
    f.action,
    f.outcome,
    storableText(f.transportBefore),
    storableText(f.transportPlanned),
    storableText(f.transportAfter),
    f.verification,
    f.written,
    storableText(f.message),
    JSON.stringify(f.detail),
  ];
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
/** A stored time read back in the one form both back ends give. */
const time = (v: unknown) => (v === null || v === undefined ? null : (storableTime(String(v)) ?? String(v)));

export function auditFromRow(r: SqlRow): AuditRecord {
  return {
    id: Number(r.id),
    uid: String(r.uid),
    generatedAt: String(time(r.generated_at)),
    now: String(time(r.now)),
    collector: String(r.collector),
    devices: Number(r.devices),
    worst: r.worst as Severity,
  };
}

export function deviceFromRow(r: SqlRow): DeviceRecord {
  return {
    auditId: Number(r.audit_id),
    seq: Number(r.seq),
    device: String(r.device),
    source: r.source === null || r.source === undefined ? null : JSON.parse(String(r.source)),
    now: String(time(r.now)),
    // SQLite gives 1/0, PostgreSQL a boolean.
    ok: r.ok === true || r.ok === 1,
    worst: r.worst as Severity,
    transport: str(r.transport),
    registration: str(r.registration),
    authorization: str(r.authorization),
    communicationDeadline: time(r.communication_deadline),
    registrationExpires: time(r.registration_expires),
    daysToDeadline: num(r.days_to_deadline),
    daysToRegistrationExpiry: num(r.days_to_registration_expiry),
    codes: JSON.parse(String(r.codes)) as string[],
    facts: JSON.parse(String(r.facts)) as Facts,
  };
}

export function fixFromRow(r: SqlRow): FixRecord {
  return {
    id: Number(r.id),
    uid: String(r.uid),
    runUid: String(r.run_uid),
    at: String(time(r.at)),
    collector: String(r.collector),
    mode: r.mode === 'apply' ? 'apply' : 'plan',
    device: String(r.device),
    deviceTime: time(r.device_time),
    strategy: str(r.strategy),
    action: str(r.action),
    outcome: String(r.outcome),
    transportBefore: str(r.transport_before),
    transportPlanned: str(r.transport_planned),
    transportAfter: str(r.transport_after),
    verification: str(r.verification),
    // SQLite gives 1/0, PostgreSQL a boolean.
    written: r.written === null || r.written === undefined ? null : r.written === true || r.written === 1,
    message: String(r.message),
    detail: JSON.parse(String(r.detail)) as Record<string, unknown>,
  };
}

export function entryFromRow(r: SqlRow): HistoryEntry {
  const { seq: _seq, source: _source, device, now, auditId, ...state } = deviceFromRow(r);
  // Fields in the order `smartlic history --json` prints them.
  return { device, now, auditId, collector: String(r.collector), occurrence: Number(r.occurrence), ...state };
}

// ---- records <-> export lines ------------------------------------------------------------------

export function auditLine(a: AuditRecord): string {
  return JSON.stringify({ kind: 'audit', ...a });
}

export function deviceLine(d: DeviceRecord): string {
  const { auditId, ...rest } = d;
  return JSON.stringify({ kind: 'device', audit: auditId, ...rest });
}

export function fixLine(f: FixRecord): string {
  const { id: _id, ...rest } = f;
  return JSON.stringify({ kind: 'fix', ...rest });
}

const isoTime = z.string().refine((s) => storableTime(s) !== null, 'an ISO-8601 time');
const text = z.string().max(4096).nullable();
// Whole days: a deadline centuries away is still far below these bounds, which the integer
// columns of both back ends hold.
const days = z.number().int().min(-1e8).max(1e8).nullable();

export const HeaderLineSchema = z.object({
  kind: z.literal(EXPORT_HEADER.kind),
  format: z.literal(EXPORT_HEADER.format),
});

export const AuditLineSchema = z.object({
  kind: z.literal('audit'),
  id: z.number().int(),
  uid: z.string().min(1).max(200),
  generatedAt: isoTime,
  now: isoTime,
  collector: z.string().min(1).max(128),
  devices: z.number().int().min(0),
  worst: SeveritySchema,
});

export const DeviceLineSchema = z.object({
  kind: z.literal('device'),
  audit: z.number().int(),
  seq: z.number().int().min(1),
  device: z.string().min(1).max(1024),
  source: DeviceSourceSchema.nullable(),
  now: isoTime,
  ok: z.boolean(),
  worst: SeveritySchema,
  transport: text,
  registration: text,
  authorization: text,
  communicationDeadline: text,
  registrationExpires: text,
  daysToDeadline: days,
  daysToRegistrationExpiry: days,
  codes: z.array(z.string().max(200)).max(1000),
  facts: FactsSchema,
});

export const FixLineSchema = z.object({
  kind: z.literal('fix'),
  uid: z.string().min(1).max(200),
  runUid: z.string().min(1).max(200),
  at: isoTime,
  collector: z.string().min(1).max(128),
  mode: z.enum(['plan', 'apply']),
  device: z.string().min(1).max(1024),
  deviceTime: isoTime.nullable(),
  strategy: text,
  action: text,
  outcome: z.string().min(1).max(64),
  transportBefore: text,
  transportPlanned: text,
  transportAfter: text,
  verification: text,
  written: z.boolean().nullable(),
  message: z.string().max(65536),
  detail: z.record(z.string(), z.unknown()),
});

/** The first problem zod found, as one short phrase (`facts.name: expected string`). */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
