// One device's fix over SSH: the audit's own read-only dialog (runAsaSession) and diagnosis, the
// plan (strategy.ts), and with --apply the change in the same session: the lines under
// `license smart`, `license smart renew auth|id`, `show license all` polled until the device's
// own renewal proves the path (verify.ts) or the deadline passes; then `write memory`, or the
// previous lines back, checked in the running config, and a renewal over the restored transport.
// Nothing is saved before the renewal is proven, so a reload always brings back what was there.

import { configureLines } from '../audit/collect/configure.ts';
import type { DeviceCollectOptions, DialogContext, SessionDialog } from '../audit/collect/device.ts';
import { runDeviceSession } from '../audit/collect/device.ts';
import type { InventoryDevice } from '../audit/collect/inventory/model.ts';
import {
  type AuditSessionResult,
  type ExecSession,
  execCommand,
  runAsaSession,
  type SessionResult,
} from '../audit/collect/session.ts';
import type { CollectedOutput, DeviceCollection } from '../audit/collect/types.ts';
import { deviceClock } from '../audit/diagnose/device-clock.ts';
import { diagnose } from '../audit/diagnose/index.ts';
import { snapshotFromOutputs } from '../audit/diagnose/parse-outputs.ts';
import { mapStrings } from '../audit/report/escape.ts';
import { defaultTransportFor, tryParseAsaVersion } from '../core/index.ts';
import type { LicenseConfig, SmartLicenseData } from '../core/model.ts';
import {
  type KnownCommand,
  parseRunningConfig,
  parseShowClock,
  parseShowLicense,
  refusalIn,
} from '../text/index.ts';
import type { FixDevice, FixOutcome, FixPlan, FixResult, Renewal, TransportState } from './contract.ts';
import { transportState } from './lines.ts';
import { type PlanOptions, planFix, TRANSPORT_NAME } from './strategy.ts';
import {
  attemptOf,
  combinedVerdict,
  RENEW_COMMANDS,
  type RenewKind,
  renewalRecord,
  renewalVerdict,
} from './verify.ts';

// The commands a fix types, named in the text layer's command table.
const SHOW_LICENSE = 'show license all' satisfies KnownCommand;
const SHOW_CONFIG = 'show running-config license' satisfies KnownCommand;
const SHOW_CLOCK = 'show clock' satisfies KnownCommand;
const WRITE = 'write memory' satisfies KnownCommand;

export interface FixDeviceOptions extends PlanOptions {
  /** Change the device (false: plan only, the session stays read-only). */
  apply: boolean;
  /** Poll `show license all` this often while verifying. */
  pollMs: number;
  /** Give up verifying (and roll back) after this long. */
  verifyTimeoutMs: number;
  /**
   * The plan the operator confirmed (a first pass, or a saved audit): the change is made only
   * when the device still calls for the same one.
   */
  expected?: FixPlan;
  /** Ctrl-C: no change is started after it, and a verification in progress ends (and rolls back). */
  signal?: AbortSignal;
  /** Wall clock for a device that prints no UTC `show clock`. */
  now?: () => number;
}

type Decided = Pick<FixDevice, 'outcome' | 'message' | 'deviceTime' | 'plan' | 'result'>;

interface FixSessionResult extends SessionResult {
  fix: Decided;
}

/** Read, plan and (with `apply`) fix one device. Never throws: a failure is the device's outcome. */
export async function fixDevice(
  d: InventoryDevice,
  o: DeviceCollectOptions,
  opts: FixDeviceOptions,
): Promise<FixDevice> {
  const dialog: SessionDialog<FixSessionResult> = async (ex, so, ctx) => {
    const audited = await runAsaSession(ex, so, ctx.outputs);
    // Device text (failure reasons) with the device's secrets blotted out, in every string.
    const fix = mapStrings(await decide(d, audited, ctx, opts), ctx.scrub);
    return { context: audited.context, failover: audited.failover, fix };
  };
  const { collection, result } = await runDeviceSession(d, o, dialog, {
    budget: false,
    retryAfterDialog: false,
  });
  const base = { device: d.name, source: collection.source, error: collection.error ?? null };
  if (result) return { ...base, ...result.fix };
  return {
    ...base,
    outcome: 'failed',
    message: `could not read the device (nothing was changed): ${collection.error?.message ?? 'unknown error'}`,
    deviceTime: null,
    plan: null,
    result: null,
  };
}

