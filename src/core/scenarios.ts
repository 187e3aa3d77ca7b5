// Ready-made agent states for the seed's situations, produced by RUNNING the machine: register
// against a simulated authority in the past, then run forward with the authority unreachable.
// The emulator and the lab start devices from these; tests check them against the seed.

import { register, reload } from './agent/commands.ts';
import { advanceWith } from './agent/drive.ts';
import type { EntitlementRequest, Instant, Udi } from './agent/protocol.ts';
import {
  type SimulatedAuthorityOptions,
  simulatedAuthority,
  unreachable,
} from './agent/simulated-authority.ts';
import { type AgentState, createAgentState } from './agent/state.ts';
import { DEFAULT_TIMERS } from './agent/timers.ts';
import { DAY, MINUTE } from './time.ts';

export const SCENARIO_NAMES = [
  'registered',
  'comm-failing',
  'auth-expired',
  'registration-lost',
  'unregistered-eval',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface ScenarioOptions extends SimulatedAuthorityOptions {
  udi?: Udi;
  entitlements?: EntitlementRequest[];
  hostname?: string;
  softwareVersion?: string;
  /** Shift the story: days between registering and `now` (defaults per scenario). */
  registeredDaysAgo?: number;
  /** Days the authority has been unreachable at `now` (defaults per scenario). */
  brokenDaysAgo?: number;
  /** registration-lost: minutes since the reload (default 10). */
  reloadedMinutesAgo?: number;
}

const DEFAULTS: Record<ScenarioName, { registered: number; broken: number }> = {
  registered: { registered: 40, broken: 0 },
  // Seed condition 1: authorized, the last attempt failed, the deadline (90 d) still ahead.
  'comm-failing': { registered: 40, broken: 12 },
  // Seed condition 2: unreachable for more than 90 days, registration still valid.
  'auth-expired': { registered: 400, broken: 100 },
  // Seed condition 3: unreachable for more than a year, then reloaded.
  'registration-lost': { registered: 500, broken: 420 },
  'unregistered-eval': { registered: 0, broken: 0 },
};

/** Runs the story of `history` with the simulated authority up to `brokenAt`, unreachable after. */
function story(
  start: AgentState,
  registeredAt: Instant,
  brokenAt: Instant,
  until: Instant,
  o: ScenarioOptions,
) {
  const yes = simulatedAuthority(o);
  // Typed so that the registration exchange (the agent's delay later) falls at `registeredAt`.
  let s = register(start, 'scenario-token', false, registeredAt - DEFAULT_TIMERS.registerAfterCommand);
  s = advanceWith(s, brokenAt < until ? brokenAt - 1 : until, yes, { ctx: o });
  if (brokenAt < until) s = advanceWith(s, until, unreachable, { ctx: o });
  return s;
}

/**
 * An agent state at `now` for a named scenario. Unknown names are a type error; the emulator's
 * device spec validates names against SCENARIO_NAMES.
 */
export function scenarioState(name: ScenarioName, now: Instant, opts: ScenarioOptions = {}): AgentState {
  const d = DEFAULTS[name];
  const registeredAt = now - (opts.registeredDaysAgo ?? d.registered) * DAY;
  const brokenAt = now - (opts.brokenDaysAgo ?? d.broken) * DAY;
  const udi = opts.udi ?? { pid: 'ASAv', sn: '9A1LAB00001' };
  const base = createAgentState({
    udi,
    now: name === 'unregistered-eval' ? now - DAY : registeredAt - 10 * MINUTE,
    entitlements: opts.entitlements ?? [{ tag: 'ASAv-STD-1G', count: 1 }],
    ...(opts.hostname === undefined ? {} : { hostname: opts.hostname }),
    ...(opts.softwareVersion === undefined ? {} : { softwareVersion: opts.softwareVersion }),
  });
  switch (name) {
    case 'unregistered-eval':
      return advanceWith(base, now, unreachable);
    case 'registered':
      return story(base, registeredAt, now + 1, now, opts);
    case 'comm-failing':
    case 'auth-expired':
      return story(base, registeredAt, brokenAt, now, opts);
    case 'registration-lost': {
      const reloadAt = now - (opts.reloadedMinutesAgo ?? 10) * MINUTE;
      const before = story(base, registeredAt, brokenAt, reloadAt, opts);
      return advanceWith(reload(before, reloadAt), now, unreachable, { ctx: opts });
    }
  }
}
