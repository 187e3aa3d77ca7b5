// When a fix counts as proven: the device's own renewal, read from its `show license all`. Pure:
// the caller polls and passes what it read.
//
// The proof is an attempt the device made after the change: its result line (`Last Communication
// Attempt: SUCCEEDED on …`, or `Last Renewal Attempt:` for `renew id`) dated at or after the
// device's clock just before the change (to the second, as the ASA prints it), and not the
// attempt that was there before. A device whose clock has not moved since its last attempt (a
// frozen lab clock) cannot show a newer one: the renewal then stays unproven until the deadline.

import type { AttemptInfo, SmartLicenseData } from '../core/model.ts';
import { ATTEMPT_LABELS, type KnownCommand } from '../text/index.ts';
import type { Renewal } from './contract.ts';

export type RenewKind = 'auth' | 'id';

/** The command that asks for each renewal now, named in the text layer's command table. */
export const RENEW_COMMANDS: Record<RenewKind, KnownCommand> = {
  auth: 'license smart renew auth',
  id: 'license smart renew id',
};

/** The attempt a renewal of this kind leaves, and the label it is printed with. */
export function attemptOf(
  data: SmartLicenseData | undefined,
  what: RenewKind,
): AttemptInfo | null | undefined {
  return what === 'auth'
    ? data?.authorization?.lastCommunicationAttempt
    : data?.registration?.lastRenewalAttempt;
}

/** The `show license all` line each renewal leaves its result on. */
export const RENEWAL_LABELS: Record<RenewKind, string> = {
  auth: ATTEMPT_LABELS.communication,
  id: ATTEMPT_LABELS.renewal,
};

/** Where one renewal stands: `renewed`, `failed`, or `pending` (no attempt newer than the change yet). */
export interface Verdict {
  state: 'renewed' | 'failed' | 'pending';
  attempt: AttemptInfo | null;
  detail: string;
}

const sameAttempt = (a: AttemptInfo | null | undefined, b: AttemptInfo) =>
  !!a && a.result === b.result && a.at === b.at;

/**
 * One renewal's verdict from the `show license all` read after it. `before` is the attempt the
 * device showed before the change; `changedAt` the device's time just before it (epoch ms), when
 * known.
 */
export function renewalVerdict(
  what: RenewKind,
  before: AttemptInfo | null | undefined,
  changedAt: number | undefined,
  after: SmartLicenseData | undefined,
): Verdict {
  const attempt = attemptOf(after, what) ?? null;
  const label = RENEWAL_LABELS[what];
  if (!attempt?.at) return { state: 'pending', attempt, detail: `no dated ${label} yet` };
  const at = Date.parse(attempt.at);
  const since = changedAt === undefined ? undefined : Math.floor(changedAt / 1000) * 1000;
  const newer = !sameAttempt(before, attempt) && (since === undefined || at >= since);
  if (!newer) return { state: 'pending', attempt, detail: `${label} is still the one before the change` };
  const printed = `${label}: ${attempt.result} on ${attempt.at}`;
  if (attempt.result === 'SUCCEEDED') return { state: 'renewed', attempt, detail: printed };
  return {
    state: 'failed',
    attempt,
    detail: `${printed}${attempt.failureReason ? ` (${attempt.failureReason})` : ''}`,
  };
}

/** Several renewals at once: renewed when every one is, failed as soon as one fails. */
export function combinedVerdict(verdicts: Verdict[]): Verdict {
  const failed = verdicts.find((v) => v.state === 'failed');
  if (failed) return failed;
  const pending = verdicts.find((v) => v.state === 'pending');
  if (pending) return pending;
  const first = verdicts[0];
  return first ?? { state: 'pending', attempt: null, detail: 'nothing to verify' };
}

/** A verdict as the report's renewal record. */
export function renewalRecord(
  result: Renewal['result'],
  v: Verdict,
  data: SmartLicenseData | undefined,
  detail = v.detail,
): Renewal {
  return {
    result,
    attempt: v.attempt
      ? { result: v.attempt.result, at: v.attempt.at ?? null, failureReason: v.attempt.failureReason ?? null }
      : null,
    authorization: data?.authorization?.status ?? null,
    detail,
  };
}

/** How success will be verified, in words, for the plan. */
export function describeVerification(opts: {
  renew: RenewKind[];
  pollSeconds: number;
  timeoutSeconds: number;
  rollback: string[];
  write: boolean;
}): string {
  const labels = opts.renew.map((w) => RENEWAL_LABELS[w]).join(' and ');
  const undo = opts.rollback.length
    ? `otherwise (a FAILED attempt, or no answer by then) undo the change (${opts.rollback.map((l) => `\`${l}\``).join(', ')}), check the running config, renew over the restored transport and report`
    : 'otherwise report the failure (there is nothing to roll back)';
  const save = opts.write ? 'write memory only after a verified renewal' : 'nothing is saved (--no-write)';
  const is = opts.renew.length > 1 ? 'are SUCCESSes' : 'is a SUCCESS';
  return `poll show license all every ${opts.pollSeconds} s for up to ${opts.timeoutSeconds} s until ${labels} ${is} dated after the change; ${undo}; ${save}`;
}
