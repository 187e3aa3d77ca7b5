// "And if connectivity stays broken?": the dated events ahead of a device. The core's agent
// machine is started from the parsed snapshot (fromLicenseView) and run forward by the core's
// timeline; this module words its events for the report and adds the seed's reload sentence.
// If the core cannot start from a snapshot (an odd or partial output), the dates the device
// printed still give the two main events (predictFromDates).
//
// Each event says its basis: `expected` when the device is failing now (the events follow unless
// someone acts), `hypothetical` when it communicates today (they happen only if connectivity
// broke now). An event already past at `now` is not ahead: the findings say it happened.

import {
  DAY,
  DEFAULT_TIMERS,
  DriveStopped,
  featuresCutAtAuthExpiry,
  fromLicenseView,
  spellDuration,
  timeline,
} from '../../core/index.ts';
import { isEvaluation } from '../../core/model.ts';
import type { Facts, TimelineEvent } from '../report/contract.ts';
import { type DeviceSnapshot, licenseOnlyFiltered } from './snapshot.ts';
import { isoDay } from './time.ts';

const REGISTRATION_EXPIRES =
  'registration expires: the ID certificate lapses; the device keeps running until its next reload';
const RELOAD_EVAL =
  'a reload comes back in EVAL MODE with strong crypto off: VPN and SSH down, failover split-brain risk';

type Unbased = Omit<TimelineEvent, 'basis'>;

/**
 * True when the device shows nothing failing: registered, authorized, its last communication and
 * renewal not FAILED and its deadline ahead. Its events are then what-ifs.
 */
export function communicating(snapshot: DeviceSnapshot, facts: Facts): boolean {
  const reg = snapshot.license?.registration;
  const auth = snapshot.license?.authorization;
  return (
    reg?.status === 'REGISTERED' &&
    auth?.status === 'AUTHORIZED' &&
    auth.lastCommunicationAttempt?.result !== 'FAILED' &&
    reg.lastRenewalAttempt?.result !== 'FAILED' &&
    !facts.deadlinePassed
  );
}

/**
 * Events from `now` on, in date order, assuming the License Authority stays (or, for a device
 * communicating today, became) unreachable. `shouldStop` is the caller's time budget.
 */
export function predictTimeline(
  snapshot: DeviceSnapshot,
  facts: Facts,
  now: number,
  shouldStop?: () => boolean,
): TimelineEvent[] {
  const lic = snapshot.license;
  if (!lic?.registration && !lic?.authorization) return [];
  // A filtered output's missing dates are unknown: a prediction would run from guesses.
  if (licenseOnlyFiltered(snapshot)) return [];
  const basis = communicating(snapshot, facts) ? 'hypothetical' : 'expected';
  const regExpiry = facts.registrationExpires ? Date.parse(facts.registrationExpires) : Number.NaN;
  return predict(snapshot, facts, now, shouldStop)
    .filter(
      (e) =>
        // Already past at `now`: the findings say so (AUTH_EXPIRED, REGISTRATION_LOST) with the real date.
        !(e.kind === 'auth-expired' && facts.deadlinePassed) &&
        !(e.kind === 'registration-expired' && regExpiry <= now),
    )
    .map((e) => ({ ...e, basis }));
}

/**
 * The assumption behind an evaluation end the outputs do not date: without "Evaluation Period
 * Remaining" the full period is counted from when the outputs were printed.
 */
function evaluationAssumption(snapshot: DeviceSnapshot, from: number): string | undefined {
  const auth = snapshot.license?.authorization;
  if (!auth || !isEvaluation(auth.status) || auth.evaluationRemainingSeconds !== undefined) return undefined;
  return `the outputs do not print the evaluation time left: assumed a full ${spellDuration(DEFAULT_TIMERS.evaluationPeriod)} from ${isoDay(from)}, when they were printed`;
}

