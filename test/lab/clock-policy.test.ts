import { describe, expect, it } from 'vitest';
import { register } from '../../src/core/agent/commands.ts';
import { advanceWith, nextSentAt } from '../../src/core/agent/drive.ts';
import { nextDue } from '../../src/core/agent/machine.ts';
import { unreachable } from '../../src/core/agent/simulated-authority.ts';
import { type AgentState, createAgentState } from '../../src/core/agent/state.ts';
import { advanceClock, type SchedulableDevice } from '../../src/lab/advance.ts';
import { parseDuration, VirtualClock } from '../../src/lab/clock.ts';
import { LabPolicy } from '../../src/lab/policy.ts';

describe('VirtualClock', () => {
  it('is frozen by default, can be set, and runs at a speed factor of the injected real clock', () => {
    let real = 1_000;
    const clock = new VirtualClock(50_000, { realNow: () => real });
    real += 500;
    expect(clock.now()).toBe(50_000);
    clock.setSpeed(60);
    real += 1_000;
    expect(clock.now()).toBe(110_000);
    clock.set(0);
    real += 10;
    expect(clock.now()).toBe(600);
    expect(() => clock.setSpeed(-1)).toThrow(RangeError);
  });
});

describe('parseDuration', () => {
  it.each([
    ['30d', 30 * 86_400_000],
    ['12h', 12 * 3_600_000],
    ['90m', 90 * 60_000],
    ['1y', 365 * 86_400_000],
    ['2w3d', 17 * 86_400_000],
    ['45s', 45_000],
    ['1.5h', 5_400_000],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(['', '30', 'd', '3x', '-1d', '1d 2h'])('refuses %j', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );
});

describe('LabPolicy', () => {
  it('blocks for all or one device, host or host:port, and unblocks exactly', () => {
    const p = new LabPolicy();
    p.block('smartreceiver.cisco.com', 'drop');
    p.block('tools.cisco.com:443', 'reject', 'asa2');
    const a1 = p.policyFor('asa1');
    const a2 = p.policyFor('asa2');
    expect(a1.decide('smartreceiver.cisco.com', 443)).toBe('drop');
    expect(a1.decide('tools.cisco.com', 443)).toBe('allow');
    expect(a2.decide('tools.cisco.com', 443)).toBe('reject');
    expect(a2.decide('tools.cisco.com', 80)).toBe('allow');
    expect(p.rules()).toHaveLength(2);
    expect(p.unblock('tools.cisco.com:443', 'asa1')).toBe(0);
    expect(p.unblock('tools.cisco.com:443')).toBe(1);
    expect(a2.decide('tools.cisco.com', 443)).toBe('allow');
    expect(() => p.block('host:99999')).toThrow(/bad port/);
  });
});

/** A scheduled thing with fixed action times; records the clock it saw. */
function scheduled(
  name: string,
  times: number[],
  clock: VirtualClock,
  seen: string[],
  isolated = false,
): SchedulableDevice {
  const pending = [...times].sort((a, b) => a - b);
  return {
    name,
    nextDueAt: () => pending[0],
    isolated: () => isolated,
    async runDue(now) {
      while (pending[0] !== undefined && pending[0] <= now) {
        const at = pending.shift() as number;
        if (!isolated && at > clock.now()) clock.set(at); // what the lab's transport wrapper does
        seen.push(`${name}@${at}/clock=${clock.now()}`);
      }
    },
  };
}

describe('advanceClock', () => {
  it('runs connected devices in global time order, the clock never going back, then isolated ones', async () => {
    const clock = new VirtualClock(0);
    const seen: string[] = [];
    const devices = [
      scheduled('a', [10, 40, 70, 500], clock, seen),
      scheduled('b', [20, 30, 60], clock, seen),
      scheduled('iso', [5, 15, 25], clock, seen, true),
    ];
    const report = await advanceClock(clock, devices, 100);
    const connected = seen.filter((s) => !s.startsWith('iso'));
    expect(connected.map((s) => s.split('/')[0])).toEqual(['a@10', 'b@20', 'b@30', 'a@40', 'b@60', 'a@70']);
    for (const s of connected) {
      const [at, c] = s.replace(/^\w+@/, '').split('/clock=').map(Number);
      expect(c).toBe(at);
    }
    expect(seen.filter((s) => s.startsWith('iso')).map((s) => s.split('/')[0])).toEqual([
      'iso@5',
      'iso@15',
      'iso@25',
    ]);
    expect(clock.now()).toBe(100);
    expect(devices[0]?.nextDueAt()).toBe(500);
    expect(report.stalled).toEqual([]);
  });

  it('stops on a device that claims to be due but makes no progress, and reports it', async () => {
    const clock = new VirtualClock(0);
    const stuck: SchedulableDevice = { name: 'stuck', nextDueAt: () => 5, runDue: async () => {} };
    const report = await advanceClock(clock, [stuck], 50);
    expect(report.stalled).toEqual(['stuck']);
    expect(clock.now()).toBe(50);
  });

  it('devices that keep failing do not wait on each other hour by hour: two centuries in a few steps', async () => {
    const YEAR = 365 * 86_400_000;
    const clock = new VirtualClock(0);
    const sent: Record<string, number> = {};
    /** A registering agent whose every attempt fails, driven like the emulator drives it. */
    const failing = (name: string, offset: number): SchedulableDevice & { state: AgentState } => {
      const device = {
        name,
        state: register(createAgentState({ udi: { pid: 'ASAv', sn: name }, now: 0 }), 't', false, offset),
        nextDueAt: () => nextDue(device.state)?.at,
        nextSentAt: (situation: string | undefined) => nextSentAt(device.state, situation),
        async runDue(now: number, situation?: string) {
          device.state = advanceWith(
            device.state,
            now,
            () => {
              sent[name] = (sent[name] ?? 0) + 1;
              return unreachable();
            },
            situation === undefined ? {} : { situation },
          );
        },
      };
      return device;
    };
    const a = failing('a', 0);
    const b = failing('b', 1_800_000); // half an hour later: without the situation, they alternate
    const report = await advanceClock(clock, [a, b], 200 * YEAR, () => 'advance 1');
    expect(report.steps).toBeLessThan(8);
    expect(report.stalled).toEqual([]);
    expect(sent).toEqual({ a: 1, b: 1 });
    // Each ends exactly where running it alone over the whole window ends.
    for (const [d, offset] of [
      [a, 0],
      [b, 1_800_000],
    ] as const) {
      const alone = advanceWith(
        register(createAgentState({ udi: { pid: 'ASAv', sn: d.name }, now: 0 }), 't', false, offset),
        200 * YEAR,
        unreachable,
        { situation: 'advance 1' },
      );
      expect(d.state).toEqual(alone);
    }
  });

  it('refuses to advance into the past', async () => {
    await expect(advanceClock(new VirtualClock(10), [], 5)).rejects.toThrow(RangeError);
  });
});
