// Moving the lab's one clock forward. Devices act when their agent has something due; the lab
// steps through the moments a device really sends something, in global time order, so the
// authority always sees the time at which a real device would have sent its message. Each step
// lets the device that sends first run up to the next other device's send; its driver collapses
// the identical retries inside that window (core/agent/drive.ts), and the lab's transport wrapper
// sets the clock to each exchange's own time before it is sent.
//
// Retries of a failure already seen in the same situation are assumed, not sent (the situation
// names this advance and the network policy: `lab block` mid-way starts a new one). They cannot
// change what the authority answers anyone, so they do not take part in the ordering: a device
// that keeps failing runs its whole window in one call, and the cost of an advance follows the
// licensing exchanges really sent, not the hours it spans.

import type { Instant } from '../core/agent/protocol.ts';
import type { VirtualClock } from './clock.ts';

/** The part of an emulated device the clock needs. */
export interface SchedulableDevice {
  readonly name: string;
  /** The agent's next scheduled action, or undefined when nothing is scheduled. */
  nextDueAt(): Instant | undefined;
  /**
   * When it next really sends while `situation` holds (assumed retries are skipped); the lab
   * falls back to `nextDueAt` for devices that cannot tell.
   */
  nextSentAt?(situation: string | undefined): Instant | undefined;
  /** Perform every licensing action due at or before `now` (failures remembered in `situation`). */
  runDue(now: Instant, situation?: string): Promise<void>;
  /**
   * True when none of the device's messages can reach the authority right now (its first hop is
   * blocked): its timing then cannot affect anyone else, so it runs on its own, in one call.
   */
  isolated?(): boolean;
  /** The clock was set `by` ms (negative: back) with no time passing (see setClockBack). */
  clockSet?(by: number): Promise<void>;
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
 * Set `clock` back to `target`: no time passes, so nothing is run; every device moves its boot
 * time and its licensing agent's life with the clock (EmulatedDevice.clockSet), which keeps each
 * consistent: no date it prints lies ahead of its clock, its timers are as far ahead as they were,
 * its uptime is unchanged. A target ahead of the clock is an advance (advanceClock).
 */
export async function setClockBack(
  clock: VirtualClock,
  devices: readonly SchedulableDevice[],
  target: Instant,
): Promise<AdvanceReport> {
  const from = clock.now();
  if (target > from) throw new RangeError('setting the clock forward is an advance');
  clock.set(target);
  for (const device of devices) await device.clockSet?.(target - from);
  return { from, to: target, steps: 0, stalled: [] };
}

/**
 * Advance `clock` to `target`, running devices' due actions in time order. The clock never moves
 * backwards; a target in the past is refused (use `set` for that). `situation()` is asked before
 * each step: it changes whenever an outcome seen so far may no longer hold (undefined: nothing is
 * remembered between steps, every attempt takes part in the order).
 */
export async function advanceClock(
  clock: VirtualClock,
  devices: readonly SchedulableDevice[],
  target: Instant,
  situation: () => string | undefined = () => undefined,
): Promise<AdvanceReport> {
  const from = clock.now();
  if (target < from) throw new RangeError('cannot advance into the past');
  const stalled = new Set<string>();
  const isolated = devices.filter((d) => d.isolated?.() === true);
  const connected = devices.filter((d) => !isolated.includes(d));
  const sendsAt = (d: SchedulableDevice, key: string | undefined) =>
    d.nextSentAt ? d.nextSentAt(key) : d.nextDueAt();
  let steps = 0;
  for (;;) {
    const key = situation();
    let first: { device: SchedulableDevice; at: Instant } | undefined;
    let second: Instant | undefined;
    for (const device of connected) {
      if (stalled.has(device.name)) continue;
      const at = sendsAt(device, key);
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
    await first.device.runDue(horizon, key);
    steps++;
    const after = sendsAt(first.device, situation());
    if (after !== undefined && after <= horizon) stalled.add(first.device.name);
    if (clock.now() < horizon) clock.set(horizon);
  }
  clock.set(target);
  // What is left up to `target` is assumed retries of connected devices, and everything of the
  // devices cut off from the authority: order against others does not matter, one call each lets
  // the core driver collapse the whole window.
  for (const device of [...connected, ...isolated]) {
    if (stalled.has(device.name)) continue;
    const at = device.nextDueAt();
    if (at === undefined || at > target) continue;
    await device.runDue(target, situation());
    steps++;
    const after = device.nextDueAt();
    if (after !== undefined && after <= target) stalled.add(device.name);
  }
  return { from, to: target, steps, stalled: [...stalled] };
}
