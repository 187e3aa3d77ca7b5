// Moving the lab's one clock forward. Devices act when their agent has something due; the lab
// steps through those moments in global time order so the authority always sees the time at
// which a real device would have sent its message. Each step lets the earliest device run up to
// the next other device's event (its driver coalesces steady-state retries within that window),
// and the lab's transport wrapper sets the clock to each exchange's own time before it is sent.

import type { Instant } from '../core/agent/protocol.ts';
import type { VirtualClock } from './clock.ts';

/** The part of an emulated device the clock needs. */
export interface SchedulableDevice {
  readonly name: string;
  /** The agent's next scheduled action, or undefined when nothing is scheduled. */
  nextDueAt(): Instant | undefined;
  /** Perform every licensing action due at or before `now`. */
  runDue(now: Instant): Promise<void>;
  /**
   * True when none of the device's messages can reach the authority right now (its first hop is
   * blocked): its timing then cannot affect anyone else, so it runs on its own, in one call.
   */
  isolated?(): boolean;
}

export interface AdvanceReport {
  from: Instant;
  to: Instant;
  /** How many runDue calls were made. */
  steps: number;
  /** Devices whose agent reported something due but made no progress (a bug somewhere). */
  stalled: string[];
}

/**
 * Advance `clock` to `target`, running devices' due actions in time order. The clock never moves
 * backwards; a target in the past is refused (use `set` for that).
 */
export async function advanceClock(
  clock: VirtualClock,
  devices: readonly SchedulableDevice[],
  target: Instant,
): Promise<AdvanceReport> {
  const from = clock.now();
  if (target < from) throw new RangeError('cannot advance into the past');
  const stalled = new Set<string>();
  const isolated = devices.filter((d) => d.isolated?.() === true);
  const connected = devices.filter((d) => !isolated.includes(d));
  let steps = 0;
  for (;;) {
    let first: { device: SchedulableDevice; at: Instant } | undefined;
    let second: Instant | undefined;
    for (const device of connected) {
      if (stalled.has(device.name)) continue;
      const at = device.nextDueAt();
      if (at === undefined || at > target) continue;
      if (!first || at < first.at) {
        if (first) second = second === undefined ? first.at : Math.min(second, first.at);
        first = { device, at };
      } else second = second === undefined ? at : Math.min(second, at);
    }
    if (!first) break;
    const at = Math.max(first.at, clock.now());
    const horizon = Math.max(at, Math.min(second ?? target, target));
    clock.set(at);
    await first.device.runDue(horizon);
    steps++;
    const after = first.device.nextDueAt();
    if (after !== undefined && after <= horizon) stalled.add(first.device.name);
    if (clock.now() < horizon) clock.set(horizon);
  }
  clock.set(target);
  // Cut off from the authority: order against others does not matter, and one call lets the
  // core driver coalesce the steady retries of the whole window.
  for (const device of isolated) {
    const at = device.nextDueAt();
    if (at === undefined || at > target) continue;
    await device.runDue(target);
    steps++;
    const after = device.nextDueAt();
    if (after !== undefined && after <= target) stalled.add(device.name);
  }
  return { from, to: target, steps, stalled: [...stalled] };
}
