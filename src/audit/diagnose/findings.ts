// From a device's parsed state and `now` to findings with stable codes (docs/ARCHITECTURE.md,
// "Finding codes").
// Pure and table-tested: each rule reads the snapshot, never the wall clock.

import {
  DEFAULT_TIMERS,
  endpointFor,
  featuresCutAtAuthExpiry,
  SMART_TRANSPORT_URL,
  spellDuration,
  spellMonths,
} from '../../core/index.ts';
import type { Facts, Finding } from '../report/contract.ts';
import { UNAUTHORIZED_CODES } from './catalogue.ts';
import { type DeviceSnapshot, licenseOnlyFiltered, type OutputSource } from './snapshot.ts';
import { isoDay, isPast } from './time.ts';

/** The License Authority's hosts, as the core's transport URLs name them. */
export const SMART_RECEIVER = endpointFor('smart').host;
export const CALLHOME_HOST = endpointFor('callhome').host;

// Durations in sentences are spelled from the core's agent timers.
const COMM_DEADLINE = spellDuration(DEFAULT_TIMERS.commDeadlineAfter);
const EVALUATION = spellDuration(DEFAULT_TIMERS.evaluationPeriod);
const ID_RENEW = spellMonths(DEFAULT_TIMERS.idRenewAfter);
const REGISTRATION_VALIDITY = spellDuration(DEFAULT_TIMERS.registrationValidity);

/**
 * Every finding that applies to one device at `now`, most severe first. Each rule fires on what
 * the outputs show; what they do not show (a command not collected, a line a filter removed) is
 * unknown, and says so in one note rather than in a finding.
 */
