// Which licensing dates are believable. A date before 2015 or from 2100 on in a Smart Licensing
// state is not something a working device prints: it is a device clock set wrong (a battery-less
// box booting in 1900, a clock typed as 2100) or a damaged capture. The bounds are ours (issue 10),
// not Cisco's: Smart Licensing on the ASA is younger than 2015, and 2100 is far beyond any
// certificate or deadline a device could hold today. Such dates are still computed with (every
// gap costs the same, drive.ts); this rule lets the diagnosis say they should not be trusted.

import type { Instant } from './protocol.ts';
import type { AgentState } from './state.ts';

/** The first plausible instant: 2015-01-01T00:00:00Z. */
export const PLAUSIBLE_FROM = Date.UTC(2015, 0, 1);
/** The first implausible instant after it: 2100-01-01T00:00:00Z. */
export const PLAUSIBLE_UNTIL = Date.UTC(2100, 0, 1);

export function isPlausibleDate(at: Instant): boolean {
  return at >= PLAUSIBLE_FROM && at < PLAUSIBLE_UNTIL;
}

/** One date of a state that is out of range, named for a sentence ("registration expiry"). */
export interface ImplausibleDate {
  what: string;
  at: Instant;
}

/**
 * The dates of `state` (those the device printed or that follow from them) outside the plausible
 * range, and `judgedAt` when it is (the time the state is evaluated at: `--now`, a device clock).
 * Without a state (no licensing output) only `judgedAt` is checked.
 */
export function implausibleDates(state: AgentState | undefined, judgedAt?: Instant): ImplausibleDate[] {
  const r = state?.registration;
  const a = state?.authorization;
  const dates: [string, Instant | undefined][] = [
    ['initial registration', r?.initial?.at],
    ['last renewal attempt', r?.lastRenewal?.at],
    ['next renewal attempt', r?.nextRenewalAt],
    ['next registration attempt', r?.nextRegistrationAt],
    ['registration expiry', r?.expiresAt],
    ['authorization status date', a?.since],
    ['last communication attempt', a?.lastComm?.at],
    ['next communication attempt', a?.nextCommAt],
    ['communication deadline', a?.deadlineAt],
    ['evaluation expiry', state?.evaluation.expiredAt],
    ['the time it is judged at', judgedAt],
  ];
  return dates
    .filter((d): d is [string, Instant] => d[1] !== undefined && !isPlausibleDate(d[1]))
    .map(([what, at]) => ({ what, at }));
}
