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

import { evaluationEndsAt, stopEvaluation } from './evaluation.ts';
import type { AgentRequest, ExchangeOutcome, Instant } from './protocol.ts';
import type { AgentAction, AgentState, AttemptRecord } from './state.ts';
import { DEFAULT_TIMERS, retryDelay } from './timers.ts';

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

const ACTION_ORDER: AgentAction[] = ['register', 'renewId', 'renewAuth'];

/** The earliest scheduled action (ties: register, renewId, renewAuth), or undefined when idle. */
export function nextDue(state: AgentState): DueAction | undefined {
  const r = state.registration;
  const candidates: Array<[AgentAction, Instant | undefined]> = [
    ['register', r.status === 'REGISTERING' ? r.nextRegistrationAt : undefined],
    ['renewId', r.status === 'REGISTERED' ? r.nextRenewalAt : undefined],
    ['renewAuth', r.status === 'REGISTERED' ? state.authorization.nextCommAt : undefined],
  ];
  let best: DueAction | undefined;
  for (const action of ACTION_ORDER) {
    const at = candidates.find(([a]) => a === action)?.[1];
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

function failureOf(outcome: ExchangeOutcome, expected: string): string | undefined {
  if (!outcome.ok) return outcome.failureReason;
  if (outcome.reply.kind === 'rejected') return outcome.reply.reason;
  if (outcome.reply.kind !== expected) return `unexpected reply ${outcome.reply.kind}`;
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
  const reason = failureOf(
    outcome,
    { register: 'registered', renewId: 'idRenewed', renewAuth: 'authorized' }[action],
  );
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
        // Authorization is requested right after registering (NTC-ALL1: 8 s later).
        authorization: { ...s.authorization, lastComm: null, nextCommAt: at, commFailures: 0 },
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
    return {
      ...s,
      registration: {
        ...s.registration,
        status: 'REGISTERING',
        statusDetail: 'REGISTRATION IN PROGRESS',
        initial: failed(at, why),
        registerFailures: n,
        nextRegistrationAt: at + retryDelay('register', n),
      },
    };
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
    const n = s.registration.renewFailures + 1;
    return {
      ...s,
      registration: {
        ...s.registration,
        lastRenewal: failed(at, reason ?? 'renewal failed'),
        renewFailures: n,
        nextRenewalAt: at + retryDelay('renew', n),
      },
    };
  }
  if (reply?.kind === 'authorized') {
    const ooc = reply.entitlements.some((g) => g.status !== 'AUTHORIZED');
    const status = ooc ? 'OUT OF COMPLIANCE' : 'AUTHORIZED';
    const since =
      s.authorization.status === status && s.authorization.since !== undefined ? s.authorization.since : at;
    return {
      ...s,
      authorization: {
        status,
        since,
        lastComm: { result: 'SUCCEEDED', at },
        nextCommAt: at + DEFAULT_TIMERS.authRenewAfter,
        lastSuccessAt: at,
        deadlineAt: at + DEFAULT_TIMERS.commDeadlineAfter,
        commFailures: 0,
        grants: reply.entitlements.map((g) => ({ ...g })),
      },
      evaluation: stopEvaluation(s.evaluation, at),
    };
  }
  const n = s.authorization.commFailures + 1;
  return {
    ...s,
    authorization: {
      ...s.authorization,
      lastComm: failed(at, reason ?? 'communication failed'),
      commFailures: n,
      nextCommAt: at + retryDelay('comm', n),
    },
  };
}
