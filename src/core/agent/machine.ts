// The agent state machine: what is due next, time-only transitions, the request for an action and
// the effect of its outcome. Pure: time comes in as an argument, the network as an outcome value.
//
// Model notes (see timers.ts for the numbers and where they come from):
// - AUTH EXPIRED is noticed at the first communication attempt at or after the communication
//   deadline (the seed's second condition prints "AUTH EXPIRED on T" with "Last Communication
//   Attempt: FAILED on T"); with no attempt scheduled after the deadline, at the deadline itself.
// - When the ID certificate expires the registration becomes REGISTRATION EXPIRED and the agent
//   stops talking to the authority; authorization stays as it was (AUTH EXPIRED in practice) and
//   export-controlled functionality stays ALLOWED until a reload (seed: "If a device is rebooted
//   after one year…"). Recovery needs `license smart register idtoken … force`. [assumed]
// - A rejected registration (bad or expired token) is not retried; an unreachable authority is
//   retried hourly. A rejected renewal is retried like an unreachable one. [assumed]
// - The date after the authorization status (`AUTHORIZED on T`, `AUTH EXPIRED on T`) is the last
//   communication attempt's, whatever its result: [seed] conditions 1 and 2 print it equal to
//   `Last Communication Attempt: FAILED on T`, and the 2018 capture (corpus ntc-templates 1) equal
//   to `SUCCESS on T`. It is not "authorized since": after a year of renewals it is the last one's.
//   Only an attempt moves it; a transition without one (the deadline noticed with no attempt
//   scheduled, the certificate expiring) dates it at the transition.

import { isEvaluation } from '../model.ts';
import { evaluationEndsAt, stopEvaluation } from './evaluation.ts';
import type { AgentRequest, ExchangeOutcome, Instant } from './protocol.ts';
import type { AgentAction, AgentState, AttemptRecord } from './state.ts';
import { communicationDeadline, DEFAULT_TIMERS, retryDelay } from './timers.ts';

/** The next thing the agent will do on its own, and when. */
export interface DueAction {
  at: Instant;
  action: AgentAction;
}

/** Identity details the agent sends when registering (not part of the licensing state proper). */
export interface RequestContext {
  hostname?: string;
  softwareVersion?: string;
}

/** The order of actions due at the same instant (an action's rank is its index here). */
export const ACTION_ORDER: readonly AgentAction[] = ['register', 'renewId', 'renewAuth'];

/** When `action` is next scheduled, or undefined when it is not (e.g. renewals while unregistered). */
export function scheduledAt(state: AgentState, action: AgentAction): Instant | undefined {
  const r = state.registration;
  if (action === 'register') return r.status === 'REGISTERING' ? r.nextRegistrationAt : undefined;
  if (r.status !== 'REGISTERED') return undefined;
  return action === 'renewId' ? r.nextRenewalAt : state.authorization.nextCommAt;
}

/** The earliest scheduled action (ties: register, renewId, renewAuth), or undefined when idle. */
export function nextDue(state: AgentState): DueAction | undefined {
  let best: DueAction | undefined;
  for (const action of ACTION_ORDER) {
    const at = scheduledAt(state, action);
    if (at !== undefined && (best === undefined || at < best.at)) best = { at, action };
  }
  return best;
}

/** When the communication deadline passing will be noticed (see model notes). */
function authExpiryNoticeAt(state: AgentState): Instant | undefined {
  const a = state.authorization;
  if (a.status !== 'AUTHORIZED' && a.status !== 'OUT OF COMPLIANCE') return undefined;
  if (a.deadlineAt === undefined) return undefined;
  if (
    state.registration.status === 'REGISTERED' &&
    a.nextCommAt !== undefined &&
    a.nextCommAt >= a.deadlineAt
  ) {
    return a.nextCommAt;
  }
  return a.deadlineAt;
}

type Transition = 'authExpired' | 'registrationExpired' | 'evaluationExpired';

function pendingTransitions(state: AgentState): Array<[Transition, Instant]> {
  const out: Array<[Transition, Instant]> = [];
  const notice = authExpiryNoticeAt(state);
  if (notice !== undefined) out.push(['authExpired', notice]);
  const r = state.registration;
  if (r.status === 'REGISTERED' && r.expiresAt !== undefined) out.push(['registrationExpired', r.expiresAt]);
  if (state.authorization.status === 'EVAL MODE') {
    const end = evaluationEndsAt(state.evaluation);
    if (end !== undefined) out.push(['evaluationExpired', end]);
  }
  return out.sort((x, y) => x[1] - y[1]);
}

/** The next time-only transition (deadline noticed, certificate expiry, evaluation end). */
export function nextTransitionAt(state: AgentState): Instant | undefined {
  return pendingTransitions(state)[0]?.[1];
}

/**
 * A place in the order the driver handles attempts in: by time, then by rank (the action's index in
 * ACTION_ORDER; -1 is before every action at that instant, ACTION_ORDER.length after all of them).
 */
export interface EventKey {
  at: Instant;
  rank: number;
}

