// `smartlic fix`: plan, and with --apply make, verify and (on failure) roll back the transport fix
// of each device; --ansible writes the same plan as a playbook. Exit status (the audit's rules,
// docs/exit-status.md): 0 every device fixed or needing nothing (a plan: planned), 1 a device not
// fixed (rolled back, failed, skipped, declined), 2 a rollback that failed or a changed host key,
// 3 only devices that could not be read, 4 no device at all or an output not written, 64 usage,
// 130 interrupted.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { limitByName } from '../audit/collect/inventory/limit.ts';
import type { Inventory } from '../audit/collect/inventory/model.ts';
import { groupInventoryWarnings } from '../audit/fleet-audit.ts';
import { AuditReportSchema } from '../audit/report/contract.ts';
import { jsonText } from '../audit/report/escape.ts';
import { groupByMessage, groupedLine } from '../audit/report/grouped.ts';
import { CLEAR_PROGRESS, progressLine } from '../audit/report/progress.ts';
import { writeFileAtomic } from '../audit/report/write-atomic.ts';
import type { ProxyInfo } from '../core/model.ts';
import { EXIT, errorLine, InputError, UsageError } from '../errors.ts';
import { fixPlaybook } from '../fix/ansible.ts';
import {
  FIX_STRATEGIES,
  type FixDevice,
  type FixPlan,
  type FixReport,
  type FixStrategy,
} from '../fix/contract.ts';
import { renderFixReport } from '../fix/render.ts';
import { buildFixReport, fixExitStatus, fixFleet, plansFromAudit } from '../fix/run.ts';
import type { PlanOptions } from '../fix/strategy.ts';
import { openHistory } from './history-option.ts';
import type { CommandIo } from './io.ts';
import { onInterrupt, positiveSeconds, sshFleetOptions } from './options.ts';

// biome-ignore lint/suspicious/noExplicitAny: options come from commander and are validated here.
type Opts = Record<string, any>;

