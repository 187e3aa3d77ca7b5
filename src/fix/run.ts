// A fix run over a fleet: each device read, planned and (with --apply) fixed in its own SSH
// session, as many at once as the audit collects (inPool, deviceOptions: the same concurrency,
// timeouts, host-key checks and secrets). Or plans from a saved `audit --json`, without SSH.

import { type CollectFleetOptions, deviceOptions, inPool } from '../audit/collect/fleet.ts';
import type { InvalidDevice, InventoryDevice } from '../audit/collect/inventory/model.ts';
import { type AuditReport, exitStatusFor, type Severity, worse } from '../audit/report/contract.ts';
import { type FixDeviceOptions, fixDevice } from './apply.ts';
import {
  FIX_OUTCOMES,
  type FixDevice,
  type FixOutcome,
  type FixPlan,
  type FixReport,
  type FixStrategy,
  fixSeverity,
} from './contract.ts';
import { type PlanOptions, planFix } from './strategy.ts';

export interface FixFleetInput {
  devices: InventoryDevice[];
  /** Inventory entries that did not validate: each is a failed device, the others go on. */
  invalid: InvalidDevice[];
  collect: CollectFleetOptions;
  fix: Omit<FixDeviceOptions, 'expected'>;
  /** Plans confirmed earlier, by device name: a device is changed only if it still calls for the same. */
  expected?: ReadonlyMap<string, FixPlan>;
  /** Called as each device is done (progress). */
  onDevice?: (d: FixDevice) => void;
}

/** Read, plan and (with --apply) fix every device. Devices not started before Ctrl-C are left out. */
export async function fixFleet(input: FixFleetInput): Promise<FixDevice[]> {
  const out: FixDevice[] = input.invalid.map((bad) => ({
    device: bad.name,
    source: { kind: 'ssh', host: '', port: 0 },
    outcome: 'failed',
    message: bad.message,
    error: { phase: 'inventory', code: 'INVENTORY_INVALID', message: bad.message },
    deviceTime: null,
    plan: null,
    result: null,
  }));
  for (const d of out) input.onDevice?.(d);
  const dopts = await deviceOptions(input.collect);
  const work = (device: InventoryDevice) => {
    const expected = input.expected?.get(device.name);
    return fixDevice(device, dopts, { ...input.fix, ...(expected ? { expected } : {}) });
  };
  const done = new Set<string>();
  for await (const d of inPool(input.devices, input.collect, work)) {
    out.push(d);
    done.add(d.device);
    input.onDevice?.(d);
  }
  // Ctrl-C: the devices never started are reported too, untouched.
  if (input.collect.signal?.aborted)
    for (const device of input.devices.filter((d) => !done.has(d.name)))
      out.push({
        device: device.name,
        source: { kind: 'ssh', host: device.host, port: device.port },
        outcome: 'not-applied',
        message: 'interrupted before it was started: nothing was read or changed',
        error: null,
        deviceTime: null,
        plan: input.expected?.get(device.name) ?? null,
        result: null,
      });
  return out;
}

/** Plans from a saved audit (`smartlic audit --json`): no SSH, and nothing changed. */
export function plansFromAudit(report: AuditReport, opts: PlanOptions): FixDevice[] {
  return report.devices.map((audit) => {
    if (!audit.ok) {
      return {
        device: audit.device,
        source: audit.source,
        outcome: 'failed',
        message: `the saved audit could not read this device: ${audit.error?.message ?? 'unknown error'}`,
        error: audit.error,
        deviceTime: null,
        plan: null,
        result: null,
      };
    }
    const plan = planFix({ audit }, opts);
    const outcome: FixOutcome =
      plan.action === 'none' ? 'nothing-to-do' : plan.action === 'skip' ? 'skipped' : 'planned';
    return {
      device: audit.device,
      source: audit.source,
      outcome,
      message: plan.summary,
      error: null,
      deviceTime: null,
      plan,
      result: null,
    };
  });
}

/** The report of a run, devices by name. */
export function buildFixReport(
  devices: FixDevice[],
  mode: FixReport['mode'],
  strategy: FixStrategy | undefined,
  generatedAt: number,
): FixReport {
  const sorted = [...devices].sort((a, b) => a.device.localeCompare(b.device));
  const byOutcome = Object.fromEntries(FIX_OUTCOMES.map((o) => [o, 0])) as Record<FixOutcome, number>;
  for (const d of sorted) byOutcome[d.outcome]++;
  return {
    generatedAt: new Date(generatedAt).toISOString(),
    mode,
    strategy: strategy ?? null,
    devices: sorted,
    summary: { devices: sorted.length, byOutcome },
  };
}

/**
 * The run's exit status from its devices, by the audit's rules (docs/exit-status.md): 0 every
 * device fixed or needing nothing, 1 a device not fixed (rolled back, failed, skipped, declined),
 * 2 a rollback that failed or a changed host key, 3 only devices that could not be read.
 */
export function fixExitStatus(report: FixReport): number {
  return exitStatusFor(report.devices.reduce<Severity>((w, d) => worse(w, fixSeverity(d)), 'ok'));
}