/**
 * Where attempts stop being quiet: the earliest event at which `tick` (run by the driver before
 * each attempt) would apply a time-only transition, with every action attempted at its own times.
 * `renewAuthAt(from, strict)` gives the first authorization attempt at or after `from` (after, when
 * `strict`), or undefined; the driver knows that series, this module only knows the rule.
 *
 * The rule is `tick`'s: a tick to `t` applies a transition due at or before `t`, and only when `t`
 * is after `asOf` (a state already brought past a transition's time without applying it, as a
 * snapshot read long after it was printed is, applies it at its first tick beyond `asOf`). The
 * deadline passing is noticed at the first authorization attempt at or after it, so while such
 * attempts are scheduled the stop is that attempt's instant, before any other action then.
 */
export function transitionStops(
  state: AgentState,
  renewAuthAt: (from: Instant, strict: boolean) => Instant | undefined,
): EventKey[] {
  const asOf = state.asOf;
  const at = (x: Instant): EventKey =>
    x > asOf ? { at: x, rank: -1 } : { at: asOf, rank: ACTION_ORDER.length };
  const out: EventKey[] = [];
  const r = state.registration;
  const a = state.authorization;
  if (r.status === 'REGISTERED' && r.expiresAt !== undefined) out.push(at(r.expiresAt));
  if (a.status === 'EVAL MODE') {
    const end = evaluationEndsAt(state.evaluation);
    if (end !== undefined) out.push(at(end));
  }
  if ((a.status === 'AUTHORIZED' || a.status === 'OUT OF COMPLIANCE') && a.deadlineAt !== undefined) {
    if (scheduledAt(state, 'renewAuth') === undefined) out.push(at(a.deadlineAt));
    else {
      const first = a.deadlineAt > asOf ? renewAuthAt(a.deadlineAt, false) : renewAuthAt(asOf, true);
      if (first !== undefined) out.push({ at: first, rank: -1 });
    }
  }
  return out;
}

function applyTransition(state: AgentState, kind: Transition, at: Instant): AgentState {
  switch (kind) {
    case 'authExpired':
      return { ...state, authorization: { ...state.authorization, status: 'AUTH EXPIRED', since: at } };
    case 'registrationExpired': {
      const { nextRenewalAt: _r, ...registration } = state.registration;
      const { nextCommAt: _c, ...authorization } = state.authorization;
      const expired = authorization.status === 'AUTHORIZED' || authorization.status === 'OUT OF COMPLIANCE';
      return {
        ...state,
        registration: { ...registration, status: 'REGISTRATION EXPIRED' },
        authorization: expired ? { ...authorization, status: 'AUTH EXPIRED', since: at } : authorization,
      };
    }
    case 'evaluationExpired':
      return {
        ...state,
        authorization: { ...state.authorization, status: 'EVAL EXPIRED', since: at },
        evaluation: { ...stopEvaluation(state.evaluation, at), expiredAt: at },
      };
  }
}

/**
 * Applies every time-only transition up to `now`, in time order. Never moves backwards: a `now`
 * at or before `state.asOf` returns the state unchanged.
 */
export function tick(state: AgentState, now: Instant): AgentState {
  if (now <= state.asOf) return state;
  let s = state;
  for (let guard = 0; guard < 8; guard++) {
    const next = pendingTransitions(s)[0];
    if (!next || next[1] > now) break;
    s = applyTransition(s, next[0], next[1]);
  }
  return { ...s, asOf: now };
}

/** The message for an action (or `deregister`), built from the state. */
export function requestFor(
  state: AgentState,
  action: AgentAction | 'deregister',
  ctx: RequestContext = {},
): AgentRequest {
  const udi = { ...state.udi };
  const certificateId = state.registration.certificateId ?? '';
  const entitlements = state.entitlements.map((e) => ({ ...e }));
  switch (action) {
    case 'register': {
      const hostname = ctx.hostname ?? state.hostname;
      const softwareVersion = ctx.softwareVersion ?? state.softwareVersion;
      return {
        kind: 'register',
        idToken: state.registration.idToken ?? '',
        force: state.registration.force ?? false,
        udi,
        ...(hostname === undefined ? {} : { hostname }),
        ...(softwareVersion === undefined ? {} : { softwareVersion }),
        entitlements,
      };
    }
    case 'renewId':
      return { kind: 'renewId', udi, certificateId };
    case 'renewAuth':
      return { kind: 'renewAuth', udi, certificateId, entitlements };
    case 'deregister':
      return { kind: 'deregister', udi, certificateId };
  }
}

const EXPECTED_REPLY = { register: 'registered', renewId: 'idRenewed', renewAuth: 'authorized' } as const;

/** Why `outcome` counts as a failure of `action` (unreachable, refused, unexpected), if it does. */
export function failureOf(action: AgentAction, outcome: ExchangeOutcome): string | undefined {
  if (!outcome.ok) return outcome.failureReason;
  if (outcome.reply.kind === 'rejected') return outcome.reply.reason;
  if (outcome.reply.kind !== EXPECTED_REPLY[action]) return `unexpected reply ${outcome.reply.kind}`;
  return undefined;
}

