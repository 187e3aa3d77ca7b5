// Failover pairs on the emulated ASA: one lab entry with `failover:` runs as two units of one
// ASA, `<name>-pri` (primary, active at start) and `<name>-sec` (secondary, standby at start). Each
// unit has its own serial number, SSH port and sessions; they share the hostname and configuration
// (a change on the active unit is replicated to the standby, as failover does; one entered on the
// standby stays on the standby) and ONE licensing agent, which the active unit runs: the standby
// does not talk to the License Authority and prints the pair's licensing state with its own UDI.
// That a standby shares the active unit's entitlements is how the brief puts it; what a real
// standby prints for `show license all` is not in our sources, so the standby's screens are
// [assumed] (src/emulate/README.md).
//
// Switchover (`switchover` below), as the ASA's `failover active` / `no failover active` do it
// (command reference): typed on the standby it makes that unit active, typed (as `no`) on the
// active unit it makes that unit standby; either way the mate takes the other state, and on the
// unit already in the requested state it does nothing. The agent is the pair's: it does not
// restart, the new active unit runs it through its own network path (the lab's network rules name
// the active unit) and its exchanges carry the pair's identity (the UDI it registered with).
// `Last Failover at:` becomes the switchover's time; `failover cluster up` keeps counting from
// when the pair came up. Reloading the active unit makes its mate active first; the reloaded unit
// comes back standby with the active unit's configuration (failover's config sync).
// Prompts carry the unit and its state (`fw/pri/act#`, `fw/admin/sec/stby#`), as an ASA with
// `prompt hostname context priority state` prints them.

import type { FailoverStatus } from '../text/index.ts';
import { type DeviceSpec, unitNames } from './device-spec.ts';

export type FailoverRole = 'primary' | 'secondary';

export interface FailoverUnit {
  /** The lab entry's name (the pair). */
  pair: string;
  role: FailoverRole;
  /** Changed in place by a switchover: the lab's status reads the same object. */
  state: FailoverState;
}

export type FailoverState = 'active' | 'standby';

/** What a pair holds once, whichever unit is active: when it came up and its last switchover. */
export interface PairTimes {
  /** `failover cluster up` counts from here; `Last Failover at:` until a switchover. */
  upSince: number;
  /** The last switchover; undefined while none happened. */
  lastFailoverAt?: number;
}

/** The pair's times after a clock set by `by` ms (negative: back), as each unit's boot time moves. */
export function shiftPairTimes(pair: PairTimes, by: number): void {
  pair.upSince += by;
  if (pair.lastFailoverAt !== undefined) pair.lastFailoverAt += by;
}

/**
 * Make `self` `wanted` and its mate the other state. Returns false when `self` already is
 * `wanted` (the ASA does nothing then).
 */
export function switchover(self: FailoverUnit, mate: FailoverUnit, wanted: FailoverState): boolean {
  if (self.state === wanted) return false;
  self.state = wanted;
  mate.state = wanted === 'active' ? 'standby' : 'active';
  return true;
}

/**
 * The devices one spec runs as: itself, or the two units of a failover pair (their names from
 * device-spec.ts `unitNames`, both with the pair's hostname).
 */
export function deviceUnits(
  spec: DeviceSpec,
  defaultHostname: (name: string) => string,
): { spec: DeviceSpec; unit?: FailoverUnit }[] {
  if (!spec.failover) return [{ spec }];
  const { failover: _f, serial, port, ...rest } = spec;
  const [primary, secondary] = unitNames(spec) as [string, string];
  const hostname = spec.hostname ?? defaultHostname(spec.name);
  const second = spec.failover === true ? undefined : spec.failover.secondary;
  return [
    {
      spec: { ...rest, name: primary, hostname, port, ...(serial ? { serial } : {}) },
      unit: { pair: spec.name, role: 'primary', state: 'active' },
    },
    {
      spec: {
        ...rest,
        name: secondary,
        hostname,
        port: second?.port ?? 0,
        ...(second?.serial ? { serial: second.serial } : {}),
      },
      unit: { pair: spec.name, role: 'secondary', state: 'standby' },
    },
  ];
}

/** The prompt segments of a unit: `pri/act`, `sec/stby`. */
export function unitPromptPath(unit: FailoverUnit): string {
  return `${unit.role === 'primary' ? 'pri' : 'sec'}/${unit.state === 'active' ? 'act' : 'stby'}`;
}

/** One unit of a pair as `show failover` describes it. */
export interface UnitFacts {
  unit: FailoverUnit;
  serial: string;
  model: string;
  version: string;
  /** How long the unit has been in its present state (since boot or the last switchover). */
  inStateMs: number;
}

const hostOf = (u: UnitFacts) => ({
  unit: u.unit.role === 'primary' ? ('Primary' as const) : ('Secondary' as const),
  state: u.unit.state === 'active' ? 'Active' : 'Standby Ready',
  // [assumed] the active unit's time since it became active; the standby's 0 (not cumulative).
  activeSeconds: u.unit.state === 'active' ? u.inStateMs / 1000 : 0,
  model: u.model,
  version: u.version,
});

/**
 * What `show failover` reports on `self`, whose mate is `mate`; the pair last changed roles (or
 * came up) at `lastFailoverAt`.
 */
export function failoverStatus(self: UnitFacts, mate: UnitFacts, lastFailoverAt: number): FailoverStatus {
  return {
    thisHost: hostOf(self),
    otherHost: hostOf(mate),
    serial: { ours: self.serial, mate: mate.serial },
    // [assumed] the failover link's name and interface (nothing in the lab file configures it).
    link: { name: 'folink', interface: 'GigabitEthernet0/2' },
    lastFailoverAt,
  };
}