export function findingsFor(snapshot: DeviceSnapshot, facts: Facts, now: number): Finding[] {
  const out: Finding[] = [];
  const lic = snapshot.license;
  if (!lic?.registration && !lic?.authorization) {
    out.push(...platformFindings(snapshot));
    out.push(...transportFindings(facts, false));
    out.push(notCollected(snapshot, facts));
    return sortFindings(out);
  }
  const reg = lic.registration;
  const auth = lic.authorization;
  const authStatus = auth?.status ?? '';
  const lastComm = auth?.lastCommunicationAttempt;
  const regExpired = reg?.status === 'REGISTERED' && isPast(reg.expires, now);
  const registrationLost =
    reg?.status === 'REGISTERING' || reg?.status === 'REGISTRATION EXPIRED' || regExpired;

  if (registrationLost) {
    out.push({
      code: 'REGISTRATION_LOST',
      severity: 'critical',
      summary: regExpired
        ? `registration expired on ${isoDay(reg.expires as string)}: the next reload comes back in EVAL MODE`
        : `registration lost: the device is ${reg?.statusDetail ? `${reg.status} - ${reg.statusDetail}` : reg?.status}`,
      detail: regExpired
        ? 'The ID certificate was not renewed before it expired (the snapshot still said REGISTERED). The device keeps running until it reloads; after a reload it comes back REGISTERING in EVAL MODE with export-controlled functionality (strong crypto) NOT ALLOWED: VPN and SSH outage, failover split-brain risk.'
        : `The device is trying to register again${reg?.initialRegistration?.result === 'FAILED' ? ` and the last attempt FAILED${reg.initialRegistration.failureReason ? ` (${reg.initialRegistration.failureReason})` : ''}` : ''}. Until it registers, authorization stays ${authStatus || 'unknown'} and export-controlled functionality is ${reg?.exportControlled ?? 'unknown'}.`,
    });
  }

  const authExpiredBySnapshot = authStatus === 'AUTH EXPIRED';
  const authExpiredByClock =
    (authStatus === 'AUTHORIZED' || authStatus === 'OUT OF COMPLIANCE') && facts.deadlinePassed;
  if (authExpiredBySnapshot || authExpiredByClock) {
    out.push({
      code: 'AUTH_EXPIRED',
      severity: 'critical',
      summary: authExpiredBySnapshot
        ? // The date the device prints after AUTH EXPIRED is its last communication attempt's,
          // not when authorization expired (core/agent/machine.ts).
          `authorization expired${auth?.since ? ` (still so at the last attempt, ${isoDay(auth.since)})` : ''}: licensed features are restricted`
        : `the communication deadline${facts.communicationDeadline ? ` ${isoDay(facts.communicationDeadline)}` : ''} has passed: authorization has expired although the snapshot said ${authStatus}`,
      detail: `No successful communication with the License Authority for ${COMM_DEADLINE}: ${featuresCutAtAuthExpiry(facts.platform, facts.version)}, until the device renews its authorization.`,
    });
  } else if (authStatus === 'AUTHORIZED' && lastComm?.result === 'FAILED') {
    const days = facts.daysToDeadline;
    out.push({
      code: 'COMM_FAILING',
      severity: 'warning',
      summary: `cannot reach the License Authority${lastComm.failureReason ? ` (${lastComm.failureReason})` : ''}; still AUTHORIZED${days !== null ? `, ${days} days to the communication deadline` : ''}`,
      detail: `The last communication attempt${lastComm.at ? ` on ${isoDay(lastComm.at)}` : ''} FAILED. No operational impact yet; authorization expires at the communication deadline${facts.communicationDeadline ? ` (${isoDay(facts.communicationDeadline)})` : ''} unless a renewal succeeds before.`,
    });
  }

  if (authStatus === 'OUT OF COMPLIANCE') {
    out.push({
      code: 'OUT_OF_COMPLIANCE',
      severity: 'warning',
      summary:
        'OUT OF COMPLIANCE: the virtual account does not hold enough licences for what the device uses',
      detail:
        'The License Authority answered but could not grant every entitlement; add licences to the virtual account or move the device to one that has them.',
    });
  }

  const renewal = reg?.lastRenewalAttempt;
  if (reg?.status === 'REGISTERED' && !regExpired && renewal?.result === 'FAILED') {
    out.push({
      code: 'RENEWAL_FAILING',
      severity: 'warning',
      summary: `ID-certificate renewal is failing${renewal.failureReason ? ` (${renewal.failureReason})` : ''}; registration expires ${reg.expires ? isoDay(reg.expires) : 'at an unknown date'}`,
      detail: `The registration (ID certificate) is valid for ${REGISTRATION_VALIDITY} and renewed about every ${ID_RENEW}. If no renewal succeeds before it expires, the next reload comes back in EVAL MODE with strong crypto off.`,
    });
  }

  if (authStatus === 'EVAL MODE' || authStatus === 'EVAL EXPIRED') {
    const expired = authStatus === 'EVAL EXPIRED' || auth?.evaluationRemainingSeconds === 0;
    out.push({
      code: 'EVAL_MODE',
      severity: expired || registrationLost ? 'critical' : 'warning',
      summary: expired ? 'evaluation period expired' : 'running on the evaluation licence',
      detail: registrationLost
        ? 'The device fell back to evaluation after losing its registration: licensed features and strong crypto are off until it registers again.'
        : `Evaluation lasts ${EVALUATION}; register the device with an ID token from its Smart Account.`,
    });
  }

  if (reg?.exportControlled === 'NOT ALLOWED' || reg?.exportControlled?.toUpperCase() === 'NOT ALLOWED') {
    out.push({
      code: 'EXPORT_CONTROL_NOT_ALLOWED',
      severity: registrationLost ? 'critical' : 'warning',
      summary: 'export-controlled functionality (strong encryption) is NOT ALLOWED',
      detail:
        'Without export-controlled functionality the device cannot use strong encryption: VPN tunnels and SSH sessions that need it fail, and a failover pair can split.',
    });
  }

  if (reg?.status === 'UNREGISTERED') {
    out.push({
      code: 'UNREGISTERED',
      severity: 'warning',
      summary: 'the device is not registered with a Smart Account',
      detail: 'Register it with an ID token from the Smart Account’s virtual account.',
    });
  }

  out.push(...platformFindings(snapshot, unauthorizedCause(out)));
  out.push(...transportFindings(facts, lastComm?.result === 'FAILED'));
  if (licenseOnlyFiltered(snapshot)) out.push(notCollected(snapshot, facts));
  return sortFindings(out);
}

/** `show license all | include Status`, for a note. */
function typed(o: OutputSource): string {
  if (!o.filter) return o.command;
  const f = o.filter;
  return `${o.command} | ${f.type}${f.invert ? ' -v' : ''} ${f.pattern}`.trimEnd();
}

/**
 * Registration and authorization are not in the outputs: a PAK platform (nothing to collect), no
 * licensing output at all, or outputs that do not hold them (`show license status` or
 * `show version` alone, a filtered `show license all`): then a note naming what to add.
 */
function notCollected(snapshot: DeviceSnapshot, facts: Facts): Finding {
  const read = snapshot.read ?? [];
  if (facts.licenseMode === 'pak')
    return {
      code: 'NO_LICENSE_DATA',
      severity: 'info',
      summary: 'PAK-licensed platform: Smart Licensing is not in use',
      detail: 'This platform uses a PAK activation key; the Smart Transport change does not apply.',
    };
  if (read.length === 0)
    return {
      code: 'NO_LICENSE_DATA',
      severity: 'warning',
      summary: 'no Smart Licensing status was collected (show license all missing or unreadable)',
      detail: 'Collect `show license all` (and `show version`) to diagnose this device.',
    };
  const what = read.map(typed).join(', ');
  if (licenseOnlyFiltered(snapshot))
    return {
      code: 'LICENSE_NOT_COLLECTED',
      severity: 'info',
      summary:
        'show license was filtered: what the filter removed is unknown; add `show license all` unfiltered',
      detail: `Read: ${what}. A filtered output holds only the lines the filter let through: the registration and authorization details, dates and deadlines it removed are unknown (not absent), so no deadline is predicted; collect \`show license all\` without a filter to see them.`,
    };
  return {
    code: 'LICENSE_NOT_COLLECTED',
    severity: 'info',
    summary: 'registration and authorization were not collected: add `show license all`',
    detail: `Read: ${what}. None of these prints the registration and authorization state; collect \`show license all\` to see it, and the dated deadlines.`,
  };
}

