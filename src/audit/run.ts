// The audit pipeline: collections in (live SSH or saved files, as they complete), one report
// out. A device whose collection or parsing failed is a row with its error, never an aborted run.

import { DriveStopped } from '../core/index.ts';
import { DAY } from '../core/time.ts';
import type { DeviceCollection } from './collect/types.ts';
import { REMEDY_HEADLINES, SEVERITIES } from './diagnose/catalogue.ts';
import { deviceClock } from './diagnose/device-clock.ts';
import { diagnose } from './diagnose/index.ts';
import { snapshotFromOutputs } from './diagnose/parse-outputs.ts';
import type { DeviceSnapshot } from './diagnose/snapshot.ts';
import {
  type Action,
  type AuditReport,
  type DeviceAudit,
  type DeviceState,
  exitStatusFor,
  type Severity,
  severityRank,
  stateOf,
  worse,
} from './report/contract.ts';
import { isoSecond, spellDays } from './report/when.ts';

export interface RunAuditOptions {
  /** Collections as they complete (collectFleet) or all at once (loadSaved). */
  collections: AsyncIterable<DeviceCollection> | Iterable<DeviceCollection>;
  /** The time the snapshots are evaluated at (epoch ms): `--now`, or the wall clock. */
  now: number;
  /** Where `now` comes from, for the notes: `--now` (given) or this host's clock (wall, default). */
  nowFrom?: 'given' | 'wall';
  /**
   * Per-device evaluation time (`--now device`: the device's own `show clock`); falls back to
   * `now`, with a note. The report's `now` is then the latest of them.
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
  /** Time one device's prediction may take (default 2 s); past it the device is one error row. */
  diagnosisBudgetMs?: number;
}

/** Far above what a diagnosis costs (about a millisecond): only a pathological input reaches it. */
export const DEFAULT_DIAGNOSIS_BUDGET_MS = 2000;

/** Run collections through parse and diagnosis into the audit report (docs/ARCHITECTURE.md, contracts). */
export async function runAudit(opts: RunAuditOptions): Promise<AuditReport> {
  const parse = opts.parse ?? ((c: DeviceCollection) => snapshotFromOutputs(c.outputs, c.collectedAt));
  const devices: DeviceAudit[] = [];
  let latest: number | undefined;
  for await (const collection of opts.collections) {
    const own = opts.nowFor?.(collection);
    if (own !== undefined) latest = Math.max(latest ?? own, own);
    // Evaluated on its own clock, the device's outputs were also printed at that time.
    const seen = own === undefined ? collection : { ...collection, collectedAt: new Date(own).toISOString() };
    const at = own ?? opts.now;
    const audit = auditOne(seen, parse, at, opts.diagnosisBudgetMs ?? DEFAULT_DIAGNOSIS_BUDGET_MS);
    audit.notes.push(...evaluationNotes(collection, at, opts, own !== undefined));
    devices.push(audit);
    await opts.onDevice?.(audit, collection);
    // Saved files are diagnosed back to back without waiting on I/O: let the event loop turn
    // between devices, so a Ctrl-C (a signal is an event-loop task) is seen after this one.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (opts.signal?.aborted) break;
  }
  return buildReport(devices, latest ?? opts.now, opts.generatedAt ?? opts.now);
}

/**
 * What a reader of this device must know about the time it was judged at: the evaluation fell
 * back to this host's clock (`--now device` without a UTC `show clock`), the device's clock is
 * off by more than a day from the evaluation time (a lab's virtual clock, a device without NTP),
 * or a saved capture is more than a day older than the evaluation time.
 */
function evaluationNotes(
  c: DeviceCollection,
  at: number,
  opts: RunAuditOptions,
  onOwnClock: boolean,
): string[] {
  if (!c.ok && c.outputs.length === 0) return [];
  const notes: string[] = [];
  const clock = deviceClock(c.outputs);
  if (opts.nowFor && !onOwnClock)
    notes.push(
      `--now device: the outputs hold no show clock in UTC, so this device was evaluated at ${opts.nowFrom === 'given' ? 'the given time' : 'this host’s clock'}, ${isoSecond(at)}`,
    );
  if (!onOwnClock && clock !== undefined && Math.abs(clock - at) > DAY) {
    const how = `${spellDays(clock - at)} ${clock > at ? 'ahead of' : 'behind'}`;
    const live = c.source.kind === 'ssh';
    notes.push(
      live
        ? `the device’s clock (show clock) reads ${isoSecond(clock)}, ${how} the evaluation time: days are counted from ${isoSecond(at)}; to count them on the device’s clock (a lab’s virtual clock), give --now device`
        : `captured ${isoSecond(clock)} (its show clock), ${how} the evaluation time ${isoSecond(at)}: the state shown is the capture’s and may have changed since; days are counted from the evaluation time (--now device counts them from the capture)`,
    );
  } else if (!onOwnClock && clock === undefined && c.source.kind === 'file') {
    const saved = Date.parse(c.collectedAt);
    if (!Number.isNaN(saved) && at - saved > DAY)
      notes.push(
        `the saved outputs date from ${isoSecond(saved)} (no show clock in them: the time they were saved), ${spellDays(at - saved)} before the evaluation time: the state shown may have changed since`,
      );
  }
  return notes;
}