function predict(snapshot: DeviceSnapshot, facts: Facts, now: number, shouldStop?: () => boolean): Unbased[] {
  const lic = snapshot.license;
  if (!lic) return [];
  let events: Unbased[];
  let from = now;
  try {
    const printedAt = snapshot.collectedAt ? Date.parse(snapshot.collectedAt) : now;
    from = Math.min(Number.isNaN(printedAt) ? now : printedAt, now);
    const state = fromLicenseView(lic, from);
    events = timeline(
      state,
      now,
      { connectivity: 'broken' },
      {
        ...(facts.platform ? { platform: facts.platform } : {}),
        ...(facts.version ? { softwareVersion: facts.version } : {}),
        ...(shouldStop ? { shouldStop } : {}),
      },
    ).map((e) => ({
      at: new Date(e.at).toISOString(),
      kind: e.kind,
      ...(e.kind === 'eval-expired' ? assumed(evaluationAssumption(snapshot, from)) : {}),
      // The issue's own wording for the key event: "2026-04-12 authorization expires: AnyConnect …".
      event:
        e.kind === 'auth-expired'
          ? `${isoDay(e.at)} authorization expires: ${featuresCutAtAuthExpiry(facts.platform, facts.version)}`
          : e.kind === 'registration-expired'
            ? `${isoDay(e.at)} ${REGISTRATION_EXPIRES}`
            : `${isoDay(e.at)} ${e.event}`,
    }));
  } catch (error) {
    // Out of time budget is the device's verdict (one error row, run.ts), not a reason to guess.
    if (error instanceof DriveStopped) throw error;
    return predictFromDates(snapshot, facts, now);
  }
  // The seed's own sentence for the third condition, dated by the registration expiry.
  const expired = events.find((e) => e.kind === 'registration-expired');
  const regAt = expired
    ? Date.parse(expired.at)
    : facts.registrationExpires
      ? Date.parse(facts.registrationExpires)
      : NaN;
  if (lic.registration?.status === 'REGISTERED' && !Number.isNaN(regAt)) {
    events.push({
      at: new Date(Math.max(regAt, now)).toISOString(),
      kind: 'reload-eval',
      event: `after ${isoDay(regAt)} ${RELOAD_EVAL}`,
    });
  }
  return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

const assumed = (assumption: string | undefined) => (assumption ? { assumption } : {});

/** Fallback: the events the printed dates alone give, when the core cannot start from the snapshot. */
export function predictFromDates(snapshot: DeviceSnapshot, facts: Facts, now: number): Unbased[] {
  const lic = snapshot.license;
  if (!lic) return [];
  const events: Unbased[] = [];
  const reg = lic.registration;
  const auth = lic.authorization;
  const platform = facts.platform;

  const deadline = facts.communicationDeadline ? Date.parse(facts.communicationDeadline) : Number.NaN;
  if (auth?.status === 'AUTHORIZED' && !facts.deadlinePassed && !Number.isNaN(deadline) && deadline > now) {
    events.push({
      at: new Date(deadline).toISOString(),
      kind: 'auth-expired',
      event: `${isoDay(deadline)} authorization expires: ${featuresCutAtAuthExpiry(platform, facts.version)}`,
    });
  }

  const expires = reg?.expires ? Date.parse(reg.expires) : Number.NaN;
  if (reg?.status === 'REGISTERED' && !Number.isNaN(expires)) {
    if (expires > now) {
      events.push({
        at: new Date(expires).toISOString(),
        kind: 'registration-expired',
        event: `${isoDay(expires)} ${REGISTRATION_EXPIRES}`,
      });
    }
    events.push({
      at: new Date(Math.max(expires, now)).toISOString(),
      kind: 'reload-eval',
      event: `after ${isoDay(expires)} ${RELOAD_EVAL}`,
    });
  }

  if (auth?.status === 'EVAL MODE' && auth.evaluationRemainingSeconds !== undefined) {
    const anchor = snapshot.collectedAt ? Date.parse(snapshot.collectedAt) : now;
    const end = anchor + auth.evaluationRemainingSeconds * 1000;
    if (end > now) {
      events.push({
        at: new Date(end).toISOString(),
        kind: 'eval-expired',
        event: `${isoDay(end)} evaluation period ends: licensed features stop until the device is registered`,
      });
    }
  }

  if (reg?.status === 'REGISTERING' && reg.nextRegistrationAttempt) {
    const next = Date.parse(reg.nextRegistrationAttempt);
    if (!Number.isNaN(next) && next > now - DAY) {
      events.push({
        at: new Date(next).toISOString(),
        kind: 'registration-attempt',
        event: `${isoDay(next)} next registration attempt: it fails again while the License Authority is unreachable`,
      });
    }
  }

  return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