export async function run(_args: string[], opts: Opts, io: CommandIo): Promise<number> {
  const strategy = strategyOf(opts.strategy);
  const proxy = opts.proxy === undefined ? undefined : proxyOf(String(opts.proxy));
  if (strategy === 'proxy' && !proxy) throw new UsageError('--strategy proxy needs --proxy HOST:PORT');
  if (proxy && strategy !== 'proxy') throw new UsageError('--proxy goes with --strategy proxy');
  const apply = Boolean(opts.apply);
  const fromAudit = opts.fromAudit as string | undefined;
  const inventoryFile = opts.inventory as string | undefined;
  if (!inventoryFile && (apply || !fromAudit))
    throw new UsageError(
      apply
        ? '--apply needs --inventory FILE (how to reach the devices)'
        : 'give --inventory FILE (read the devices over SSH), or --from-audit JSON to plan from a saved audit',
    );
  if (apply && !opts.yes && !io.stdin?.isTTY)
    throw new UsageError(
      '--apply asks for confirmation on a terminal: give --yes to apply without asking (nothing was changed)',
    );
  const plan: PlanOptions = {
    ...(strategy ? { strategy } : {}),
    ...(proxy ? { proxy } : {}),
    pollSeconds: positiveSeconds(opts.poll ?? '5', '--poll'),
    timeoutSeconds: positiveSeconds(opts.verifyTimeout ?? '120', '--verify-timeout'),
    write: opts.write !== false,
  };
  const fleetOptions = sshFleetOptions(opts, io);
  // An Ansible host pattern (src/audit/collect/inventory/limit.ts); selecting nothing is a usage error.
  const limit = opts.limit === undefined ? undefined : String(opts.limit);
  const saved = fromAudit ? await readAudit(resolve(io.cwd, fromAudit)) : undefined;
  const history = await openHistory(opts, io);
  const interrupt = onInterrupt(
    io,
    'no further device is started; a verification in progress ends and rolls back',
  );
  try {
    let inventory: Inventory | undefined;
    if (inventoryFile) {
      const { limitInventory, loadInventory } = await import('../audit/collect/index.ts');
      inventory = limitInventory(
        await loadInventory(resolve(io.cwd, inventoryFile), { env: io.env, cwd: io.cwd }),
        saved ? undefined : limit,
      );
      // Plaintext secrets and skipped hosts: said once, without the values.
      for (const w of groupInventoryWarnings(inventory.warnings))
        io.stderr.write(`smartlic: warning: ${w}\n`);
    }
    const showProgress = Boolean(io.stderr.isTTY) && !opts.json;
    let done = 0;
    let failed = 0;
    let total = 0;
    const fleet = (
      devices: Inventory['devices'],
      doApply: boolean,
      expected?: ReadonlyMap<string, FixPlan>,
    ) => {
      const invalid = expected ? [] : (inventory?.invalid ?? []);
      done = 0;
      failed = 0;
      total = devices.length + invalid.length;
      return fixFleet({
        devices,
        invalid,
        collect: { ...fleetOptions, signal: interrupt.signal },
        fix: {
          ...plan,
          apply: doApply,
          pollMs: plan.pollSeconds * 1000,
          verifyTimeoutMs: plan.timeoutSeconds * 1000,
          signal: interrupt.signal,
        },
        ...(expected ? { expected } : {}),
        onDevice: (d) => {
          done++;
          if (d.outcome === 'failed' || d.outcome === 'rollback-failed') failed++;
          if (showProgress) io.stderr.write(progressLine(done, total, failed, d.device));
        },
      });
    };

    let devices: FixDevice[];
    let mode: FixReport['mode'] = apply ? 'apply' : 'plan';
    if (saved) {
      const planned = limitByName(plansFromAudit(saved, plan), (d) => d.device, limit);
      devices = planned;
      if (apply) devices = await applyConfirmed(planned);
    } else if (!apply || opts.yes) {
      devices = await fleet(inventory?.devices ?? [], apply);
    } else {
      devices = await applyConfirmed(await fleet(inventory?.devices ?? [], false));
    }
    if (showProgress) io.stderr.write(CLEAR_PROGRESS);

    /** Ask, then apply the planned changes to the devices that still call for the same ones. */
    async function applyConfirmed(plans: FixDevice[]): Promise<FixDevice[]> {
      const todo = plans.filter((d) => d.outcome === 'planned' && d.plan);
      const byName = new Map(inventory?.devices.map((d) => [d.name, d]) ?? []);
      const reachable = todo.filter((d) => byName.has(d.device));
      const rest = plans
        .filter((d) => !reachable.includes(d))
        .map((d) =>
          todo.includes(d)
            ? {
                ...d,
                outcome: 'failed' as const,
                message: `not in the inventory: cannot reach it (${d.message})`,
              }
            : d,
        );
      if (!reachable.length) {
        mode = 'plan';
        return rest;
      }
      if (!opts.yes) {
        io.stderr.write(
          renderFixReport(buildFixReport(plans, 'plan', strategy, Date.now()), { color: false }),
        );
        const ok = await confirm(
          io,
          `Apply the planned changes to ${reachable.length} device(s)? Type yes to go on: `,
        );
        if (!ok) {
          const declined = reachable.map((d) => ({
            ...d,
            outcome: 'not-applied' as const,
            message: `declined: nothing was changed (${d.message})`,
          }));
          return [...rest, ...declined];
        }
      }
      const expected = new Map(reachable.map((d) => [d.device, d.plan as FixPlan]));
      const live = await fleet(
        reachable.map((d) => byName.get(d.device) as Inventory['devices'][number]),
        true,
        expected,
      );
      return [...rest, ...live];
    }

    const report = buildFixReport(devices, mode, strategy, Date.now());
    let ioStatus: number = EXIT.OK;
    const fail = (error: unknown) => {
      ioStatus = EXIT.RUN_FAILED;
      io.stderr.write(`smartlic: ${errorLine(error)}\n`);
    };
    if (opts.json) io.stdout.write(`${jsonText(report)}\n`);
    else io.stdout.write(renderFixReport(report, { color: Boolean(io.stdout.isTTY) && !io.env.NO_COLOR }));
    if (opts.ansible) {
      const book = fixPlaybook(report.devices, plan);
      if (book === null) io.stderr.write('smartlic: no device needs a change: no playbook written\n');
      else await writeFileAtomic(resolve(io.cwd, opts.ansible), book).catch(fail);
    }
    if (history) {
      const { refused } = await history.store
        .recordFix(report, { collector: history.collector })
        .catch((e) => {
          fail(e);
          return { refused: [] };
        });
      for (const r of refused)
        fail(
          `history ${history.store.where}: the fix of ${JSON.stringify(r.device)} not recorded: ${r.reason}`,
        );
    }
    // Devices that could not be read: each problem once, after the report.
    const unread = report.devices.filter((d) => d.error);
    for (const g of groupByMessage(
      unread.map((d) => ({ subject: d.device, message: d.error?.message ?? '' })),
    ))
      io.stderr.write(`smartlic: ${groupedLine(g)}\n`);
    if (interrupt.signal.aborted) return EXIT.INTERRUPTED;
    if (report.devices.length === 0) {
      io.stderr.write('smartlic: no device to fix\n');
      return EXIT.RUN_FAILED;
    }
    return ioStatus === EXIT.OK ? fixExitStatus(report) : ioStatus;
  } finally {
    interrupt.release();
    await history?.store.close();
  }
}

function strategyOf(value: unknown): FixStrategy | undefined {
  if (value === undefined) return undefined;
  const s = String(value);
  if ((FIX_STRATEGIES as readonly string[]).includes(s)) return s as FixStrategy;
  throw new UsageError(`--strategy: expected one of ${FIX_STRATEGIES.join(', ')}, got ${JSON.stringify(s)}`);
}

/** `HOST:PORT`, `[v6]:PORT`. */
function proxyOf(text: string): ProxyInfo {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+)):(\d{1,5})$/.exec(text.trim());
  const port = Number(m?.[3]);
  if (!m || port < 1 || port > 65535)
    throw new UsageError(
      `--proxy: expected HOST:PORT (e.g. proxy.example.com:3128), got ${JSON.stringify(text)}`,
    );
  return { host: (m[1] ?? m[2]) as string, port };
}

async function readAudit(file: string) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError('FIX_AUDIT', `cannot read the saved audit (${code})`, { file }, error);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError('FIX_AUDIT', 'not JSON: expected the output of smartlic audit --json', { file });
  }
  const parsed = AuditReportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.length ? `${issue.path.map(String).join('.')}: ` : '';
    throw new InputError(
      'FIX_AUDIT',
      `not a smartlic audit --json report (${at}${issue?.message ?? 'invalid'})`,
      { file },
    );
  }
  return parsed.data;
}

/** Ask on the terminal; true for yes. */
async function confirm(io: CommandIo, question: string): Promise<boolean> {
  const input = io.stdin;
  if (!input) return false;
  const rl = createInterface({ input, output: io.stderr, terminal: false });
  try {
    const answer = await new Promise<string>((resolveAnswer) => {
      rl.question(question, resolveAnswer);
      rl.once('close', () => resolveAnswer(''));
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
