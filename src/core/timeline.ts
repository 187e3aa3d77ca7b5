// "What happens next": run the same machine forward from any state under an assumption about
// connectivity and turn its transitions into dated sentences, with the consequences the platform
// data knows (features cut at authorization expiry, strong crypto lost on a reload after the
// registration expired).

import { advanceWith } from './agent/drive.ts';
import { nextTransitionAt } from './agent/machine.ts';
import type { Instant } from './agent/protocol.ts';
import { simulatedAuthority, unreachable } from './agent/simulated-authority.ts';
import type { AgentState } from './agent/state.ts';
import { DEFAULT_TIMERS } from './agent/timers.ts';
import { licensingCondition } from './agent/version-view.ts';
import { isAuthorizationInForce } from './model.ts';
import { featuresCutAtAuthExpiry } from './platform-features.ts';
import { type PlatformInfo, recognisePlatform, STRONG_CRYPTO_EFFECTS } from './platforms.ts';
import { DAY, isoDay, spellEvery } from './time.ts';

export type TimelineSeverity = 'info' | 'warning' | 'critical';

export interface TimelineEvent {
  at: Instant;
  event: string;
  kind: string;
  severity: TimelineSeverity;
}

export type ConnectivityAssumption = { connectivity: 'broken' } | { connectivity: 'restored'; at: Instant };

export interface TimelineOptions {
  /** Platform string or recognised platform, for the features-cut sentences (default ASAv). */
  platform?: string | PlatformInfo;
  softwareVersion?: string;
  /** How far ahead to look (default 400 days). */
  horizonDays?: number;
  /** A caller's budget (drive.ts RunDueOptions): true stops the prediction with DriveStopped. */
  shouldStop?: () => boolean;
}

// "VPN outage, failover split-brain scenario or SSH outage" (seed), worded from the data.
const CRYPTO = STRONG_CRYPTO_EFFECTS.some((e) => e.area === 'failover')
  ? 'VPN and SSH outage, failover split-brain risk'
  : 'VPN and SSH outage';

function describe(
  prev: AgentState,
  next: AgentState,
  ctx: { platform: PlatformInfo; version?: string },
): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  const at = next.asOf;
  const pa = prev.authorization;
  const na = next.authorization;
  if (pa.status !== na.status) {
    const when = na.since ?? at;
    if (na.status === 'AUTH EXPIRED') {
      out.push({
        at: when,
        kind: 'auth-expired',
        severity: 'critical',
        event: `authorization expires (communication deadline ${isoDay(na.deadlineAt ?? when)} passed): ${featuresCutAtAuthExpiry(ctx.platform, ctx.version, next.entitlements[0]?.tag)}`,
      });
    } else if (na.status === 'EVAL EXPIRED') {
      out.push({
        at: when,
        kind: 'eval-expired',
        severity: 'critical',
        event: 'evaluation period ends: EVAL EXPIRED',
      });
    }
  }
  const renewedAuth = na.lastComm?.result === 'SUCCEEDED' && (pa.status !== na.status || pa.commFailures > 0);
  if (renewedAuth && na.lastComm && isAuthorizationInForce(na.status)) {
    out.push({
      at: na.lastComm.at,
      kind: 'authorized',
      severity: 'info',
      event: `authorization renewed (${na.status}); communication deadline moves to ${isoDay(na.deadlineAt ?? at)}`,
    });
  }
  const pr = prev.registration;
  const nr = next.registration;
  if (pr.status !== nr.status) {
    if (nr.status === 'REGISTRATION EXPIRED') {
      out.push({
        at: nr.expiresAt ?? at,
        kind: 'registration-expired',
        severity: 'critical',
        event: `registration expires: after this a reload comes back in EVAL MODE with export-controlled functionality NOT ALLOWED: strong crypto off (${CRYPTO})`,
      });
    } else if (nr.status === 'REGISTERED') {
      out.push({
        at: nr.initial?.at ?? at,
        kind: 'registered',
        severity: 'info',
        event: 'registration succeeds',
      });
    }
  }
  if (pa.commFailures === 0 && na.commFailures > 0 && na.lastComm) {
    out.push({
      at: na.lastComm.at,
      kind: 'comm-failed',
      severity: 'warning',
      event:
        `communication with the License Authority fails (${na.lastComm.failureReason}); retries ${spellEvery(DEFAULT_TIMERS.commRetryLater)} until the deadline ${na.deadlineAt ? isoDay(na.deadlineAt) : ''}`.trimEnd(),
    });
  }
  if (pr.renewFailures === 0 && nr.renewFailures > 0 && nr.lastRenewal) {
    out.push({
      at: nr.lastRenewal.at,
      kind: 'renew-failed',
      severity: 'warning',
      event: `ID certificate renewal fails; retries ${spellEvery(DEFAULT_TIMERS.renewRetryLater)} until the registration expires${nr.expiresAt ? ` on ${isoDay(nr.expiresAt)}` : ''}`,
    });
  }
  if (pr.renewFailures > 0 && nr.renewFailures === 0 && nr.lastRenewal?.result === 'SUCCEEDED') {
    out.push({
      at: nr.lastRenewal.at,
      kind: 'renewed',
      severity: 'info',
      event: `ID certificate renewed; registration now expires ${nr.expiresAt ? isoDay(nr.expiresAt) : 'later'}`,
    });
  }
  return out;
}

