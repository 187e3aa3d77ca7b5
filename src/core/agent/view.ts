// The agent state as `show license all/status/summary` would print it (src/core/model.ts shape),
// and back: `fromLicenseView` starts the machine from a parsed snapshot for the auditor.

import { entitlementName } from '../entitlements.ts';
import {
  type AttemptInfo,
  AUTHORIZATION_STATUS_WORDS,
  type DataPrivacyInfo,
  hasIdCertificate,
  isAuthorizationInForce,
  isEvaluation,
  type ProxyInfo,
  REGISTRATION_STATUS_WORDS,
  type SmartLicenseData,
  type UsageEntry,
} from '../model.ts';
import { fromIso, SECOND, toIso } from '../time.ts';
import { agentVersionFor } from './agent-version.ts';
import { evaluationRemaining } from './evaluation.ts';
import { tick } from './machine.ts';
import { type EntitlementGrant, GRANT_EXPORT_STATUS_WORDS, type Instant } from './protocol.ts';
import type { AgentState, AttemptRecord } from './state.ts';
import {
  communicationDeadline,
  DEFAULT_TIMERS,
  issuedBeforeExpiry,
  successBeforeDeadline,
} from './timers.ts';

export interface LicenseViewSettings {
  /** The transport in effect (`transport type`, default per version) and its proxy. */
  transport: { type: string; url?: string; proxy?: ProxyInfo | null; vrf?: string | null };
  /** Defaults to the build for `state.softwareVersion` (agent-version.ts). */
  agentVersion?: string;
  dataPrivacy?: DataPrivacyInfo;
  utilityStatus?: string;
}

const attempt = (a: AttemptRecord): AttemptInfo => ({
  result: a.result,
  at: toIso(a.at),
  ...(a.failureReason === undefined ? {} : { failureReason: a.failureReason }),
});

function usageOf(state: AgentState): UsageEntry[] {
  const auth = state.authorization;
  if (auth.grants.length > 0) {
    const held = isAuthorizationInForce(auth.status);
    return auth.grants.map((g) => ({
      name: g.name,
      tag: g.tag,
      description: g.name,
      count: g.count,
      version: '1.0',
      status: held ? g.status : auth.status,
      exportStatus: g.exportStatus,
    }));
  }
  if (!isEvaluation(auth.status)) return [];
  // An evaluation entry prints an empty name and description (corpus NTC-ALL3).
  return state.entitlements.map((e) => ({
    name: '',
    tag: e.tag,
    description: '',
    count: e.count,
    version: '1.0',
    status: auth.status,
  }));
}

/** What the device prints at `now` (the state is first brought up to `now` with `tick`). */
export function toLicenseView(
  state: AgentState,
  now: Instant,
  settings: LicenseViewSettings,
): SmartLicenseData {
  const s = tick(state, now);
  const r = s.registration;
  const a = s.authorization;
  const registered = hasIdCertificate(r.status);
  const registration: NonNullable<SmartLicenseData['registration']> = {
    status: r.status,
    ...(r.statusDetail ? { statusDetail: r.statusDetail } : {}),
    ...(registered && r.smartAccount !== undefined ? { smartAccount: r.smartAccount } : {}),
    ...(registered && r.virtualAccount !== undefined ? { virtualAccount: r.virtualAccount } : {}),
    exportControlled: r.exportControlAllowed ? 'ALLOWED' : 'NOT ALLOWED',
    ...(r.initial ? { initialRegistration: attempt(r.initial) } : {}),
    ...(registered ? { lastRenewalAttempt: r.lastRenewal ? attempt(r.lastRenewal) : null } : {}),
    ...(r.status === 'REGISTERED' && r.nextRenewalAt !== undefined
      ? { nextRenewalAttempt: toIso(r.nextRenewalAt) }
      : {}),
    ...(r.status === 'REGISTERING' && r.nextRegistrationAt !== undefined
      ? { nextRegistrationAttempt: toIso(r.nextRegistrationAt) }
      : {}),
    ...(registered && r.expiresAt !== undefined ? { expires: toIso(r.expiresAt) } : {}),
  };
  const inEval = isEvaluation(a.status);
  const authorization: NonNullable<SmartLicenseData['authorization']> = {
    status: a.status,
    ...(a.since !== undefined && !inEval ? { since: toIso(a.since) } : {}),
    ...(a.status === 'EVAL MODE'
      ? { evaluationRemainingSeconds: Math.floor(evaluationRemaining(s.evaluation, now) / SECOND) }
      : {}),
    ...(a.status === 'EVAL EXPIRED' && s.evaluation.expiredAt !== undefined
      ? { evaluationExpired: toIso(s.evaluation.expiredAt) }
      : {}),
    ...(registered && a.lastComm !== undefined
      ? { lastCommunicationAttempt: a.lastComm ? attempt(a.lastComm) : null }
      : {}),
    ...(r.status === 'REGISTERED' && a.nextCommAt !== undefined
      ? { nextCommunicationAttempt: toIso(a.nextCommAt) }
      : {}),
    ...(registered && a.deadlineAt !== undefined
      ? { communicationDeadline: { at: toIso(a.deadlineAt), exceeded: now >= a.deadlineAt } }
      : {}),
  };
  const t = settings.transport;
  return {
    smartLicensing: 'ENABLED',
    registration,
    authorization,
    exportAuthorizationKey: { featuresAuthorized: [] },
    utility: { status: settings.utilityStatus ?? 'DISABLED' },
    dataPrivacy: settings.dataPrivacy ?? {
      sendingHostname: true,
      callhomeHostnamePrivacy: false,
      smartLicensingHostnamePrivacy: false,
      versionPrivacy: false,
    },
    transport: {
      type: t.type,
      ...(t.url !== undefined ? { url: t.url } : {}),
      ...(t.type === 'smart' || t.proxy !== undefined ? { proxy: t.proxy ?? null, vrf: t.vrf ?? null } : {}),
    },
    usage: usageOf(s),
    udi: { ...s.udi },
    agentVersion: settings.agentVersion ?? agentVersionFor(s.softwareVersion),
    reservation: { enabled: false },
  };
}