/** Diagnose what was collected, plan, and apply when asked. */
async function decide(
  d: InventoryDevice,
  audited: AuditSessionResult,
  ctx: DialogContext,
  opts: FixDeviceOptions,
): Promise<Decided> {
  const outputs: CollectedOutput[] = ctx.outputs.map((x) => ({
    command: x.command,
    text: ctx.scrub(x.text),
  }));
  const clock = deviceClock(outputs);
  const now = clock ?? (opts.now ?? Date.now)();
  const collection: DeviceCollection = {
    device: d.name,
    source: { kind: 'ssh', host: d.host, port: d.port },
    ok: true,
    outputs,
    ...(audited.context ? { context: audited.context } : {}),
    ...(audited.failover ? { failover: audited.failover } : {}),
    collectedAt: new Date(now).toISOString(),
    durationMs: 0,
  };
  const snapshot = snapshotFromOutputs(outputs, collection.collectedAt);
  const audit = diagnose(collection, snapshot, now);
  // `show running-config license` read and empty: no license lines; not read: unknown.
  const configRead = outputs.some((x) => x.command === SHOW_CONFIG);
  const config: LicenseConfig | undefined = configRead
    ? (snapshot.config?.license ?? { smart: false })
    : undefined;
  const plan = planFix({ audit, config }, opts);
  const deviceTime = clock === undefined ? null : new Date(clock).toISOString();
  const decided = (outcome: FixOutcome, message: string, result: FixResult | null = null): Decided => ({
    outcome,
    message,
    deviceTime,
    plan,
    result,
  });

  if (plan.action === 'none') return decided('nothing-to-do', plan.summary);
  if (plan.action === 'skip') return decided('skipped', plan.summary);
  if (!opts.apply) return decided('planned', plan.summary);
  if (opts.expected && !sameChange(opts.expected, plan))
    return decided(
      'not-applied',
      `the device changed since the plan was made (it now calls for: ${plan.summary}): review it again`,
    );
  if (opts.signal?.aborted)
    return decided('not-applied', 'interrupted before the change: nothing was changed');
  const releaseDefault = tryParseAsaVersion(audit.facts.version ?? undefined);
  // The attempt and the clock read again just before the change: an attempt the agent made over
  // the old transport since the audit's read must not pass for the answer to the change.
  let fresh: { at?: number; license?: SmartLicenseData } = {};
  try {
    fresh = {
      at: parseShowClock(await execCommand(audited.session, SHOW_CLOCK))?.at,
      license: parseShowLicense(await execCommand(audited.session, SHOW_LICENSE)).data,
    };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return decided(
      'failed',
      `could not read the device just before the change (nothing was changed): ${why}`,
    );
  }
  const applied = await applyPlan(audited.session, plan, {
    before: fresh.license ?? snapshot.license,
    changedAt: fresh.at ?? clock,
    defaultType: releaseDefault ? defaultTransportFor(releaseDefault) : null,
    opts,
  });
  return decided(applied.outcome, applied.message, applied.result);
}

/** Same strategy, lines and renewals: the change the operator saw is the one to make. */
function sameChange(a: FixPlan, b: FixPlan): boolean {
  const same = (x: readonly string[], y: readonly string[]) =>
    x.length === y.length && x.every((v, i) => v === y[i]);
  return (
    a.strategy === b.strategy && a.action === b.action && same(a.lines, b.lines) && same(a.renew, b.renew)
  );
}

interface ApplyContext {
  /** `show license all` as read before the change. */
  before: SmartLicenseData | undefined;
  /** The device's time before the change (epoch ms), when it printed a UTC clock. */
  changedAt: number | undefined;
  /** The transport the release uses without a `transport type` line. */
  defaultType: string | null;
  opts: FixDeviceOptions;
}

interface Applied {
  outcome: FixOutcome;
  message: string;
  result: FixResult;
}

async function applyPlan(session: ExecSession, plan: FixPlan, c: ApplyContext): Promise<Applied> {
  const result: FixResult = {
    changedAt: c.changedAt === undefined ? null : new Date(c.changedAt).toISOString(),
    sent: [],
    renewal: null,
    rollback: null,
    written: null,
    transportAfter: null,
  };
  const via = TRANSPORT_NAME[plan.after?.type === 'callhome' ? 'callhome' : 'smart'];
  // Lines that may be in the running config now: undone on any failure.
  let typed: string[] = [];
  try {
    if (plan.lines.length) {
      typed = plan.lines; // until configureLines says how far it got
      const configured = await configureLines(session, { parents: plan.parents, lines: plan.lines });
      result.sent = configured.accepted;
      typed = plan.lines.filter((l) => configured.accepted.includes(l));
      if (configured.refused) {
        const why = `the device refused "${configured.refused.line}" (${configured.refused.reason})`;
        if (!typed.length) return { outcome: 'failed', message: `${why}: nothing was changed`, result };
        return await rolledBack(session, plan, typed, result, c, why);
      }
    }
    const renewal = await renewAndVerify(session, plan.renew, c.before, c.changedAt, c.opts);
    result.renewal = renewal;
    if (renewal.result !== 'renewed') {
      const why = `the renewal over ${via} was not proven: ${renewal.detail}`;
      if (!typed.length) return { outcome: 'failed', message: why, result };
      return await rolledBack(session, plan, typed, result, c, why);
    }
    let saved = '';
    if (typed.length && c.opts.write) {
      const out = await execCommand(session, WRITE);
      const refused = refusalIn(out);
      result.written = refused === undefined;
      saved =
        refused === undefined
          ? '; saved (write memory)'
          : `; write memory FAILED (${refused}): a reload brings back the previous transport`;
    } else if (typed.length) saved = '; not saved (--no-write)';
    result.transportAfter = await readTransport(session, c.defaultType);
    const now = typed.length ? `now on ${via}` : `renewed over ${via}`;
    return {
      outcome: 'fixed',
      message: `${now}: ${renewal.detail}, authorization ${renewal.authorization ?? 'unknown'}${saved}`,
      result,
    };
  } catch (error) {
    const why = `the session failed: ${error instanceof Error ? error.message : String(error)}`;
    if (!typed.length) return { outcome: 'failed', message: `${why} (nothing was changed)`, result };
    return await rolledBack(session, plan, typed, result, c, why);
  }
}

