// The Smart Agent's timers and retry policy, as ONE table of data. Cisco does not publish the
// ASA agent's timer table in any source we have (docs/ARCHITECTURE.md, "Timers"), so every value
// says where it comes from: [observed] = derived from timestamps in real outputs, [seed] = the
// seed document's samples, [assumed] = our design choice.

import { DAY, HOUR, MINUTE, SECOND, YEAR } from '../time.ts';

export interface AgentTimers {
  /** ID certificate renewal after issue. [observed] 173–189 d in NTC samples; 180 d in NTC-ALL1. */
  idRenewAfter: number;
  /** Registration (ID certificate) validity when the authority does not say. [observed] 1 year. */
  registrationValidity: number;
  /** Authorization renewal after a successful communication. [observed] 30 d (NTC-ALL1, NTC-ALL4). */
  authRenewAfter: number;
  /** Communication deadline after the last successful communication. [observed] 90 d. */
  commDeadlineAfter: number;
  /** Evaluation period. [observed] "89 days, 1 hours…" on a fresh ASAv (NTC-ALL3): 90 d. */
  evaluationPeriod: number;
  /** Communication retry after the first failure. [seed] 13:11:25 → 13:11:55; [observed] ≈29 s. */
  commRetryFirst: number;
  /** Communication retry after further failures. [seed] 06:37:55 → 07:37:55. */
  commRetryLater: number;
  /** ID renewal retry after the first failure. [seed] 07:20:08 → 07:20:38. */
  renewRetryFirst: number;
  /** ID renewal retry after further failures. [observed] ≈15.5 min (NTC-ALL2). */
  renewRetryLater: number;
  /** Registration retry after a failure. [seed] 12:59:29 → 14:00:10 (≈1 h). */
  registerRetry: number;
  /**
   * How much earlier than exactly N days after the event an expiry falls (`Registration Expires`
   * after the registration, `Communication Deadline` after the last success). [observed] the seed:
   * registered 13:09:43, expires a year later at 13:04:42 (301 s early); deadline 13:04:55, the
   * same lead after an authorization ~13 s later. NTC-ALL1: registered 16:43:48, expires 16:37:44
   * (364 s); authorized 16:43:56, deadline 16:37:54 (362 s). We take the seed's 301 s.
   */
  expiryLead: number;
  /**
   * From `license smart register idtoken …` to the registration exchange: the agent shows
   * REGISTERING - REGISTRATION IN PROGRESS meanwhile ([seed] condition 3 prints those words).
   * [assumed] 10 s: no source times it.
   */
  registerAfterCommand: number;
  /**
   * From a successful registration to the first authorization request. [observed] NTC-ALL1:
   * registered 16:43:48, authorized 16:43:56 (8 s); [seed] registered 13:09:43, and its deadline
   * 13:04:55 is an authorization at 13:09:56 (13 s) less the expiry lead. We take the seed's 13 s.
   */
  authAfterRegistration: number;
}

export const DEFAULT_TIMERS: AgentTimers = {
  idRenewAfter: 180 * DAY,
  registrationValidity: YEAR,
  authRenewAfter: 30 * DAY,
  commDeadlineAfter: 90 * DAY,
  evaluationPeriod: 90 * DAY,
  commRetryFirst: 30 * SECOND,
  commRetryLater: HOUR,
  renewRetryFirst: 30 * SECOND,
  renewRetryLater: 15 * MINUTE,
  registerRetry: HOUR,
  expiryLead: 5 * MINUTE + SECOND,
  registerAfterCommand: 10 * SECOND,
  authAfterRegistration: 13 * SECOND,
};

/** When an ID certificate issued at `issuedAt` expires (`Registration Expires`). */
export function registrationExpiry(issuedAt: number, t = DEFAULT_TIMERS): number {
  return issuedAt + t.registrationValidity - t.expiryLead;
}

/** The `Communication Deadline` after a successful communication at `successAt`. */
export function communicationDeadline(successAt: number, t = DEFAULT_TIMERS): number {
  return successAt + t.commDeadlineAfter - t.expiryLead;
}

/** When a certificate expiring at `expiresAt` was issued (registrationExpiry read backwards). */
export function issuedBeforeExpiry(expiresAt: number, t = DEFAULT_TIMERS): number {
  return expiresAt - t.registrationValidity + t.expiryLead;
}

/** The successful communication a deadline at `deadlineAt` follows (communicationDeadline backwards). */
export function successBeforeDeadline(deadlineAt: number, t = DEFAULT_TIMERS): number {
  return deadlineAt - t.commDeadlineAfter + t.expiryLead;
}

/** Delay before the next attempt after `failures` consecutive failures (failures >= 1). */
export function retryDelay(
  kind: 'comm' | 'renew' | 'register',
  failures: number,
  t = DEFAULT_TIMERS,
): number {
  if (kind === 'register') return t.registerRetry;
  if (kind === 'comm') return failures <= 1 ? t.commRetryFirst : t.commRetryLater;
  return failures <= 1 ? t.renewRetryFirst : t.renewRetryLater;
}
