// The facts row of a device: what the table, the Prometheus metrics and the history store show.
// Pure: derived from the parsed snapshot and `now` only.

import type { Facts, OutputSource } from '../report/contract.ts';
import { licenseModeOf } from './licensing-mode.ts';
import type { DeviceSnapshot } from './snapshot.ts';
import { daysUntil, isPast } from './time.ts';

export interface FactsInput {
  device: string;
  snapshot: DeviceSnapshot;
  now: number;
  context?: { mode: 'single' | 'multiple'; current?: string; isSystem?: boolean };
  failover?: { unit?: 'primary' | 'secondary'; state?: 'active' | 'standby' };
}

/** Derive the facts of one device at `now`. */
export function deriveFacts({ device, snapshot, now, context, failover }: FactsInput): Facts {
  const lic = snapshot.license;
  const ver = snapshot.version;
  const reg = lic?.registration;
  const auth = lic?.authorization;
  const deadline = effectiveDeadline(snapshot);
  const transport = effectiveTransport(snapshot);
  const last = auth?.lastCommunicationAttempt;
  return {
    name: ver?.hostname ?? snapshot.config?.hostname ?? device,
    platform: ver?.hardware?.model ?? lic?.udi?.pid ?? null,
    version: ver?.software?.version ?? null,
    transport,
    smartLicensing: lic?.smartLicensing ?? (ver?.licenseMode ? ver.licenseMode : null),
    licenseMode: licenseModeOf(snapshot) ?? null,
    registration: reg ? [reg.status, reg.statusDetail].filter(Boolean).join(' - ') : null,
    authorization: auth?.status ?? null,
    exportControlled: reg?.exportControlled ?? null,
    lastCommunication: last
      ? { result: last.result, at: last.at ?? null, failureReason: last.failureReason ?? null }
      : null,
    communicationDeadline: deadline.at ?? null,
    deadlinePassed: deadline.exceeded || isPast(deadline.at, now),
    daysToDeadline: daysUntil(deadline.at, now),
    registrationExpires: reg?.expires ?? null,
    daysToRegistrationExpiry: daysUntil(reg?.expires, now),
    context: context ? describeContext(context) : (ver?.software?.context ?? null),
    failover: failover ? [failover.unit, failover.state].filter(Boolean).join('/') || null : null,
    parseWarnings: snapshot.parseWarnings,
    sources: factSources(snapshot),
  };
}

/** Which output gave each fact: the output that gave the parsed field the fact is read from. */
function factSources(snapshot: DeviceSnapshot): Record<string, OutputSource> {
  const src = snapshot.sources;
  if (!src) return {};
  const out: Record<string, OutputSource | undefined> = {
    name: src.version.hostname ?? src.config.hostname,
    platform: src.version.hardware ?? src.license.udi,
    version: src.version.software,
    transport: snapshot.license?.transport ? src.license.transport : src.config.license,
    smartLicensing: src.license.smartLicensing ?? src.version.licenseMode,
    registration: src.license.registration,
    exportControlled: src.license.registration,
    registrationExpires: src.license.registration,
    authorization: src.license.authorization,
    lastCommunication: src.license.authorization,
    communicationDeadline: src.license.authorization,
  };
  return Object.fromEntries(
    Object.entries(out).filter((e): e is [string, OutputSource] => e[1] !== undefined),
  );
}

/**
 * The communication deadline. When the device prints `DEADLINE EXCEEDED` it no longer prints the
 * date, and nothing else it prints gives it: the `AUTH EXPIRED on …` date is the last
 * communication attempt's (core/agent/machine.ts), which moves every hour after the deadline, so
 * it is not the deadline. The date is then unknown; only that it passed.
 */
export function effectiveDeadline(snapshot: DeviceSnapshot): { at?: string; exceeded: boolean } {
  const auth = snapshot.license?.authorization;
  const d = auth?.communicationDeadline;
  if (d?.at) return { at: d.at, exceeded: d.exceeded };
  return { exceeded: d?.exceeded ?? auth?.status === 'AUTH EXPIRED' };
}

/** Transport from `show license status|all`, else from the running config. */
export function effectiveTransport(snapshot: DeviceSnapshot): Facts['transport'] {
  const t = snapshot.license?.transport;
  const cfg = snapshot.config?.license?.transport;
  const type = t?.type ?? cfg?.type;
  if (!type) return null;
  const kind = type.toLowerCase();
  // Call Home carries its own proxy under `call-home` / `http-proxy`.
  const callHomeProxy = kind === 'callhome' ? snapshot.config?.callHome?.httpProxy : undefined;
  const proxy = t?.proxy ?? cfg?.proxy ?? callHomeProxy ?? null;
  return { type: kind, url: t?.url ?? cfg?.url ?? null, proxy };
}

function describeContext(c: NonNullable<FactsInput['context']>): string {
  if (c.mode === 'single') return 'single';
  if (c.isSystem) return 'system';
  return c.current ? `user context ${c.current}` : 'user context';
}
