// Failover pairs on the emulated ASA: one lab entry with `failover:` runs as two units of one
// ASA, `<name>-pri` (primary, active) and `<name>-sec` (secondary, standby). Each unit has its own
// serial number, SSH port and sessions; they share the hostname and configuration (a change on the
// active unit is replicated to the standby, as failover does) and ONE licensing agent, which the
// active unit runs: the standby does not talk to the License Authority and prints the pair's
// licensing state with its own UDI. That a standby shares the active unit's entitlements is how
// the brief puts it; what a real standby prints for `show license all` is not in our sources, so
// the standby's screens are [assumed] (src/emulate/README.md). No switchover is modelled: the
// primary stays active, and reloading a unit does not move the licence (its mate holds it).
// Prompts carry the unit and its state (`fw/pri/act#`, `fw/admin/sec/stby#`), as an ASA with
// `prompt hostname context priority state` prints them.

import type { FailoverStatus } from '../text/index.ts';
import { type DeviceSpec, unitNames } from './device-spec.ts';

export type FailoverRole = 'primary' | 'secondary';

export interface FailoverUnit {
  /** The lab entry's name (the pair). */
  pair: string;
  role: FailoverRole;
  state: 'active' | 'standby';
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
  /** How long the unit has been up (it has been in its state that long: no switchover). */
  uptimeMs: number;
}

const hostOf = (u: UnitFacts) => ({
  unit: u.unit.role === 'primary' ? ('Primary' as const) : ('Secondary' as const),
  state: u.unit.state === 'active' ? 'Active' : 'Standby Ready',
  activeSeconds: u.unit.state === 'active' ? u.uptimeMs / 1000 : 0,
  model: u.model,
  version: u.version,
});

/** What `show failover` reports on `self`, whose mate is `mate`; the pair started at `since`. */
export function failoverStatus(self: UnitFacts, mate: UnitFacts, since: number): FailoverStatus {
  return {
    thisHost: hostOf(self),
    otherHost: hostOf(mate),
    serial: { ours: self.serial, mate: mate.serial },
    // [assumed] the failover link's name and interface (nothing in the lab file configures it).
    link: { name: 'folink', interface: 'GigabitEthernet0/2' },
    lastFailoverAt: since,
  };
}