function auditOne(
  collection: DeviceCollection,
  parse: (c: DeviceCollection) => DeviceSnapshot,
  now: number,
  budgetMs: number,
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
  const until = performance.now() + budgetMs;
  try {
    return diagnose(collection, snapshot, now, () => performance.now() > until);
  } catch (error) {
    // A bug in a rule must not cost the other devices their rows: report it on this one.
    const message = error instanceof Error ? error.message : String(error);
    const failed: DeviceCollection = {
      ...collection,
      ok: false,
      error:
        error instanceof DriveStopped
          ? {
              phase: 'read',
              code: 'DIAGNOSIS_TOO_SLOW',
              message: `diagnosis stopped after its ${budgetMs} ms budget; its licensing dates are not reported`,
            }
          : {
              phase: 'read',
              code: 'DIAGNOSE_FAILED',
              message: `diagnosis failed (a bug, please report it): ${message}`,
            },
    };
    return diagnose(failed, { parseWarnings: snapshot.parseWarnings }, now);
  }
}

/**
 * Devices worst first (critical, warning, unknown, info, ok), then by name. Devices that share a
 * name (two sites' fw1) stay together in the order they came, ranked by the worst of them: the
 * history numbers them by that order (occurrence), which must not flip when their states change.
 */
export function worstFirst(devices: DeviceAudit[]): DeviceAudit[] {
  const rank = new Map<string, number>();
  for (const d of devices) rank.set(d.device, Math.max(rank.get(d.device) ?? 0, severityRank(d.worst)));
  return devices
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        (rank.get(b.d.device) ?? 0) - (rank.get(a.d.device) ?? 0) ||
        a.d.device.localeCompare(b.d.device) ||
        a.i - b.i,
    )
    .map((x) => x.d);
}

/** Assemble the report and its fleet summary from diagnosed devices. */
export function buildReport(diagnosed: DeviceAudit[], now: number, generatedAt: number): AuditReport {
  const devices = worstFirst(diagnosed);
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byState: Record<DeviceState, number> = { ok: 0, unknown: 0, warning: 0, critical: 0 };
  const byFinding: Record<string, number> = {};
  const byTransport: Record<string, number> = {};
  let worst: Severity = 'ok';
  for (const d of devices) {
    bySeverity[d.worst]++;
    byState[stateOf(d.worst)]++;
    worst = worse(worst, d.worst);
    for (const code of new Set(d.findings.map((f) => f.code))) byFinding[code] = (byFinding[code] ?? 0) + 1;
    if (d.ok) {
      const t = d.facts.transport?.type ?? 'unknown';
      byTransport[t] = (byTransport[t] ?? 0) + 1;
    }
  }
  return {
    generatedAt: new Date(generatedAt).toISOString(),
    now: new Date(now).toISOString(),
    devices,
    summary: {
      devices: devices.length,
      worst,
      byState,
      byFinding,
      byTransport,
      actions: firstActions(devices),
      bySeverity,
    },
  };
}

/**
 * What to do first: for each device that is not ok, its first remediation step (the order the
 * catalogue applies them), grouped across devices; devices that could not be checked group by
 * their error code. Most urgent first: by the worst device each action helps, then by how many.
 */
export function firstActions(devices: DeviceAudit[]): Action[] {
  const groups = new Map<string, Action>();
  for (const d of devices) {
    const state = stateOf(d.worst);
    if (state === 'ok') continue;
    let key: string;
    let action: Omit<Action, 'devices' | 'state'>;
    const first = d.remediation[0];
    if (!d.ok && d.error) {
      key = `error:${d.error.code}`;
      action = { what: `make the device checkable: ${d.error.code} (${d.error.phase})`, step: null };
    } else if (first) {
      key = `step:${first.step}`;
      action = { what: REMEDY_HEADLINES[first.step], step: first.step };
    } else continue;
    const g = groups.get(key);
    if (g) {
      g.devices.push(d.device);
      if (severityRank(state) > severityRank(g.state)) g.state = state;
    } else groups.set(key, { ...action, state, devices: [d.device] });
  }
  return [...groups.values()].sort(
    (a, b) => severityRank(b.state) - severityRank(a.state) || b.devices.length - a.devices.length,
  );
}

/**
 * The exit status of a whole report: 0 ok/info, 1 worst warning, 2 worst critical, 3 some device
 * could not be checked and none is worse. A critical device is never masked by another's failure.
 */
export function reportExitStatus(report: AuditReport): number {
  return exitStatusFor(report.summary.worst);
}
