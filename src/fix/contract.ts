// The `smartlic fix --json` contract, written once as zod: the committed
// schema/fix-output.schema.json (scripts/gen-schema.ts), the history's fix records and the tests'
// validation of real output come from it, and the code is typed by it. Additions are fine;
// renaming a field breaks scripts.

import { z } from 'zod';
import { DeviceSourceSchema, ProxySchema, type Severity, SeveritySchema } from '../audit/report/contract.ts';

/**
 * How a device's licensing is fixed: `callhome` (fall back to Call Home while smartreceiver is
 * blocked), `proxy` (Smart Transport through an HTTP proxy), `smart` (back to Smart Transport),
 * `renew` (renew only).
 */
export const FIX_STRATEGIES = ['callhome', 'proxy', 'smart', 'renew'] as const;
export const FixStrategySchema = z.enum(FIX_STRATEGIES);
export type FixStrategy = z.infer<typeof FixStrategySchema>;

/**
 * What became of a device. `nothing-to-do`, `planned` and `fixed` are fine; `skipped` (fix cannot
 * do what it needs), `failed` (nothing was changed), `rolled-back` and `not-applied` (declined, or
 * the device changed since the plan) are warnings; `rollback-failed` (the device may hold
 * unverified lines) is critical. A device that could not be read is `failed` and UNKNOWN.
 */
export const FIX_OUTCOMES = [
  'nothing-to-do',
  'planned',
  'fixed',
  'skipped',
  'failed',
  'rolled-back',
  'not-applied',
  'rollback-failed',
] as const;
export const FixOutcomeSchema = z.enum(FIX_OUTCOMES);
export type FixOutcome = z.infer<typeof FixOutcomeSchema>;

/** A device's licensing transport: the effective type, its proxy, and the lines that configure it. */
export const TransportStateSchema = z.object({
  /** `smart`, `callhome`, … (null when the outputs do not say). */
  type: z.string().nullable(),
  proxy: ProxySchema.nullable(),
  /** The `transport …` lines under `license smart` (empty: the release's defaults). */
  lines: z.array(z.string()),
});
export type TransportState = z.infer<typeof TransportStateSchema>;

export const FixPlanSchema = z.object({
  strategy: FixStrategySchema.nullable(),
  /** `change` lines (then renew), `renew` only, `none` needed, or `skip` (fix cannot do it). */
  action: z.enum(['change', 'renew', 'none', 'skip']),
  /** One sentence: the change, or why there is none. */
  summary: z.string(),
  /** The findings behind the decision. */
  why: z.array(z.object({ code: z.string(), severity: SeveritySchema, summary: z.string() })),
  /** The facts it rests on, each with the output it was read from. */
  evidence: z.array(z.string()),
  before: TransportStateSchema.nullable(),
  /** The transport once the change is made (null when nothing changes). */
  after: TransportStateSchema.nullable(),
  /** The configuration block the lines go under (`license smart`). */
  parents: z.array(z.string()),
  /** The exact lines typed under `parents`. */
  lines: z.array(z.string()),
  /** The line that undoes each of `lines` (same order). */
  rollback: z.array(z.string()),
  /** `license smart renew auth|id`, in order. */
  renew: z.array(z.enum(['auth', 'id'])),
  /** How success is verified, in words (null when nothing is done). */
  verify: z.string().nullable(),
  /** Advisories and cautions (CSCwr56980 with a proxy, …). */
  warnings: z.array(z.string()),
});
export type FixPlan = z.infer<typeof FixPlanSchema>;

const AttemptSchema = z.object({
  result: z.string(),
  at: z.string().nullable(),
  failureReason: z.string().nullable(),
});

/** What a renewal came to, read from `show license all`. */
export const RenewalSchema = z.object({
  /** `renewed` (a SUCCESS newer than the change), `failed`, `timeout` (deadline), `interrupted`, `refused`. */
  result: z.enum(['renewed', 'failed', 'timeout', 'interrupted', 'refused']),
  /** The attempt that decided it (last communication, or last renewal for `renew id`). */
  attempt: AttemptSchema.nullable(),
  authorization: z.string().nullable(),
  detail: z.string(),
});
export type Renewal = z.infer<typeof RenewalSchema>;

export const FixResultSchema = z.object({
  /** The device's own time just before the change (its `show clock`), when it printed one in UTC. */
  changedAt: z.string().nullable(),
  /** Lines the device accepted, in the order typed. */
  sent: z.array(z.string()),
  renewal: RenewalSchema.nullable(),
  rollback: z
    .object({
      sent: z.array(z.string()),
      /** The running config's transport lines are the ones before the change again. */
      restored: z.boolean(),
      /** The renewal over the restored transport. */
      renewal: RenewalSchema.nullable(),
      detail: z.string(),
    })
    .nullable(),
  /** `write memory` after a verified renewal: true done, false refused, null not attempted. */
  written: z.boolean().nullable(),
  /** The transport in the running config when the device was left. */
  transportAfter: TransportStateSchema.nullable(),
});
export type FixResult = z.infer<typeof FixResultSchema>;

export const FixDeviceSchema = z.object({
  device: z.string(),
  source: DeviceSourceSchema,
  outcome: FixOutcomeSchema,
  /** One line: what happened and why. */
  message: z.string(),
  /** Where reading or changing the device stopped, when it did. */
  error: z.object({ phase: z.string(), code: z.string(), message: z.string() }).nullable(),
  /** The device's own time when its state was read (its `show clock` in UTC), else null. */
  deviceTime: z.string().nullable(),
  plan: FixPlanSchema.nullable(),
  /** What applying did (null without --apply, or when nothing was applied). */
  result: FixResultSchema.nullable(),
});
export type FixDevice = z.infer<typeof FixDeviceSchema>;

export const FixReportSchema = z
  .object({
    generatedAt: z.string(),
    /** `plan` (nothing is changed) or `apply`. */
    mode: z.enum(['plan', 'apply']),
    /** The strategy asked for (`--strategy`), null when each device's is chosen from its diagnosis. */
    strategy: FixStrategySchema.nullable(),
    devices: z.array(FixDeviceSchema),
    summary: z.object({
      devices: z.number().int(),
      byOutcome: z.record(FixOutcomeSchema, z.number().int()),
    }),
  })
  .describe('smartlic fix --json');
export type FixReport = z.infer<typeof FixReportSchema>;

const OUTCOME_SEVERITY: Record<FixOutcome, Severity> = {
  'nothing-to-do': 'ok',
  planned: 'ok',
  fixed: 'ok',
  skipped: 'warning',
  failed: 'warning',
  'rolled-back': 'warning',
  'not-applied': 'warning',
  'rollback-failed': 'critical',
};

/**
 * A device's state for the exit status, in the audit's terms (docs/exit-status.md): a device that
 * could not be read is UNKNOWN (a changed or revoked host key: critical), a fixed one whose
 * change was not saved a warning.
 */
export function fixSeverity(d: Pick<FixDevice, 'outcome' | 'error' | 'result'>): Severity {
  if (d.error) return d.error.phase === 'hostkey' ? 'critical' : 'unknown';
  if (d.outcome === 'fixed' && d.result?.written === false) return 'warning';
  return OUTCOME_SEVERITY[d.outcome];
}