function record(a: AttemptInfo | null | undefined): AttemptRecord | null | undefined {
  if (a === null) return null;
  const at = fromIso(a?.at);
  if (!a || at === undefined) return undefined;
  return {
    result: a.result,
    at,
    ...(a.failureReason === undefined ? {} : { failureReason: a.failureReason }),
  };
}

/** Consecutive failures implied by a failed attempt and the retry that follows it. */
function failuresImplied(
  last: AttemptRecord | null | undefined,
  next: Instant | undefined,
  firstRetry: number,
) {
  if (last?.result !== 'FAILED') return 0;
  return next !== undefined && next - last.at > firstRetry * 2 ? 2 : 1;
}

/**
 * Starts the machine from a parsed snapshot taken at `now` (best effort). Inferred when absent:
 * ID certificate issue = expiry − 1 year + the expiry lead; next renewal = issue + 180 d; last successful
 * communication = deadline − 90 d + the lead (or the last attempt when it SUCCEEDED); next communication =
 * last success + 30 d; a deadline printed as DEADLINE EXCEEDED = the AUTH EXPIRED date (the last
 * communication attempt's: the deadline was at or before it, and once AUTH EXPIRED is noticed the
 * machine only needs it to print DEADLINE EXCEEDED again); retry
 * counters from the gap between the last failed attempt and the next one; evaluation time used from
 * "Evaluation Period Remaining" (0 when not printed). The certificate id is unknown: `snapshot:SN`.
 * The ID token is never in a snapshot, so a REGISTERING device retries with an empty token.
 */
