// The evaluation clock: 90 days of use in total, consumed only while authorization is EVAL MODE
// (it pauses while authorized and resumes after a fall-back, e.g. the seed's reload condition).

import type { Instant } from './protocol.ts';
import type { AgentState, EvaluationState } from './state.ts';
import { DEFAULT_TIMERS } from './timers.ts';

/** Evaluation time left at `now` (ms, never negative). */
export function evaluationRemaining(ev: EvaluationState, now: Instant): number {
  const running = ev.runningSince === undefined ? 0 : Math.max(0, now - ev.runningSince);
  return Math.max(0, DEFAULT_TIMERS.evaluationPeriod - ev.usedMs - running);
}

/** When the running evaluation clock reaches zero; `undefined` when it is not running. */
export function evaluationEndsAt(ev: EvaluationState): Instant | undefined {
  if (ev.runningSince === undefined) return undefined;
  return ev.runningSince + Math.max(0, DEFAULT_TIMERS.evaluationPeriod - ev.usedMs);
}

export function stopEvaluation(ev: EvaluationState, at: Instant): EvaluationState {
  if (ev.runningSince === undefined) return ev;
  const used = Math.min(DEFAULT_TIMERS.evaluationPeriod, ev.usedMs + Math.max(0, at - ev.runningSince));
  const { runningSince: _stopped, ...rest } = ev;
  return { ...rest, usedMs: used };
}

/**
 * Puts authorization in EVAL MODE with the clock running from `at`, or EVAL EXPIRED when the
 * 90 days are already used up.
 */
export function fallBackToEvaluation(state: AgentState, at: Instant): AgentState {
  const ev = stopEvaluation(state.evaluation, at);
  const left = DEFAULT_TIMERS.evaluationPeriod - ev.usedMs;
  const authorization = { status: 'EVAL MODE' as const, commFailures: 0, grants: [] };
  if (left <= 0) {
    return {
      ...state,
      authorization: { ...authorization, status: 'EVAL EXPIRED' },
      evaluation: { usedMs: ev.usedMs, expiredAt: ev.expiredAt ?? at },
    };
  }
  return { ...state, authorization, evaluation: { usedMs: ev.usedMs, runningSince: at } };
}
