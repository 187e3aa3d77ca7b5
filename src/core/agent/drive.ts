// The small async driver: performs every due action up to `now` in time order through a
// LicensingTransport. The only async code in the core; it still reads no clock (the caller's
// `now` and each action's scheduled time are passed on as `at`).
//
// Coalescing: once an action failed at the transport level (the authority could not be reached)
// the driver assumes the same failure for that action's later attempts in this call instead of
// re-sending them, and jumps over the steady-state retries in one step. The jump stops before the
// next time-only transition (deadline noticed, certificate or evaluation expiry), so the printed
// "Last … Attempt: FAILED on T" / "Next … Attempt: T + retry" are exactly what a device that had
// sent every attempt would show. Pass `situation` to carry the remembered failures across calls;
// change it whenever the outcome could change (network policy, transport settings, authority).

import { applyOutcome, nextDue, nextTransitionAt, type RequestContext, requestFor, tick } from './machine.ts';
import type {
  AgentRequest,
  ExchangeOutcome,
  Instant,
  LicensingTransport,
  TransportTarget,
} from './protocol.ts';
import type { AgentAction, AgentState } from './state.ts';
import { retryDelay } from './timers.ts';

export interface RunDueOptions {
  /** Details sent with a registration. */
  ctx?: RequestContext;
  /** Coalescing key kept in the state (see the module comment). */
  situation?: string;
  /** Called after each exchange actually sent (for lab logs and tests). */
  onExchange?: (action: AgentAction, at: Instant, outcome: ExchangeOutcome) => void;
}

const RETRY_KIND = { register: 'register', renewId: 'renew', renewAuth: 'comm' } as const;

function failuresOf(state: AgentState, action: AgentAction): number {
  if (action === 'register') return state.registration.registerFailures;
  if (action === 'renewId') return state.registration.renewFailures;
  return state.authorization.commFailures;
}

function withFailures(state: AgentState, action: AgentAction, n: number): AgentState {
  if (action === 'register')
    return { ...state, registration: { ...state.registration, registerFailures: n } };
  if (action === 'renewId') return { ...state, registration: { ...state.registration, renewFailures: n } };
  return { ...state, authorization: { ...state.authorization, commFailures: n } };
}

/**
 * Applies a remembered failure to the attempt due at `at`, and to every later attempt of the same
 * action whose retry delay no longer changes, up to `until` (inclusive).
 */
function assumeFailures(state: AgentState, action: AgentAction, reason: string, at: Instant, until: Instant) {
  const kind = RETRY_KIND[action];
  const f = failuresOf(state, action);
  const steady = retryDelay(kind, f + 1);
  let k = 0;
  if (f >= 1 && steady === retryDelay(kind, f + 2) && until > at) k = Math.floor((until - at) / steady);
  const last = at + k * steady;
  return applyOutcome(withFailures(state, action, f + k), action, { ok: false, failureReason: reason }, last);
}

/** One exchange the driver needs answered: the request for `action` scheduled at `at`. */
export interface PendingExchange {
  action: AgentAction;
  at: Instant;
  request: AgentRequest;
}

/**
 * The driver's loop as a generator (shared by the async `runDue` and the synchronous
 * `advanceWith`): it yields each exchange that must really be sent and receives its outcome.
 */
function* driveSteps(
  state: AgentState,
  now: Instant,
  opts: RunDueOptions,
): Generator<PendingExchange, AgentState, ExchangeOutcome> {
  let s = state;
  const remembered = new Map<AgentAction, string>();
  if (opts.situation !== undefined && s.coalesce?.key === opts.situation) {
    for (const [a, r] of Object.entries(s.coalesce.failures))
      if (r !== undefined) remembered.set(a as AgentAction, r);
  }
  for (;;) {
    const due = nextDue(s);
    if (!due || due.at > now) break;
    s = tick(s, due.at);
    const still = nextDue(s);
    if (!still || still.at !== due.at || still.action !== due.action) continue;
    const reason = remembered.get(due.action);
    if (reason !== undefined) {
      const transition = nextTransitionAt(s);
      const until = transition === undefined ? now : Math.min(now, transition - 1);
      s = assumeFailures(s, due.action, reason, due.at, until);
      continue;
    }
    const outcome = yield { action: due.action, at: due.at, request: requestFor(s, due.action, opts.ctx) };
    opts.onExchange?.(due.action, due.at, outcome);
    s = applyOutcome(s, due.action, outcome, due.at);
    if (outcome.ok) remembered.delete(due.action);
    else remembered.set(due.action, outcome.failureReason);
  }
  s = tick(s, now);
  if (opts.situation === undefined) {
    const { coalesce: _c, ...rest } = s;
    return rest;
  }
  return { ...s, coalesce: { key: opts.situation, failures: Object.fromEntries(remembered) } };
}

/** Runs every action due at or before `now`, in time order, and returns the state at `now`. */
export async function runDue(
  state: AgentState,
  now: Instant,
  transport: LicensingTransport,
  target: TransportTarget,
  opts: RunDueOptions = {},
): Promise<AgentState> {
  const steps = driveSteps(state, now, opts);
  let step = steps.next();
  while (!step.done) {
    const { request, at } = step.value;
    step = steps.next(await transport.exchange(request, target, at));
  }
  return step.value;
}

/**
 * The same driver, synchronously, with outcomes decided by a pure function (scenarios, timeline,
 * tests): `decide(request, at)` plays the License Authority and the network.
 */
export function advanceWith(
  state: AgentState,
  now: Instant,
  decide: (request: AgentRequest, at: Instant) => ExchangeOutcome,
  opts: RunDueOptions = {},
): AgentState {
  const steps = driveSteps(state, now, opts);
  let step = steps.next();
  while (!step.done) step = steps.next(decide(step.value.request, step.value.at));
  return step.value;
}
