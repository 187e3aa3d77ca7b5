// "And if connectivity stays broken?": the dated events ahead of a device, from its parsed
// snapshot. The rules are the seed's three conditions: 90 days without communication ->
// AUTH EXPIRED with licensed features cut; registration (ID certificate, 1 year) expires ->
// the next reload lands in REGISTERING + EVAL MODE with strong crypto off.

import type { Facts, TimelineEvent } from '../report/contract.ts';
import { featureCutsAtAuthExpiry } from './consequences.ts';
import type { DeviceSnapshot } from './snapshot.ts';
import { isoDay } from './time.ts';

const DAY_MS = 86_400_000;

/** Events from `now` on, in date order, assuming the License Authority stays unreachable. */
export function predictTimeline(snapshot: DeviceSnapshot, facts: Facts, now: number): TimelineEvent[] {
  const lic = snapshot.license;
  if (!lic) return [];
  const events: TimelineEvent[] = [];
  const reg = lic.registration;
  const auth = lic.authorization;
  const platform = facts.platform;

  const deadline = facts.communicationDeadline ? Date.parse(facts.communicationDeadline) : Number.NaN;
  if (auth?.status === 'AUTHORIZED' && !facts.deadlinePassed && !Number.isNaN(deadline) && deadline > now) {
    events.push({
      at: new Date(deadline).toISOString(),
      kind: 'authorization-expires',
      event: `${isoDay(deadline)} authorization expires: ${featureCutsAtAuthExpiry(platform, facts.version)}`,
    });
  }

  const expires = reg?.expires ? Date.parse(reg.expires) : Number.NaN;
  if (reg?.status === 'REGISTERED' && !Number.isNaN(expires)) {
    if (expires > now) {
      events.push({
        at: new Date(expires).toISOString(),
        kind: 'registration-expires',
        event: `${isoDay(expires)} registration expires: the ID certificate is no longer valid and the device must register again with a new ID token`,
      });
    }
    events.push({
      at: new Date(Math.max(expires, now)).toISOString(),
      kind: 'reload-eval',
      event: `after ${isoDay(expires)} a reload comes back in EVAL MODE with strong crypto off: VPN and SSH down, failover split-brain risk`,
    });
  }

  if (auth?.status === 'EVAL MODE' && auth.evaluationRemainingSeconds !== undefined) {
    const anchor = snapshot.collectedAt ? Date.parse(snapshot.collectedAt) : now;
    const end = anchor + auth.evaluationRemainingSeconds * 1000;
    if (end > now) {
      events.push({
        at: new Date(end).toISOString(),
        kind: 'evaluation-expires',
        event: `${isoDay(end)} evaluation period ends: licensed features stop until the device is registered`,
      });
    }
  }

  if (reg?.status === 'REGISTERING' && reg.nextRegistrationAttempt) {
    const next = Date.parse(reg.nextRegistrationAttempt);
    if (!Number.isNaN(next) && next > now - DAY_MS) {
      events.push({
        at: new Date(next).toISOString(),
        kind: 'registration-attempt',
        event: `${isoDay(next)} next registration attempt: it fails again while the License Authority is unreachable`,
      });
    }
  }

  return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