const failed = (at: Instant, failureReason: string): AttemptRecord => ({
  result: 'FAILED',
  at,
  failureReason,
});

/** The state after `action` performed at `at` ended with `outcome`. */
export function applyOutcome(
  state: AgentState,
  action: AgentAction,
  outcome: ExchangeOutcome,
  at: Instant,
): AgentState {
  const s = tick(state, at);
  const reason = failureOf(action, outcome);
  const reply = outcome.ok ? outcome.reply : undefined;
  if (action === 'register') {
    if (reply?.kind === 'registered') {
      const { idToken, force: _f, nextRegistrationAt: _n, statusDetail: _d, ...keep } = s.registration;
      return {
        ...s,
        registration: {
          ...keep,
          ...(idToken === undefined ? {} : { idToken }),
          status: 'REGISTERED',
          smartAccount: reply.smartAccount,
          virtualAccount: reply.virtualAccount,
          exportControlAllowed: reply.exportControlAllowed,
          certificateId: reply.certificateId,
          issuedAt: reply.issuedAt,
          expiresAt: reply.expiresAt,
          initial: { result: 'SUCCEEDED', at },
          lastRenewal: null,
          nextRenewalAt: Math.max(at, reply.issuedAt) + DEFAULT_TIMERS.idRenewAfter,
          renewFailures: 0,
          registerFailures: 0,
        },
        // Authorization is requested seconds after registering (timers.ts).
        authorization: {
          ...s.authorization,
          lastComm: null,
          nextCommAt: at + DEFAULT_TIMERS.authAfterRegistration,
          commFailures: 0,
        },
      };
    }
    const why = reason ?? 'registration failed';
    const n = s.registration.registerFailures + 1;
    if (reply?.kind === 'rejected') {
      const { idToken: _t, nextRegistrationAt: _n, statusDetail: _d, ...keep } = s.registration;
      return {
        ...s,
        registration: { ...keep, status: 'UNREGISTERED', initial: failed(at, why), registerFailures: n },
      };
    }
    return failedAttempt(s, 'register', why, at, n);
  }
  if (action === 'renewId') {
    if (reply?.kind === 'idRenewed') {
      return {
        ...s,
        registration: {
          ...s.registration,
          certificateId: reply.certificateId,
          issuedAt: reply.issuedAt,
          expiresAt: reply.expiresAt,
          lastRenewal: { result: 'SUCCEEDED', at },
          nextRenewalAt: Math.max(at, reply.issuedAt) + DEFAULT_TIMERS.idRenewAfter,
          renewFailures: 0,
        },
      };
    }
    return failedAttempt(s, 'renewId', reason ?? 'renewal failed', at, s.registration.renewFailures + 1);
  }
  if (reply?.kind === 'authorized') {
    const ooc = reply.entitlements.some((g) => g.status !== 'AUTHORIZED');
    return {
      ...s,
      authorization: {
        status: ooc ? 'OUT OF COMPLIANCE' : 'AUTHORIZED',
        // The status date is the last communication attempt's (see the model notes).
        since: at,
        lastComm: { result: 'SUCCEEDED', at },
        nextCommAt: at + DEFAULT_TIMERS.authRenewAfter,
        lastSuccessAt: at,
        deadlineAt: communicationDeadline(at),
        commFailures: 0,
        grants: reply.entitlements.map((g) => ({ ...g })),
      },
      evaluation: stopEvaluation(s.evaluation, at),
    };
  }
  return failedAttempt(
    s,
    'renewAuth',
    reason ?? 'communication failed',
    at,
    s.authorization.commFailures + 1,
  );
}

/** Which retry schedule (timers.ts) each action follows after a failure. */
export const RETRY_KIND = { register: 'register', renewId: 'renew', renewAuth: 'comm' } as const;

/**
 * The record of a failed attempt of `action` at `at` that makes `failures` consecutive failures,
 * with the next attempt after the retry delay. Time-only transitions are the caller's (`tick`):
 * applyOutcome ticks first; the driver's collapse of identical retries has checked none is due.
 */
export function failedAttempt(
  state: AgentState,
  action: AgentAction,
  reason: string,
  at: Instant,
  failures: number,
): AgentState {
  const next = at + retryDelay(RETRY_KIND[action], failures);
  if (action === 'register')
    return {
      ...state,
      registration: {
        ...state.registration,
        status: 'REGISTERING',
        statusDetail: 'REGISTRATION IN PROGRESS',
        initial: failed(at, reason),
        registerFailures: failures,
        nextRegistrationAt: next,
      },
    };
  if (action === 'renewId')
    return {
      ...state,
      registration: {
        ...state.registration,
        lastRenewal: failed(at, reason),
        renewFailures: failures,
        nextRenewalAt: next,
      },
    };
  const a = state.authorization;
  return {
    ...state,
    authorization: {
      ...a,
      // The status date moves with every communication attempt, failed ones too (model notes).
      ...(isEvaluation(a.status) ? {} : { since: at }),
      lastComm: failed(at, reason),
      commFailures: failures,
      nextCommAt: next,
    },
  };
}
