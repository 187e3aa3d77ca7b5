// `smartlic lab up|status|clock|block|unblock|reload|failover|token|down`. `up` runs the lab in this
// process (foreground; Ctrl-C stops it cleanly) or, with --detach, in a background process; every
// other subcommand is a thin client of the control API (src/lab/client.ts, docs/lab-api.md).

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Table from 'cli-table3';
import { SMART_TRANSPORT_URL } from '../core/transport.ts';
import { UsageError } from '../errors.ts';
import { smartlicCommand } from '../installation.ts';
import { builtinLab } from '../lab/builtin.ts';
import { callLab, labStateDir, processAlive, readControlFile } from '../lab/client.ts';
import { parseDuration, parseTokenValidity } from '../lab/clock.ts';
import { CONTROL_FILE } from '../lab/control.ts';
import type { LabStatus } from '../lab/lab.ts';
import { randomSecret } from '../random-secret.ts';
import type { CommandIo } from './io.ts';

// biome-ignore lint/suspicious/noExplicitAny: options come from commander and are checked here.
type Options = Record<string, any>;

// No colour codes (piped output stays clean) and no rule between rows.
const plainTable = (head: string[]) =>
  new Table({
    head,
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });

function refuseIfRunning(stateDir: string): void {
  if (!existsSync(join(stateDir, CONTROL_FILE))) return;
  const control = readControlFile(stateDir);
  if (processAlive(control.pid)) {
    throw new UsageError(
      `a lab is already running for ${stateDir} (pid ${control.pid}); stop it with: smartlic lab down`,
    );
  }
  rmSync(join(stateDir, CONTROL_FILE), { force: true });
}

function printDevices(io: CommandIo, status: LabStatus): void {
  const table = plainTable([
    'device',
    'ssh',
    'registration',
    'authorization',
    'last communication',
    'next due',
  ]);
  for (const d of status.devices) {
    const kind = d.failover
      ? ` (${d.failover.role}/${d.failover.state})`
      : d.contexts
        ? ` (contexts: ${d.contexts.join(', ')})`
        : '';
    table.push([
      `${d.name}${kind}`,
      `${d.host}:${d.port}`,
      d.registration ?? '',
      d.authorization ?? '',
      d.lastCommunication ?? '',
      d.nextDueAt ?? '',
    ]);
  }
  io.stdout.write(`${table.toString()}\n`);
}

/** `lab up [LAB.yaml] [--detach]` */
export async function up(args: string[], opts: Options, io: CommandIo): Promise<number> {
  const stateDir = labStateDir(opts.stateDir, io.env);
  refuseIfRunning(stateDir);
  const file = args[0];
  if (opts.detach) return detach(file, stateDir, io);

  const { loadLabFile } = await import('../lab/spec.ts');
  const { startLab } = await import('../lab/lab.ts');
  const { startControlApi } = await import('../lab/control.ts');
  // A generated password is shown once on this terminal; one given in the environment is not.
  const generated = file || io.env.SMARTLIC_LAB_PASSWORD ? undefined : randomSecret(9);
  const password = file ? undefined : (io.env.SMARTLIC_LAB_PASSWORD ?? generated);
  const spec = file ? loadLabFile(file) : builtinLab({ password: password as string });
  // Listen for Ctrl-C from the start: a signal while the lab is still starting stops it once up.
  let interrupted = false;
  let onStop = () => {
    interrupted = true;
  };
  const onSignal = () => onStop();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const lab = await startLab(spec, { stateDir, log: (line) => io.stderr.write(`lab: ${line}\n`) });
  let stopping = false;
  let release: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    release = resolve;
  });
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      await control.close();
      await lab.close();
      release();
    })();
  };
  const control = await startControlApi(lab, { stateDir, onShutdown: stop });
  onStop = stop;
  for (const [name, t] of Object.entries(spec.tokens ?? {})) {
    const minted = lab.mintToken({
      ...(t.uses ? { uses: t.uses } : {}),
      ...(t.virtualAccount ? { virtualAccount: t.virtualAccount } : {}),
      ...(t.expires ? { validForMs: parseTokenValidity(t.expires) as number } : {}),
    });
    io.stdout.write(`ID token ${name}: ${minted.token}\n`);
  }
  const status = lab.status();
  io.stdout.write(
    `smartlic lab up: clock ${status.now}, authority ${status.authority.origin}, CA ${status.caFile ?? '(memory)'}\n`,
  );
  printDevices(io, status);
  if (generated) io.stdout.write(`login: admin / ${generated} (enable: same)\n`);
  // The Smart Transport URL on the authority's port, its name resolved to the lab's loopback.
  const smart = new URL(SMART_TRANSPORT_URL);
  smart.port = new URL(status.authority.origin).port;
  io.stdout.write(
    `probe it: smartlic probe --ca ${status.caFile} --resolve ${smart.hostname}:127.0.0.1 ${smart.href}\n`,
  );
  io.stdout.write(
    `control: ${control.url} (token in ${control.file}); stop with Ctrl-C or: smartlic lab down\n`,
  );
  if (interrupted) stop();
  await stopped;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  io.stderr.write('lab: stopped\n');
  return 0;
}