/**
 * What leaves the platform unauthorized among the findings already raised (the first one of
 * UNAUTHORIZED_CODES), in words, or undefined when the device is authorized.
 */
function unauthorizedCause(findings: Finding[]): string | undefined {
  const codes = new Set(findings.map((f) => f.code));
  const first = UNAUTHORIZED_CODES.find((c) => codes.has(c));
  if (first === 'AUTH_EXPIRED') return 'the expired authorization (AUTH_EXPIRED)';
  if (first === 'REGISTRATION_LOST') return 'the lost registration (REGISTRATION_LOST)';
  if (first === 'EVAL_MODE') return 'running on evaluation (EVAL_MODE)';
  if (first === 'UNREGISTERED') return 'the missing registration (UNREGISTERED)';
  return undefined;
}

function platformFindings(snapshot: DeviceSnapshot, cause?: string): Finding[] {
  const v = snapshot.version;
  if (!v) return [];
  const unlicensed = v.platformLicenseState?.toLowerCase() === 'unlicensed';
  const throttled = v.throughputLimit !== undefined && /^\s*100\s*kbps/i.test(v.throughputLimit);
  if (!unlicensed && !throttled) return [];
  const shown = `show version: ${[
    v.platformLicenseState && `platform license state ${v.platformLicenseState}`,
    v.activeEntitlement && `active entitlement ${v.activeEntitlement}`,
    v.enforceMode && `enforce mode ${v.enforceMode}`,
  ]
    .filter(Boolean)
    .join(', ')}.`;
  const missing = entitlementConfigured(snapshot) === false;
  // Lost authorization limits the platform by itself: then this is its consequence, and the fix
  // is the authorization's; `feature tier`/`throughput level` only when the outputs show them missing.
  const consequence = cause
    ? ` This is a consequence of ${cause}: restoring the authorization lifts it${missing ? '; feature tier and throughput level are also not configured' : '; feature tier and throughput level need no change'}.`
    : '';
  return [
    {
      code: 'PLATFORM_UNLICENSED',
      severity: 'warning',
      summary: `platform licence ${unlicensed ? 'Unlicensed' : 'limited'}${v.throughputLimit ? `: throughput limited to ${v.throughputLimit}` : ''}${cause ? ` because of ${cause}` : ''}`,
      detail: `${shown}${consequence}`,
    },
  ];
}

/**
 * Whether `feature tier` and `throughput level` are configured: from `show running-config
 * license` (true when it holds both, false when it lacks either), undefined when not collected.
 */
export function entitlementConfigured(snapshot: DeviceSnapshot): boolean | undefined {
  const lic = snapshot.config?.license;
  if (!lic?.smart) return undefined;
  return Boolean(lic.featureTier && lic.throughputLevel);
}

function transportFindings(facts: Facts, failing: boolean): Finding[] {
  const t = facts.transport;
  if (!t) return [];
  if (t.type === 'callhome') {
    return [
      {
        code: 'TRANSPORT_CALLHOME',
        severity: 'info',
        summary: 'Call Home transport in use: deprecated, return to Smart Transport once reachable',
        detail: `Call Home (${CALLHOME_HOST}) is going to be deprecated. Once ${SMART_RECEIVER}:443 is permitted upstream, set \`transport type smart\` under \`license smart\`.`,
      },
    ];
  }
  if (t.type === 'smart') {
    return [
      {
        code: 'TRANSPORT_SMART',
        severity: 'info',
        summary: `Smart Transport in use: ${SMART_RECEIVER}:443 must be permitted upstream${failing ? ' (and it looks blocked)' : ''}`,
        detail: `The device sends licensing messages to ${t.url ?? SMART_TRANSPORT_URL}${t.proxy ? ` through the proxy ${t.proxy.host}:${t.proxy.port}; be aware of Cisco bug CSCwr56980 while checking the proxy settings` : ''}.`,
      },
    ];
  }
  return [];
}

const RANK = { critical: 0, warning: 1, unknown: 2, info: 3, ok: 4 } as const;

function sortFindings(list: Finding[]): Finding[] {
  return list
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
    .map((x) => x.f);
}
