// Diagnosis of one device: facts, findings, advisories, timeline and remediation from a
// collection and `now`. Pure: no sockets, files or wall clock.

import type { DeviceCollection } from '../collect/types.ts';
import { type DeviceAudit, type Finding, type Severity, worse } from '../report/contract.ts';
import { advisoriesFor } from './advisories.ts';
import { deriveFacts } from './facts.ts';
import { entitlementConfigured, findingsFor } from './findings.ts';
import { implausibleDateFinding } from './plausibility.ts';
import { remediationFor } from './remediation.ts';
import type { DeviceSnapshot } from './snapshot.ts';
import { predictTimeline } from './timeline.ts';

export type { DeviceSnapshot } from './snapshot.ts';

/**
 * Diagnose one device whose outputs have been parsed into `snapshot`. `shouldStop` is the caller's
 * time budget for the prediction (it throws DriveStopped when spent).
 */
export function diagnose(
  collection: DeviceCollection,
  snapshot: DeviceSnapshot,
  now: number,
  shouldStop?: () => boolean,
): DeviceAudit {
  const facts = deriveFacts({
    device: collection.device,
    snapshot,
    now,
    context: collection.context,
    failover: collection.failover,
  });
  const findings: Finding[] = [];
  if (!collection.ok && collection.error) findings.push(collectionFailed(collection.error));
  if (collection.ok || snapshot.license || snapshot.version)
    findings.push(...findingsFor(snapshot, facts, now));
  const dates = implausibleDateFinding(snapshot, now);
  if (dates) findings.push(dates);
  if (collection.context?.mode === 'multiple' && collection.context.isSystem === false) {
    findings.push({
      code: 'USER_CONTEXT',
      severity: 'info',
      summary: `audited from user context ${collection.context.current ?? ''}`.trim(),
      detail: 'Smart Licensing is managed in the system context; audit from there for the full picture.',
    });
  }
  const worst = findings.reduce<Severity>((w, f) => worse(w, f.severity), 'ok');
  return {
    device: collection.device,
    source: collection.source,
    ok: collection.ok,
    error: collection.error ?? null,
    collectedAt: collection.collectedAt,
    worst,
    facts,
    outputs: snapshot.read ?? [],
    findings,
    advisories: advisoriesFor(facts),
    timeline: predictTimeline(snapshot, facts, now, shouldStop),
    remediation: remediationFor(facts, findings, { entitlementConfigured: entitlementConfigured(snapshot) }),
    notes: [],
  };
}

function collectionFailed(error: NonNullable<DeviceCollection['error']>): Finding {
  // A device that could not be checked is UNKNOWN, neither a warning nor a failed run; a changed
  // host key is a possible man-in-the-middle: loud, not just "unreachable".
  const hostKey = error.phase === 'hostkey';
  return {
    code: 'COLLECTION_FAILED',
    severity: hostKey ? 'critical' : 'unknown',
    summary: `collection failed at ${error.phase}: ${error.message}`,
    detail: `${error.code}: the device could not be audited; its licensing state is unknown.`,
  };
}
