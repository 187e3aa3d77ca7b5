// The `smartlic history --json` contract, written once as zod: the committed
// schema/history-output.schema.json (scripts/gen-schema.ts) and the tests' validation of real
// output come from it, and the command's output is typed by it. Additions are fine; renaming a
// field breaks scripts.

import { z } from 'zod';
import { SeveritySchema } from '../report/contract.ts';

const days = z.number().int().nullable();

/** One device in one recorded audit, and what changed since the audit of it before. */
export const HistoryMovementSchema = z.object({
  device: z.string(),
  /** The audit's evaluation time (ISO-8601 UTC). */
  now: z.string(),
  auditId: z.number().int(),
  /** The machine that recorded the audit (`--collector`, default its host name). */
  collector: z.string(),
  /** 1 for the first device of this name in its audit, 2 for a second one (two sites' fw1), … */
  occurrence: z.number().int(),
  worst: SeveritySchema,
  /** The licensing transport the device used (`smart`, `callhome`, …), null when unknown. */
  transport: z.string().nullable(),
  registration: z.string().nullable(),
  authorization: z.string().nullable(),
  communicationDeadline: z.string().nullable(),
  registrationExpires: z.string().nullable(),
  daysToDeadline: days,
  daysToRegistrationExpiry: days,
  /** Sentences for what changed since the previous audit of this device; empty for the first. */
  changes: z.array(z.string()),
});
export type HistoryMovement = z.infer<typeof HistoryMovementSchema>;

/** One device in one recorded `smartlic fix` run. */
export const HistoryFixSchema = z.object({
  /** When the run reported (ISO-8601 UTC). */
  at: z.string(),
  collector: z.string(),
  /** `plan` (nothing changed) or `apply`. */
  mode: z.enum(['plan', 'apply']),
  /** The device's own time when it was read, when it printed a UTC clock. */
  deviceTime: z.string().nullable(),
  strategy: z.string().nullable(),
  action: z.string().nullable(),
  /** `planned`, `fixed`, `rolled-back`, `nothing-to-do`, … (src/fix/contract.ts). */
  outcome: z.string(),
  transportBefore: z.string().nullable(),
  transportPlanned: z.string().nullable(),
  transportAfter: z.string().nullable(),
  /** How the renewal went (`renewed`, `failed`, `timeout`, …), null when none was attempted. */
  verification: z.string().nullable(),
  written: z.boolean().nullable(),
  message: z.string(),
});
export type HistoryFix = z.infer<typeof HistoryFixSchema>;

export const HistoryOutputSchema = z
  .object({
    /** The history store read (a PostgreSQL URL without its password). */
    db: z.string(),
    /** Per device, its audits oldest first. */
    devices: z.record(z.string(), z.array(HistoryMovementSchema)),
    /** Per device, its planned and applied fixes (`smartlic fix`) oldest first. */
    fixes: z.record(z.string(), z.array(HistoryFixSchema)),
  })
  .describe('smartlic history [DEVICE] --json');
export type HistoryOutput = z.infer<typeof HistoryOutputSchema>;
