// The audit pipeline: collections in (live SSH or saved files, as they complete), one report
// out. A device whose collection or parsing failed is a row with its error, never an aborted run.

import type { DeviceCollection } from './collect/types.ts';
import { diagnose } from './diagnose/index.ts';
import { snapshotFromOutputs } from './diagnose/parse-outputs.ts';
import type { DeviceSnapshot } from './diagnose/snapshot.ts';
import {
  type AuditReport,
  type DeviceAudit,
  exitStatusFor,
  type Severity,
  worse,
} from './report/contract.ts';

export interface RunAuditOptions {
  /** Collections as they complete (collectFleet) or all at once (loadSaved). */
  collections: AsyncIterable<DeviceCollection> | Iterable<DeviceCollection>;
  /** The time the snapshots are evaluated at (epoch ms): `--now`, or the wall clock. */
  now: number;
  /**
   * Per-device evaluation time (`--now device`: the device's own `show clock`); falls back to
   * `now`. The report's `now` is then the latest of them.
   */
  nowFor?: (collection: DeviceCollection) => number | undefined;
  /** When the report is produced; defaults to `now`. */
  generatedAt?: number;
  /** Outputs -> parsed snapshot; the text layer by default. */
  parse?: (collection: DeviceCollection) => DeviceSnapshot;
  /** Called once per device as soon as it is diagnosed (progress line, --save-raw). */
  onDevice?: (audit: DeviceAudit, collection: DeviceCollection) => void | Promise<void>;
  /** Stop consuming collections (Ctrl-C); what was diagnosed so far is still reported. */
  signal?: AbortSignal;
}

/** Run collections through parse and diagnosis into the DESIGN.md audit report. */
export async function runAudit(opts: RunAuditOptions): Promise<AuditReport> {
  const parse = opts.parse ?? ((c: DeviceCollection) => snapshotFromOutputs(c.outputs, c.collectedAt));
  const devices: DeviceAudit[] = [];
  let latest: number | undefined;
  for await (const collection of opts.collections) {
    const own = opts.nowFor?.(collection);
    if (own !== undefined) latest = Math.max(latest ?? own, own);
    // Evaluated on its own clock, the device's outputs were also printed at that time.
    const seen = own === undefined ? collection : { ...collection, collectedAt: new Date(own).toISOString() };
    const audit = auditOne(seen, parse, own ?? opts.now);
    devices.push(audit);
    await opts.onDevice?.(audit, collection);
    if (opts.signal?.aborted) break;
  }
  devices.sort((a, b) => a.device.localeCompare(b.device));
  return buildReport(devices, latest ?? opts.now, opts.generatedAt ?? opts.now);
}

function auditOne(
  collection: DeviceCollection,
  parse: (c: DeviceCollection) => DeviceSnapshot,
  now: number,
): DeviceAudit {
  let snapshot: DeviceSnapshot;
  try {
    snapshot = parse(collection);
  } catch (error) {
    // Parsers should never throw; if one does, this device reports it and the others go on.
    const message = error instanceof Error ? error.message : String(error);
    const failed: DeviceCollection = {
      ...collection,
      ok: false,
      error: collection.error ?? {
        phase: 'read',
        code: 'PARSE_FAILED',
        message: `could not parse outputs: ${message}`,
      },
    };
    return diagnose(failed, { parseWarnings: 0 }, now);
  }
  try {
    return diagnose(collection, snapshot, now);
  } catch (error) {
    // A bug in a rule must not cost the other devices their rows: report it on this one.
    const message = error instanceof Error ? error.message : String(error);
    const failed: DeviceCollection = {
      ...collection,
      ok: false,
      error: {
        phase: 'read',
        code: 'DIAGNOSE_FAILED',
        message: `diagnosis failed (a bug, please report it): ${message}`,
      },
    };
    return diagnose(failed, { parseWarnings: snapshot.parseWarnings }, now);
  }
}

/** Assemble the report and its summary from diagnosed devices. */
export function buildReport(devices: DeviceAudit[], now: number, generatedAt: number): AuditReport {
  const bySeverity = { ok: 0, info: 0, warning: 0, critical: 0 };
  let worst: Severity = 'ok';
  for (const d of devices) {
    bySeverity[d.worst]++;
    worst = worse(worst, d.worst);
  }
  return {
    generatedAt: new Date(generatedAt).toISOString(),
    now: new Date(now).toISOString(),
    devices,
    summary: { devices: devices.length, worst, bySeverity },
  };
}

/** DESIGN.md exit status for a whole report: 0 ok/info, 1 warning, 2 critical. */
export function reportExitStatus(report: AuditReport): number {
  return exitStatusFor(report.summary.worst);
}