export function fromLicenseView(data: SmartLicenseData, now: Instant): AgentState {
  const udi = data.udi ? { ...data.udi } : { pid: 'UNKNOWN', sn: 'UNKNOWN' };
  const usage = data.usage ?? [];
  const rv = data.registration;
  const av = data.authorization;
  const rStatus = REGISTRATION_STATUS_WORDS.find((w) => w === rv?.status) ?? 'UNREGISTERED';
  const aStatus =
    AUTHORIZATION_STATUS_WORDS.find((w) => w === av?.status) ??
    (rStatus === 'REGISTERED' ? 'AUTHORIZED' : 'EVAL MODE');
  const expiresAt = fromIso(rv?.expires);
  const issuedAt = expiresAt === undefined ? undefined : issuedBeforeExpiry(expiresAt);
  const lastRenewal = record(rv?.lastRenewalAttempt);
  const nextRenewalAt =
    fromIso(rv?.nextRenewalAttempt) ??
    (issuedAt === undefined ? undefined : issuedAt + DEFAULT_TIMERS.idRenewAfter);
  const initial = record(rv?.initialRegistration) ?? undefined;
  const nextRegistrationAt =
    fromIso(rv?.nextRegistrationAttempt) ?? (rStatus === 'REGISTERING' ? now : undefined);
  const registered = hasIdCertificate(rStatus);

  const lastComm = record(av?.lastCommunicationAttempt);
  const since = fromIso(av?.since);
  let deadlineAt = fromIso(av?.communicationDeadline?.at);
  if (deadlineAt === undefined && av?.communicationDeadline?.exceeded) deadlineAt = since;
  const lastSuccessAt =
    lastComm?.result === 'SUCCEEDED'
      ? lastComm.at
      : deadlineAt === undefined
        ? undefined
        : successBeforeDeadline(deadlineAt);
  deadlineAt ??= lastSuccessAt === undefined ? undefined : communicationDeadline(lastSuccessAt);
  const nextCommAt =
    fromIso(av?.nextCommunicationAttempt) ??
    (rStatus === 'REGISTERED' && lastSuccessAt !== undefined
      ? lastSuccessAt + DEFAULT_TIMERS.authRenewAfter
      : undefined);

  const grants: EntitlementGrant[] = registered
    ? usage.map((u) => ({
        tag: u.tag,
        name: u.name || entitlementName(u.tag) || u.tag,
        count: u.count ?? 1,
        status:
          u.status === 'AUTHORIZED' || u.status === undefined || u.status === aStatus
            ? 'AUTHORIZED'
            : 'NOT AUTHORIZED',
        exportStatus: GRANT_EXPORT_STATUS_WORDS.find((w) => w === u.exportStatus) ?? 'NOT RESTRICTED',
      }))
    : [];
  const remaining = av?.evaluationRemainingSeconds;
  const evalUsed =
    aStatus === 'EVAL EXPIRED'
      ? DEFAULT_TIMERS.evaluationPeriod
      : remaining === undefined
        ? 0
        : Math.max(0, DEFAULT_TIMERS.evaluationPeriod - remaining * SECOND);
  const evaluationExpiredAt = fromIso(av?.evaluationExpired);

  const state: AgentState = {
    v: 1,
    udi,
    entitlements: usage.map((u) => ({ tag: u.tag, count: u.count ?? 1 })),
    registration: {
      status: rStatus,
      ...(rv?.statusDetail ? { statusDetail: rv.statusDetail } : {}),
      ...(rv?.smartAccount !== undefined ? { smartAccount: rv.smartAccount } : {}),
      ...(rv?.virtualAccount !== undefined ? { virtualAccount: rv.virtualAccount } : {}),
      exportControlAllowed: rv?.exportControlled === 'ALLOWED',
      ...(registered ? { certificateId: `snapshot:${udi.sn}` } : {}),
      ...(issuedAt === undefined ? {} : { issuedAt }),
      ...(expiresAt === undefined ? {} : { expiresAt }),
      ...(initial ? { initial } : {}),
      ...(registered ? { lastRenewal: lastRenewal ?? null } : {}),
      ...(rStatus === 'REGISTERED' && nextRenewalAt !== undefined ? { nextRenewalAt } : {}),
      ...(rStatus === 'REGISTERING' && nextRegistrationAt !== undefined ? { nextRegistrationAt } : {}),
      renewFailures: failuresImplied(lastRenewal, nextRenewalAt, DEFAULT_TIMERS.renewRetryFirst),
      registerFailures: initial?.result === 'FAILED' ? 1 : 0,
    },
    authorization: {
      status: aStatus,
      ...(since === undefined ? {} : { since }),
      ...(registered ? { lastComm: lastComm ?? null } : {}),
      ...(rStatus === 'REGISTERED' && nextCommAt !== undefined ? { nextCommAt } : {}),
      ...(lastSuccessAt === undefined ? {} : { lastSuccessAt }),
      ...(deadlineAt === undefined ? {} : { deadlineAt }),
      commFailures: failuresImplied(lastComm, nextCommAt, DEFAULT_TIMERS.commRetryFirst),
      grants,
    },
    evaluation: {
      usedMs: evalUsed,
      ...(aStatus === 'EVAL MODE' ? { runningSince: now } : {}),
      ...(aStatus === 'EVAL EXPIRED' ? { expiredAt: evaluationExpiredAt ?? since ?? now } : {}),
    },
    asOf: now,
  };
  return state;
}