/** Restore the previous lines, check the running config, and renew over the restored transport. */
async function rolledBack(
  session: ExecSession,
  plan: FixPlan,
  typed: string[],
  result: FixResult,
  c: ApplyContext,
  why: string,
): Promise<Applied> {
  const undo = plan.lines.flatMap((line, i) => (typed.includes(line) ? [plan.rollback[i] as string] : []));
  const rollback: NonNullable<FixResult['rollback']> = {
    sent: [],
    restored: false,
    renewal: null,
    detail: '',
  };
  result.rollback = rollback;
  const lost = (e: unknown) => (e instanceof Error ? e.message : String(e));
  try {
    const configured = await configureLines(session, { parents: plan.parents, lines: undo });
    rollback.sent = configured.accepted;
    const now = await readTransport(session, c.defaultType);
    result.transportAfter = now;
    rollback.restored = sameLines(now.lines, plan.before?.lines ?? []);
  } catch (error) {
    rollback.detail = `the rollback failed: ${lost(error)}`;
  }
  const previous = undo.map((l) => `\`${l}\``).join(', ');
  if (!rollback.restored) {
    rollback.detail ||= `the running config does not show the previous transport lines again (${(plan.before?.lines ?? []).join(', ') || 'none'})`;
    return {
      outcome: 'rollback-failed',
      message: `${why}; ${rollback.detail}: check the device (nothing was saved: a reload brings back its startup-config)`,
      result,
    };
  }
  try {
    const clock = parseShowClock(await execCommand(session, SHOW_CLOCK))?.at;
    const failedAttempt = await execCommand(session, SHOW_LICENSE).then((t) => parseShowLicense(t).data);
    rollback.renewal = await renewAndVerify(session, plan.renew, failedAttempt, clock, c.opts);
    rollback.detail = `restored ${previous}; renewal over the restored transport: ${rollback.renewal.detail}`;
  } catch (error) {
    rollback.detail = `restored ${previous}; renewal over the restored transport not run: ${lost(error)}`;
  }
  return {
    outcome: 'rolled-back',
    message: `${why}; rolled back: ${rollback.detail} (nothing saved)`,
    result,
  };
}

/** `license smart renew …`, then `show license all` until the renewal is proven, fails, or time is up. */
async function renewAndVerify(
  session: ExecSession,
  kinds: RenewKind[],
  before: SmartLicenseData | undefined,
  changedAt: number | undefined,
  opts: FixDeviceOptions,
): Promise<Renewal> {
  for (const what of kinds) {
    const refused = refusalIn(await execCommand(session, RENEW_COMMANDS[what]));
    if (refused !== undefined)
      return {
        result: 'refused',
        attempt: null,
        authorization: null,
        detail: `${RENEW_COMMANDS[what]}: ${refused}`,
      };
  }
  const deadline = Date.now() + opts.verifyTimeoutMs;
  for (;;) {
    const data = parseShowLicense(await execCommand(session, SHOW_LICENSE)).data;
    const verdict = combinedVerdict(
      kinds.map((what) => renewalVerdict(what, attemptOf(before, what), changedAt, data)),
    );
    if (verdict.state !== 'pending') return renewalRecord(verdict.state, verdict, data);
    if (opts.signal?.aborted)
      return renewalRecord(
        'interrupted',
        verdict,
        data,
        `interrupted before it was proven (${verdict.detail})`,
      );
    const left = deadline - Date.now();
    if (left <= 0)
      return renewalRecord(
        'timeout',
        verdict,
        data,
        `nothing proven within ${Math.round(opts.verifyTimeoutMs / 1000)} s (${verdict.detail})`,
      );
    await pause(Math.min(opts.pollMs, left), opts.signal);
  }
}

/** The transport as the running config holds it now. */
async function readTransport(session: ExecSession, defaultType: string | null): Promise<TransportState> {
  const configured = parseRunningConfig(await execCommand(session, SHOW_CONFIG)).data.license?.transport;
  return transportState(configured, {
    type: configured?.type ?? defaultType,
    proxy: configured?.proxy ?? null,
  });
}

const sameLines = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((l, i) => l === b[i]);

/** Wait `ms`, or less when the signal fires. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
