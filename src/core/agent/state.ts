// The Smart Licensing agent's state: one plain JSON-able object, so the emulator can persist it,
// the lab can show it and tests can compare it. Every transition in machine.ts/commands.ts returns
// a new object; nothing here is mutated in place.

import type { AuthorizationStatusWord, RegistrationStatusWord } from '../model.ts';
import type { EntitlementGrant, EntitlementRequest, Instant, Udi } from './protocol.ts';

/** One attempt the agent remembers, as it prints it ("FAILED on … / Failure reason: …"). */
export interface AttemptRecord {
  result: 'SUCCEEDED' | 'FAILED';
  at: Instant;
  failureReason?: string;
}

/** The actions the agent performs against the License Authority on its own schedule. */
export type AgentAction = 'register' | 'renewId' | 'renewAuth';

export interface RegistrationState {
  status: RegistrationStatusWord;
  /** Printed after ` - `, e.g. `REGISTRATION IN PROGRESS` while REGISTERING. */
  statusDetail?: string;
  smartAccount?: string;
  virtualAccount?: string;
  exportControlAllowed: boolean;
  /** The ID certificate the authority issued (absent when not registered). */
  certificateId?: string;
  issuedAt?: Instant;
  expiresAt?: Instant;
  initial?: AttemptRecord;
  /** `null` = registered and never renewed ("Last Renewal Attempt: None"). */
  lastRenewal?: AttemptRecord | null;
  nextRenewalAt?: Instant;
  nextRegistrationAt?: Instant;
  /** Consecutive failures of the current renewal / registration cycle (drives the retry delay). */
  renewFailures: number;
  registerFailures: number;
  /**
   * SECRET: the ID token of the last `license smart register`, kept so the agent can retry after a
   * reload (the seed's third condition). Never rendered, logged or reported.
   */
  idToken?: string;
  force?: boolean;
}

export interface AuthorizationState {
  status: AuthorizationStatusWord;
  since?: Instant;
  /** `null` = never communicated since registration ("None"). */
  lastComm?: AttemptRecord | null;
  nextCommAt?: Instant;
  /** Last SUCCESSFUL communication: the deadline is this + 90 days. */
  lastSuccessAt?: Instant;
  /** The communication deadline (kept explicitly: a snapshot may carry the authority's own value). */
  deadlineAt?: Instant;
  commFailures: number;
  grants: EntitlementGrant[];
}

export interface EvaluationState {
  /** Evaluation time already consumed (ms) before `runningSince`. */
  usedMs: number;
  /** Set while the evaluation clock runs (authorization EVAL MODE). */
  runningSince?: Instant;
  expiredAt?: Instant;
}

/** Everything the agent knows; plain JSON. */
export interface AgentState {
  v: 1;
  udi: Udi;
  hostname?: string;
  softwareVersion?: string;
  /** The entitlements configured (`feature tier` / `throughput level` → e.g. ASAv-STD-1G). */
  entitlements: EntitlementRequest[];
  registration: RegistrationState;
  authorization: AuthorizationState;
  evaluation: EvaluationState;
  /** Last time the state was brought up to date by `tick` (never moves backwards). */
  asOf: Instant;
  /**
   * Remembered transport failures for coalescing (drive.ts): while `key` matches what the caller
   * passes, repeated identical failures are assumed rather than re-sent.
   */
  coalesce?: { key: string; failures: Partial<Record<AgentAction, string>> };
}

export interface CreateAgentStateOptions {
  udi: Udi;
  now: Instant;
  entitlements?: EntitlementRequest[];
  hostname?: string;
  softwareVersion?: string;
  /** Evaluation time already used (ms), e.g. from a snapshot's "Evaluation Period Remaining". */
  evaluationUsedMs?: number;
}

/** A fresh, never-registered agent: UNREGISTERED + EVAL MODE with the evaluation clock running. */
export function createAgentState(opts: CreateAgentStateOptions): AgentState {
  return {
    v: 1,
    udi: { ...opts.udi },
    ...(opts.hostname === undefined ? {} : { hostname: opts.hostname }),
    ...(opts.softwareVersion === undefined ? {} : { softwareVersion: opts.softwareVersion }),
    entitlements: (opts.entitlements ?? []).map((e) => ({ ...e })),
    registration: {
      status: 'UNREGISTERED',
      exportControlAllowed: false,
      renewFailures: 0,
      registerFailures: 0,
    },
    authorization: { status: 'EVAL MODE', commFailures: 0, grants: [] },
    evaluation: { usedMs: opts.evaluationUsedMs ?? 0, runningSince: opts.now },
    asOf: opts.now,
  };
}