/** Start `lab up` in a background process and return once its control file is there. */
async function detach(file: string | undefined, stateDir: string, io: CommandIo): Promise<number> {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const logFile = join(stateDir, 'lab.log');
  const out = openSync(logFile, 'a', 0o600);
  // The background lab's output goes to a file: hand it the password instead of letting it print one.
  const password = file || io.env.SMARTLIC_LAB_PASSWORD ? undefined : randomSecret(9);
  // This same smartlic again (compiled or sources), found from its own files, not from io.cwd: a
  // lab started from any folder, or from an installed package, comes up the same way. A relative
  // lab file still resolves against io.cwd, the child's working folder; the state folder is the one
  // this process checks for the control file.
  const self = smartlicCommand(['lab', 'up', '--state-dir', resolve(stateDir), ...(file ? [file] : [])]);
  const child = spawn(self.command, self.args, {
    detached: true,
    stdio: ['ignore', out, out],
    env: password ? { ...io.env, SMARTLIC_LAB_PASSWORD: password } : io.env,
    cwd: io.cwd,
  });
  child.unref();
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (existsSync(join(stateDir, CONTROL_FILE))) {
      io.stdout.write(`lab running in the background (pid ${child.pid}); output in ${logFile}\n`);
      printDevices(io, await callLab<LabStatus>(stateDir, 'GET', '/v1/status'));
      if (password) io.stdout.write(`login: admin / ${password} (enable: same)\n`);
      return 0;
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  io.stderr.write(`smartlic: the lab did not come up; see ${logFile}\n`);
  return 4;
}

/** `lab status [--json]` */
export async function status(_args: string[], opts: Options, io: CommandIo): Promise<number> {
  const s = await callLab<LabStatus>(labStateDir(opts.stateDir, io.env), 'GET', '/v1/status');
  if (opts.json) {
    io.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(
    `clock ${s.now}${s.speed ? ` (x${s.speed})` : ''}; authority ${s.authority.origin}: ${s.authority.active} active registrations\n`,
  );
  const used = s.authority.pools.filter((p) => p.inUse > 0);
  if (used.length > 0) {
    io.stdout.write(`entitlements in use: ${used.map((p) => `${p.tag} ${p.inUse}/${p.total}`).join(', ')}\n`);
  }
  printDevices(io, s);
  if (s.network.length > 0) {
    const table = plainTable(['device', 'blocked', 'mode']);
    for (const r of s.network) table.push([r.device, r.port ? `${r.host}:${r.port}` : r.host, r.mode]);
    io.stdout.write(`${table.toString()}\n`);
  }
  return 0;
}

/** `lab clock [--set ISO] [--advance DURATION] [--speed FACTOR]` */
export async function clock(_args: string[], opts: Options, io: CommandIo): Promise<number> {
  const body: Record<string, unknown> = {};
  if (opts.set !== undefined) {
    if (Number.isNaN(Date.parse(opts.set)))
      throw new UsageError(`--set: expected an ISO-8601 time, got ${JSON.stringify(opts.set)}`);
    body.set = opts.set;
  }
  if (opts.advance !== undefined) {
    if (parseDuration(opts.advance) === undefined)
      throw new UsageError(
        `--advance: expected a duration like 30d, 12h, 90m, got ${JSON.stringify(opts.advance)}`,
      );
    body.advance = opts.advance;
  }
  if (opts.speed !== undefined) {
    const speed = Number(opts.speed);
    if (!Number.isFinite(speed) || speed < 0)
      throw new UsageError(`--speed: expected a number >= 0, got ${JSON.stringify(opts.speed)}`);
    body.speed = speed;
  }
  const stateDir = labStateDir(opts.stateDir, io.env);
  const res =
    Object.keys(body).length === 0
      ? await callLab<LabStatus>(stateDir, 'GET', '/v1/status')
      : await callLab<{ now: string; speed: number; steps?: number }>(stateDir, 'POST', '/v1/clock', body);
  io.stdout.write(
    `${res.now}${res.speed ? ` (x${res.speed})` : ''}${'steps' in res && res.steps !== undefined ? ` after ${res.steps} device steps` : ''}\n`,
  );
  return 0;
}

/** `lab block TARGET [-d DEVICE] [--mode drop|reject]` */
export async function block(args: string[], opts: Options, io: CommandIo): Promise<number> {
  const mode = opts.mode ?? 'drop';
  if (mode !== 'drop' && mode !== 'reject')
    throw new UsageError(`--mode: expected drop or reject, got ${JSON.stringify(mode)}`);
  await callLab(labStateDir(opts.stateDir, io.env), 'POST', '/v1/network/block', {
    target: args[0],
    mode,
    ...(opts.device ? { device: opts.device } : {}),
  });
  io.stdout.write(`blocked ${args[0]} (${mode}) for ${opts.device ?? 'every device'}\n`);
  return 0;
}

/** `lab unblock TARGET [-d DEVICE]` */
export async function unblock(args: string[], opts: Options, io: CommandIo): Promise<number> {
  const res = await callLab<{ removed: number }>(
    labStateDir(opts.stateDir, io.env),
    'POST',
    '/v1/network/unblock',
    {
      target: args[0],
      ...(opts.device ? { device: opts.device } : {}),
    },
  );
  io.stdout.write(
    res.removed > 0 ? `unblocked ${args[0]} (${res.removed} rule(s))\n` : `no rule blocked ${args[0]}\n`,
  );
  return 0;
}

/** `lab reload DEVICE` */
export async function reload(args: string[], opts: Options, io: CommandIo): Promise<number> {
  const res = await callLab<{ reloaded: string; now: string }>(
    labStateDir(opts.stateDir, io.env),
    'POST',
    `/v1/devices/${encodeURIComponent(args[0] ?? '')}/reload`,
  );
  io.stdout.write(`${res.reloaded} reloaded at ${res.now}\n`);
  return 0;
}

/** `lab failover UNIT`: make a unit of a failover pair active (the ASA's `failover active`). */
export async function failover(args: string[], opts: Options, io: CommandIo): Promise<number> {
  const res = await callLab<{ active: string; standby: string; now: string }>(
    labStateDir(opts.stateDir, io.env),
    'POST',
    `/v1/devices/${encodeURIComponent(args[0] ?? '')}/failover`,
  );
  io.stdout.write(`${res.active} active, ${res.standby} standby at ${res.now}\n`);
  return 0;
}

/** `lab token [--virtual-account NAME] [--uses N] [--expires DURATION]`: prints the token alone. */
export async function token(_args: string[], opts: Options, io: CommandIo): Promise<number> {
  const body: Record<string, unknown> = {};
  if (opts.virtualAccount) body.virtualAccount = opts.virtualAccount;
  if (opts.uses !== undefined) {
    const uses = Number(opts.uses);
    if (!Number.isInteger(uses) || uses < 1)
      throw new UsageError(`--uses: expected a whole number >= 1, got ${JSON.stringify(opts.uses)}`);
    body.uses = uses;
  }
  if (opts.expires !== undefined) {
    if (parseTokenValidity(opts.expires) === undefined)
      throw new UsageError(
        `--expires: expected a duration up to 365d, like 30d, got ${JSON.stringify(opts.expires)}`,
      );
    body.expires = opts.expires;
  }
  const res = await callLab<{ token: string; expiresAt: string; uses: number; virtualAccount: string }>(
    labStateDir(opts.stateDir, io.env),
    'POST',
    '/v1/tokens',
    body,
  );
  io.stdout.write(`${res.token}\n`);
  io.stderr.write(`(${res.uses} use(s), virtual account ${res.virtualAccount}, expires ${res.expiresAt})\n`);
  return 0;
}

/** `lab down`: stop the running lab and wait until it is gone. */
export async function down(_args: string[], opts: Options, io: CommandIo): Promise<number> {
  const stateDir = labStateDir(opts.stateDir, io.env);
  const control = readControlFile(stateDir);
  await callLab(stateDir, 'POST', '/v1/shutdown');
  // Wait for the lab's process to end (unless the lab runs in this very process: tests, demo).
  const deadline = Date.now() + 30_000;
  while (control.pid !== process.pid && processAlive(control.pid)) {
    if (Date.now() > deadline) {
      io.stderr.write(`smartlic: the lab (pid ${control.pid}) is still stopping after 30 s\n`);
      return 4;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  io.stdout.write('lab stopped\n');
  return 0;
}