/**
 * The next instant worth looking at: a transition, or an attempt that may change the picture.
 * While the authority is unreachable an action that already failed changes nothing new on retry.
 */
function nextStop(s: AgentState, up: boolean): Instant | undefined {
  const r = s.registration;
  const a = s.authorization;
  const candidates = [
    nextTransitionAt(s),
    r.status === 'REGISTERING' && (up || r.registerFailures === 0) ? r.nextRegistrationAt : undefined,
    r.status === 'REGISTERED' && (up || r.renewFailures === 0) ? r.nextRenewalAt : undefined,
    r.status === 'REGISTERED' && (up || a.commFailures === 0) ? a.nextCommAt : undefined,
  ].filter((t): t is Instant => t !== undefined);
  return candidates.length === 0 ? undefined : Math.min(...candidates);
}

/**
 * Dated events ahead of `from` for `state`, assuming connectivity stays broken, or is restored at
 * a given time. Runs the agent machine forward; sorted by time.
 */
export function timeline(
  state: AgentState,
  from: Instant,
  assumption: ConnectivityAssumption,
  opts: TimelineOptions = {},
): TimelineEvent[] {
  const platform =
    (typeof opts.platform === 'string' ? recognisePlatform(opts.platform) : opts.platform) ??
    (recognisePlatform(state.udi.pid) as PlatformInfo | undefined) ??
    ({ family: 'ASAv', model: 'ASAv', hardware: 'ASAv', licensing: 'smart' } satisfies PlatformInfo);
  const ctx = { platform, ...(opts.softwareVersion ? { version: opts.softwareVersion } : {}) };
  const end = from + (opts.horizonDays ?? 400) * DAY;
  const restoredAt = assumption.connectivity === 'restored' ? Math.max(assumption.at, from) : undefined;
  const yes = simulatedAuthority();
  const events: TimelineEvent[] = [];
  const budget = opts.shouldStop ? { shouldStop: opts.shouldStop } : {};
  let s = advanceWith(state, from, unreachable, { situation: 'timeline', ...budget });
  if (restoredAt !== undefined && restoredAt <= end) {
    events.push({
      at: restoredAt,
      kind: 'restored',
      severity: 'info',
      event: 'connectivity to the License Authority restored (assumed)',
    });
  }
  for (let guard = 0; guard < 10_000 && s.asOf < end; guard++) {
    const up = restoredAt !== undefined && s.asOf >= restoredAt - 1;
    let stop = Math.min(nextStop(s, up) ?? end, end);
    if (!up && restoredAt !== undefined) stop = Math.min(stop, restoredAt - 1);
    stop = Math.max(stop, s.asOf + 1);
    const next = advanceWith(s, stop, up ? yes : unreachable, { situation: up ? 'up' : 'down', ...budget });
    events.push(...describe(s, next, ctx));
    s = next;
  }
  return events.filter((e) => e.at >= from && e.at <= end).sort((a, b) => a.at - b.at);
}

/** The condition the device will be in when `state` is viewed (re-exported for reports). */
export { licensingCondition };
