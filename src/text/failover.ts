// `show failover` and `show mode`, as the emulator prints them. No capture of either is in
// test/fixtures: the `show failover` layout follows the example in Cisco's ASA command reference
// (`show failover`: the header lines, Version/Serial Number with Ours/Mate, `Last Failover at:`,
// then `This host:` / `Other host:` with their active time and slot line), trimmed to those lines
// (no monitored interfaces, no stateful statistics); `show mode` prints `Security context mode:
// single|multiple`. Both are recalled from the documentation, not checked against a device output
// in our fixtures (src/emulate/README.md lists them as such).

import { MONTHS } from './dates.ts';

export interface FailoverHost {
  unit: 'Primary' | 'Secondary';
  /** `Active`, `Standby Ready`. */
  state: string;
  /** Seconds this unit has been active. */
  activeSeconds: number;
  /** The slot line's model (`ASAv`, `FPR-2130`). */
  model: string;
  version: string;
}

export interface FailoverStatus {
  thisHost: FailoverHost;
  otherHost: FailoverHost;
  serial: { ours: string; mate: string };
  /** The failover link: its name and interface (`folink GigabitEthernet0/2`). */
  link: { name: string; interface: string };
  /** When the pair last changed roles (epoch ms): its start, while no failover has happened. */
  lastFailoverAt: number;
}

/** `14:25:03 UTC Dec 12 2017`: the layout of `Last Failover at:`. */
function failoverTime(at: number): string {
  const d = new Date(at);
  return `${d.toISOString().slice(11, 19)} UTC ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${d.getUTCFullYear()}`;
}

function host(label: string, h: FailoverHost): string[] {
  return [
    `        ${label}: ${h.unit} - ${h.state} `,
    `                Active time: ${Math.max(0, Math.floor(h.activeSeconds))} (sec)`,
    `                slot 0: ${h.model} hw/sw rev (1.0/${h.version}) status (Up Sys)`,
  ];
}

/** The timers and limits both forms print after the LAN interface line (defaults; none configurable here). */
const POLICY_LINES = [
  'Reconnect timeout 0:00:00',
  'Unit Poll frequency 1 seconds, holdtime 15 seconds',
  'Interface Poll frequency 5 seconds, holdtime 25 seconds',
  'Interface Policy 1',
  'Monitored Interfaces 0 of 1292 maximum',
  'MAC Address Move Notification Interval not set',
];

/** `show failover` of a unit of a failover pair. */
export function renderShowFailover(s: FailoverStatus): string {
  return `${[
    'Failover On ',
    `Failover unit ${s.thisHost.unit}`,
    `Failover LAN Interface: ${s.link.name} ${s.link.interface} (up)`,
    ...POLICY_LINES,
    'failover replication http',
    `Version: Ours ${s.thisHost.version}, Mate ${s.otherHost.version}`,
    `Serial Number: Ours ${s.serial.ours}, Mate ${s.serial.mate}`,
    `Last Failover at: ${failoverTime(s.lastFailoverAt)}`,
    ...host('This host', s.thisHost),
    '',
    ...host('Other host', s.otherHost),
  ].join('\n')}\n`;
}

/** `show failover` of a unit without failover configured. */
export function renderShowFailoverOff(): string {
  return `${['Failover Off', 'Failover unit Primary', 'Failover LAN Interface: not Configured', ...POLICY_LINES].join('\n')}\n`;
}

/** `show mode`. */
export function renderShowMode(multiple: boolean): string {
  return `Security context mode: ${multiple ? 'multiple' : 'single'}\n`;
}

/**
 * What `changeto context NAME` answers for a context that does not exist. [assumed] The ASA's
 * words are not in our sources.
 */
export const noSuchContext = (name: string) => `ERROR: Context "${name}" does not exist`;

/**
 * What a standby unit prints when `configure terminal` enters configuration mode. Recalled from
 * the well-known ASA message, not from a capture in test/fixtures (src/emulate/README.md).
 */
export const STANDBY_CONFIG_WARNING = [
  '**** WARNING ****',
  '        Configuration Replication is NOT performed from Standby unit to Active unit.',
  '        Configurations are no longer synchronized.',
].join('\n');

/**
 * [invented] A standby unit's answer to `license smart register|deregister|renew`: the pair's agent
 * runs on the active unit (`Primary` or `Secondary`), so the command is refused there. No source
 * shows what a real standby does.
 */
export const standbyLicensingRefusal = (active: 'Primary' | 'Secondary') =>
  `ERROR: This unit is the failover Standby; Smart Licensing is run by the Active unit (${active}). Enter the command there.`;

/** [invented] `failover active` on a device that is no failover pair's unit. */
export const FAILOVER_NOT_CONFIGURED = 'ERROR: Failover is not configured.';
