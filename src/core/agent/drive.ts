// The small async driver: performs every due action up to `now` in time order through a
// LicensingTransport. The only async code in the core; it still reads no clock (the caller's
// `now` and each action's scheduled time are passed on as `at`).
//
// Collapsing identical retries: once an action failed (the authority could not be reached, or it
// refused a renewal) the driver assumes the same outcome for that action's later attempts in this
// call instead of re-sending them. While every action due is such an assumed failure and no
// time-only transition (deadline noticed, certificate or evaluation expiry) can happen, nothing
// changes but the attempt counters and times: the driver computes where that quiet stretch ends
// (the next attempt it must really send, the next transition, or `now`) and how many attempts of
// each action fall inside it (retries.ts), and applies them in one step. So any gap costs the same:
// steps grow with licensing events, not with hours. The printed "Last … Attempt: FAILED on T" /
// "Next … Attempt: T + retry" are exactly what a device that had sent every attempt would show
// (drive.property.test.ts holds this to the attempt-by-attempt driver). Pass `situation` to carry
// the remembered outcomes across calls; change it whenever the outcome could change (network
// policy, transport settings, authority).

import {
  ACTION_ORDER,
  applyOutcome,
  type EventKey,
  failedAttempt,
  failureOf,
  nextDue,
  type RequestContext,
  requestFor,
  scheduledAt,
  tick,
  transitionStops,
} from './machine.ts';
import type {
  AgentRequest,
  ExchangeOutcome,
  Instant,
  LicensingTransport,
  TransportTarget,
} from './protocol.ts';
import { type AttemptSeries, attemptAt, attemptsBefore, firstAttemptFrom, retrySeries } from './retries.ts';
import type { AgentAction, AgentState } from './state.ts';

export interface RunDueOptions {
  /** Details sent with a registration. */
  ctx?: RequestContext;
  /** Coalescing key kept in the state (see the module comment). */
  situation?: string;
  /** Called after each exchange actually sent (for lab logs and tests). */
  onExchange?: (action: AgentAction, at: Instant, outcome: ExchangeOutcome) => void;
  /**
   * Asked before each step; true stops the run with DriveStopped (a caller's time budget: the core
   * reads no clock itself).
   */
  shouldStop?: () => boolean;
  /** Called once per step of the loop (tests bound the work done; see drive.property.test.ts). */
  onStep?: () => void;
}

/** Thrown when `shouldStop` said so: the caller's budget for this run is spent. */
export class DriveStopped extends Error {
  constructor() {
    super('the licensing agent run was stopped: its time budget is spent');
    this.name = 'DriveStopped';
  }
}

function failuresOf(state: AgentState, action: AgentAction): number {
  if (action === 'register') return state.registration.registerFailures;
  if (action === 'renewId') return state.registration.renewFailures;
  return state.authorization.commFailures;
}

const rankOf = (action: AgentAction) => ACTION_ORDER.indexOf(action);
const earlier = (a: EventKey, b: EventKey) => a.at < b.at || (a.at === b.at && a.rank < b.rank);

/**
 * Applies the assumed failures of a quiet stretch starting at the due attempt the loop has just
 * ticked to: every remembered action's attempts before the stretch ends, in one step each.
 */
function collapseQuiet(
  state: AgentState,
  due: { action: AgentAction; at: Instant },
  remembered: Map<AgentAction, string>,
  now: Instant,
): AgentState {
  const series = new Map<AgentAction, AttemptSeries>();
  let stop: EventKey = { at: now, rank: ACTION_ORDER.length };
  for (const action of ACTION_ORDER) {
    const at = scheduledAt(state, action);
    if (at === undefined) continue;
    if (remembered.has(action)) series.set(action, retrySeries(action, at, failuresOf(state, action)));
    else if (earlier({ at, rank: rankOf(action) }, stop)) stop = { at, rank: rankOf(action) };
  }
  const comm = series.get('renewAuth');
  const commAt = (from: Instant, strict: boolean) => {
    if (comm) return firstAttemptFrom(comm, from, strict);
    const at = scheduledAt(state, 'renewAuth');
    return at !== undefined && (strict ? at > from : at >= from) ? at : undefined;
  };
  for (const key of transitionStops(state, commAt)) if (earlier(key, stop)) stop = key;
  let s = state;
  let asOf = state.asOf;
  for (const [action, attempts] of series) {
    const n = attemptsBefore(attempts, stop, rankOf(action));
    if (n === 0) continue;
    const last = attemptAt(attempts, n - 1);
    s = failedAttempt(s, action, remembered.get(action) as string, last, failuresOf(state, action) + n);
    asOf = Math.max(asOf, last);
  }
  // The due attempt always lies inside the stretch; should a rule above ever say otherwise, take
  // that one attempt alone (what a device does) rather than loop without progress.
  if (s === state) {
    const reason = remembered.get(due.action) as string;
    return failedAttempt(state, due.action, reason, due.at, failuresOf(state, due.action) + 1);
  }
  return { ...s, asOf };
}

/** One exchange the driver needs answered: the request for `action` scheduled at `at`. */
export interface PendingExchange {
  action: AgentAction;
  at: Instant;
  request: AgentRequest;
}

function rememberedFor(state: AgentState, situation: string | undefined): Map<AgentAction, string> {
  const remembered = new Map<AgentAction, string>();
  if (situation !== undefined && state.coalesce?.key === situation) {
    for (const [a, r] of Object.entries(state.coalesce.failures))
      if (r !== undefined) remembered.set(a as AgentAction, r);
  }
  return remembered;
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
  if (!Number.isFinite(now)) throw new RangeError(`the agent cannot run up to ${now}`);
  let s = state;
  const remembered = rememberedFor(s, opts.situation);
  for (;;) {
    if (opts.shouldStop?.()) throw new DriveStopped();
    opts.onStep?.();
    const due = nextDue(s);
    if (!due || due.at > now) break;
    s = tick(s, due.at);
    const still = nextDue(s);
    if (!still || still.at !== due.at || still.action !== due.action) continue;
    if (remembered.has(due.action)) {
      s = collapseQuiet(s, due, remembered, now);
      continue;
    }
    const outcome = yield { action: due.action, at: due.at, request: requestFor(s, due.action, opts.ctx) };
    opts.onExchange?.(due.action, due.at, outcome);
    s = applyOutcome(s, due.action, outcome, due.at);
    // A failure the agent will retry is assumed for the retries; a refused registration is not
    // retried (a new `register` brings a new token), so nothing is remembered for it.
    const reason = failureOf(due.action, outcome);
    if (reason !== undefined && scheduledAt(s, due.action) !== undefined) remembered.set(due.action, reason);
    else remembered.delete(due.action);
  }
  s = tick(s, now);
  if (opts.situation === undefined) {
    const { coalesce: _c, ...rest } = s;
    return rest;
  }
  return { ...s, coalesce: { key: opts.situation, failures: Object.fromEntries(remembered) } };
}

/**
 * When the agent will next send something for real under `situation`: the earliest scheduled
 * action whose outcome is not remembered (the rest are assumed, see the module comment). The lab
 * orders devices by this, so one device's assumed retries never wait for another's.
 */
export function nextSentAt(state: AgentState, situation: string | undefined): Instant | undefined {
  const remembered = rememberedFor(state, situation);
  let best: Instant | undefined;
  for (const action of ACTION_ORDER) {
    const at = scheduledAt(state, action);
    if (at !== undefined && !remembered.has(action) && (best === undefined || at < best)) best = at;
  }
  return best;
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
