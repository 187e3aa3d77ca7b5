// The operator's licensing commands (`license smart register|deregister|renew`, `reload`, the
// entitlement configuration) as pure state transitions. Network effects happen later, when the
// driver runs the actions these schedule.

import { isEvaluation } from '../model.ts';
import { fallBackToEvaluation } from './evaluation.ts';
import { tick } from './machine.ts';
import type { EntitlementRequest, Instant } from './protocol.ts';
import type { AgentState } from './state.ts';
import { DEFAULT_TIMERS } from './timers.ts';

/** Whether a registration is currently in force (REGISTERED and not expired at `now`). */
export function isRegistered(state: AgentState, now: Instant): boolean {
  return tick(state, now).registration.status === 'REGISTERED';
}

/**
 * `license smart register idtoken TOKEN [force]`: REGISTERING - REGISTRATION IN PROGRESS at once,
 * the registration exchange `registerAfterCommand` later (timers.ts), so a device shows the
 * REGISTERING state until its exchange with the authority completes. On a device that is already
 * registered and without `force` the state is returned unchanged (the caller prints the ASA's
 * refusal; compare with `isRegistered`).
 */
export function register(state: AgentState, idToken: string, force: boolean, now: Instant): AgentState {
  const s = tick(state, now);
  if (s.registration.status === 'REGISTERED' && !force) return s;
  const r = s.registration;
  return {
    ...s,
    registration: {
      status: 'REGISTERING',
      statusDetail: 'REGISTRATION IN PROGRESS',
      exportControlAllowed: r.status === 'REGISTERED' ? r.exportControlAllowed : false,
      ...(r.status === 'REGISTERED' && r.certificateId ? { certificateId: r.certificateId } : {}),
      renewFailures: 0,
      registerFailures: 0,
      idToken,
      force,
      nextRegistrationAt: now + DEFAULT_TIMERS.registerAfterCommand,
    },
  };
}

/**
 * `license smart deregister`: back to UNREGISTERED + evaluation. Send `requestFor(state,
 * 'deregister')` through the transport first if the authority should hear about it.
 */
export function deregister(state: AgentState, now: Instant): AgentState {
  const s = tick(state, now);
  const wasEval = isEvaluation(s.authorization.status);
  const base: AgentState = {
    ...s,
    registration: {
      status: 'UNREGISTERED',
      exportControlAllowed: false,
      renewFailures: 0,
      registerFailures: 0,
    },
  };
  return wasEval ? base : fallBackToEvaluation(base, now);
}

/** `license smart renew id|auth`: the renewal becomes due at `now` (only while registered). */
export function renewNow(state: AgentState, what: 'id' | 'auth', now: Instant): AgentState {
  const s = tick(state, now);
  if (s.registration.status !== 'REGISTERED') return s;
  if (what === 'id') return { ...s, registration: { ...s.registration, nextRenewalAt: now } };
  return { ...s, authorization: { ...s.authorization, nextCommAt: now } };
}

/**
 * `reload`. A registration still in force survives. A registration that expired (or was lost, or
 * never completed) comes back as REGISTERING - REGISTRATION IN PROGRESS with a registration attempt
 * at boot, authorization EVAL MODE (or EVAL EXPIRED when the 90 days are used up) and
 * export-controlled functionality NOT ALLOWED: the seed's third condition.
 */
export function reload(state: AgentState, now: Instant): AgentState {
  const s = tick(state, now);
  const { coalesce: _c, ...rest } = s;
  const status = s.registration.status;
  if (status === 'REGISTERED' || status === 'UNREGISTERED') return rest;
  const registering: AgentState = {
    ...rest,
    registration: {
      status: 'REGISTERING',
      statusDetail: 'REGISTRATION IN PROGRESS',
      exportControlAllowed: false,
      renewFailures: 0,
      registerFailures: 0,
      ...(s.registration.idToken === undefined ? {} : { idToken: s.registration.idToken }),
      nextRegistrationAt: now,
    },
  };
  const inEval = isEvaluation(s.authorization.status);
  return inEval ? registering : fallBackToEvaluation(registering, now);
}

/** New entitlement configuration (`feature tier` / `throughput level`); re-authorizes at `now`. */
export function setEntitlements(
  state: AgentState,
  entitlements: EntitlementRequest[],
  now: Instant,
): AgentState {
  const s = tick(state, now);
  const next = { ...s, entitlements: entitlements.map((e) => ({ ...e })) };
  if (s.registration.status !== 'REGISTERED') return next;
  return { ...next, authorization: { ...next.authorization, nextCommAt: now } };
}
