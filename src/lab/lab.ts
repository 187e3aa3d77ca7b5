// A running lab in one process: the License Authority (HTTPS, SQLite), the emulated devices (SSH),
// one virtual clock, the network policy, the lab resolver and its CONNECT gateway. `startLab` is
// the in-process API (`smartlic lab up` and `smartlic demo` both use it); the control API
// (control.ts) is a thin HTTP face over the same object.

import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadOrCreateLabCa } from '../authority/ca.ts';
import { type RunningServer, startAuthorityServer } from '../authority/server.ts';
import {
  Authority,
  DEFAULT_SMART_ACCOUNT,
  DEFAULT_VIRTUAL_ACCOUNT,
  type MintTokenOptions,
} from '../authority/service.ts';
import type { Instant } from '../core/agent/protocol.ts';
import type { SmartLicenseData } from '../core/model.ts';
import type { Resolver } from '../transport/resolver.ts';
import { type AdvanceReport, advanceClock, setClockBack } from './advance.ts';
import { DEFAULT_POOLS } from './catalog.ts';
import { isLabTime, LAB_TIME_RANGE, VirtualClock } from './clock.ts';
import type { LabDeviceHandle, StartLabDevices } from './devices.ts';
import { type RunningGateway, startGateway } from './gateway.ts';
import { LabNames } from './names.ts';
import { LabPolicy } from './policy.ts';
import type { LabFile } from './spec.ts';
import { type LabStatus, labStatus } from './status.ts';
import { LabTransports } from './transports.ts';

export type { LabDeviceStatus, LabStatus } from './status.ts';

export interface StartLabOptions {
  /** Lab state folder: CA, authority database, device state, control file. */
  stateDir: string;
  /** How devices are started (default: the emulator's `startDevices`). */
  startDevices?: StartLabDevices;
  /** Real-time wait of a dropped connection (firewall drop); default 300 ms. */
  connectTimeoutMs?: number;
  /** Override the file's start time. */
  start?: Instant;
  /** Called with one line per notable event (never with secrets). */
  log?: (line: string) => void;
}

const iso = (at: Instant | undefined) => (at === undefined ? undefined : new Date(at).toISOString());

export class Lab {
  private advancing = false;
  private advances = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private ticker: NodeJS.Timeout | undefined;
  devices: LabDeviceHandle[] = [];
  private closeDevices: () => Promise<void> = async () => {};

  constructor(
    readonly clock: VirtualClock,
    readonly authority: Authority,
    readonly authorityServer: RunningServer,
    readonly gateway: RunningGateway,
    readonly policy: LabPolicy,
    readonly transports: LabTransports,
    readonly caFile: string | undefined,
    readonly caCert: string,
    private readonly log: (line: string) => void,
    private readonly names: LabNames,
  ) {}

  /**
   * Point a name (`name` or `name:port`) at `127.x.x.x:PORT`, or at `gateway` (the lab's CONNECT
   * gateway), for every device from now on. E.g. a proxy name at a real tinyproxy on loopback.
   */
  mapHost(name: string, value: string): void {
    this.names.map(name, value);
  }

  /** @internal set by startLab once devices run. */
  attachDevices(devices: LabDeviceHandle[], close: () => Promise<void>): void {
    this.devices = devices;
    this.closeDevices = close;
  }

  get isAdvancing(): boolean {
    return this.advancing;
  }

  /** Serialise clock moves, reloads and real-time ticks: one at a time. */
  private serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.chain.then(job, job);
    this.chain = run.catch(() => undefined);
    return run;
  }

  device(name: string): LabDeviceHandle | undefined {
    return this.devices.find((d) => d.name === name);
  }

  /** Advance the clock by `ms`, running every device's due licensing actions in time order. */
  advance(ms: number): Promise<AdvanceReport> {
    if (!Number.isFinite(ms) || ms < 0)
      return Promise.reject(new RangeError('advance needs a duration >= 0'));
    if (!isLabTime(this.clock.now() + ms))
      return Promise.reject(new RangeError(`the lab clock runs from ${LAB_TIME_RANGE}`));
    return this.serial(async () => {
      this.advancing = true;
      try {
        // Failures are remembered for the rest of this advance while the network stays as it is.
        const advance = ++this.advances;
        const situation = () =>
          `advance ${advance}|policy ${this.policy.revision}|names ${this.names.revision}`;
        const report = await advanceClock(this.clock, this.devices, this.clock.now() + ms, situation);
        this.log(`clock advanced to ${iso(report.to)} (${report.steps} device steps)`);
        if (report.stalled.length > 0)
          this.log(`devices that made no progress: ${report.stalled.join(', ')}`);
        return report;
      } finally {
        this.advancing = false;
      }
    });
  }

  /**
   * Set the clock. Forward: like advance (time passes: devices act in order, uptimes grow).
   * Backward: no time passes; each device's licensing history, timers and boot time move with the
   * clock (setClockBack), so what it prints stays consistent and its uptime is unchanged.
   */
  async setClock(at: Instant): Promise<AdvanceReport> {
    const now = this.clock.now();
    if (at >= now) return this.advance(at - now);
    return this.serial(async () => {
      const report = await setClockBack(this.clock, this.devices, at);
      this.log(`clock set back to ${iso(at)}`);
      return report;
    });
  }

  /** Run the clock at `factor` × real time (0 stops it); due actions run as time passes. */
  setSpeed(factor: number): void {
    this.clock.setSpeed(factor);
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    if (factor > 0) {
      this.ticker = setInterval(() => void this.tick(), 250);
      this.ticker.unref();
    }
    this.log(`clock speed ${factor}`);
  }

  /** Run whatever is due at the clock's current time (the real-time ticker calls this). */
  tick(): Promise<void> {
    return this.serial(async () => {
      const now = this.clock.now();
      for (const d of this.devices) {
        const due = d.nextDueAt();
        if (due !== undefined && due <= now) await d.runDue(now);
      }
    });
  }

  /** Reload one device (the ASA's `reload`). */
  reload(name: string): Promise<void> {
    const device = this.device(name);
    if (!device) return Promise.reject(new RangeError(`no device named ${name}`));
    return this.serial(async () => {
      const now = this.clock.now();
      await device.reload(now);
      // A booting agent acts at once (e.g. the registration attempt of seed condition 3).
      await device.runDue(now);
      this.log(`${name} reloaded`);
    });
  }

  /**
   * Make a unit of a failover pair active and its mate standby, as `failover active` typed on it
   * does (src/emulate/failover.ts); a unit already active stays so. Then whatever the new active
   * unit's agent has due runs. Returns the pair's units as they are now.
   */
  failover(name: string): Promise<{ active: string; standby: string }> {
    const device = this.device(name);
    if (!device) return Promise.reject(new RangeError(`no device named ${name}`));
    const { failover, makeActive } = device;
    if (!failover || !makeActive)
      return Promise.reject(new RangeError(`${name} is not a unit of a failover pair`));
    return this.serial(async () => {
      const now = this.clock.now();
      makeActive(now);
      await device.runDue(now);
      const mate = this.devices.find((d) => d !== device && d.failover?.pair === failover.pair);
      this.log(`${name} made active (failover ${failover.pair})`);
      return { active: name, standby: mate?.name ?? '' };
    });
  }

  /** Mint an ID token on the authority (the secret goes to the caller only, never to the log). */
  mintToken(opts: MintTokenOptions = {}) {
    const minted = this.authority.mintToken(opts);
    this.log(
      `ID token minted for ${minted.virtualAccount} (${minted.uses} use(s), expires ${iso(minted.expiresAt)})`,
    );
    return minted;
  }

  licenseView(name: string): SmartLicenseData | undefined {
    return this.device(name)?.licenseView(this.clock.now());
  }

  /** What `lab status` shows (no secrets). */
  status(): LabStatus {
    return labStatus(this);
  }

  /** Stop everything this lab started. Safe to call twice. */
  async close(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
    await this.chain.catch(() => undefined);
    await this.closeDevices();
    this.closeDevices = async () => {};
    await this.transports.close();
    await this.gateway.close();
    await this.authorityServer.close();
    this.authority.close();
  }
}

/**
 * Start a lab from a parsed lab file. Every server binds 127.0.0.1. The authority database is
 * fresh for each start (devices start from their scenarios, and registrations they already hold
 * are adopted by the authority).
 */
export async function startLab(spec: LabFile, opts: StartLabOptions): Promise<Lab> {
  const log = opts.log ?? (() => {});
  mkdirSync(opts.stateDir, { recursive: true, mode: 0o700 });
  const start = opts.start ?? (spec.start ? Date.parse(spec.start) : Date.now());
  const clock = new VirtualClock(start);
  const ca = await loadOrCreateLabCa(join(opts.stateDir, 'ca'));
  const dbPath = join(opts.stateDir, 'authority.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  const authority = new Authority({ dbPath, clock });
  const sa = spec.authority?.smartAccount ?? DEFAULT_SMART_ACCOUNT;
  const va = spec.authority?.virtualAccount ?? DEFAULT_VIRTUAL_ACCOUNT;
  authority.ensureVirtualAccount(sa, va, spec.authority?.exportControlAllowed ?? true);
  for (const p of spec.authority?.pools ?? DEFAULT_POOLS) {
    authority.setPool(p.tag, p.name ?? p.tag, p.count, {
      smartAccount: sa,
      virtualAccount: va,
      exportRestricted: p.exportRestricted ?? false,
    });
  }

  // The gateway resolves through the names table, which needs the gateway's port: filled in below.
  let names: LabNames | undefined;
  const resolve: Resolver = (host, port) => {
    if (!names) throw new Error('lab names not ready');
    return names.resolve(host, port);
  };
  const cleanups: (() => Promise<void> | void)[] = [() => authority.close()];
  try {
    const authorityServer = await startAuthorityServer({ authority, tls: ca });
    cleanups.unshift(() => authorityServer.close());
    const gateway = await startGateway({ resolve });
    cleanups.unshift(() => gateway.close());
    names = new LabNames(gateway);
    names.setAuthority(authorityServer.port);
    for (const [name, value] of Object.entries(spec.hosts ?? {})) names.map(name, value);

    const policy = new LabPolicy();
    for (const rule of spec.network ?? []) policy.block(rule.block, rule.mode ?? 'drop', rule.device);

    let lab: Lab | undefined;
    const transports = new LabTransports({
      caCert: ca.caCert,
      resolve,
      policy,
      clock,
      isAdvancing: () => lab?.isAdvancing ?? false,
      connectTimeoutMs: opts.connectTimeoutMs ?? 300,
      onEvent: (device, e) => {
        if (!e.ok)
          log(
            `${device}: ${e.kind} to ${e.url}${e.proxy ? ` via ${e.proxy}` : ''} failed: ${e.cause?.message ?? 'unknown'}`,
          );
      },
    });
    cleanups.unshift(() => transports.close());
    lab = new Lab(
      clock,
      authority,
      authorityServer,
      gateway,
      policy,
      transports,
      ca.caFile,
      ca.caCert,
      log,
      names,
    );

    const starter = opts.startDevices ?? (await import('./devices.ts')).emulatorDevices;
    const started = await starter(spec.devices, {
      clock,
      transportFor: (name) => transports.transportFor(name),
      stateDir: join(opts.stateDir, 'devices'),
      adopt: (reg) => authority.adopt({ ...reg, smartAccount: sa, virtualAccount: va }),
    });
    lab.attachDevices(
      started.devices.map((d) => ({
        ...d,
        isolated: () => (d.transportTarget ? transports.blocked(d.name, d.transportTarget()) : false),
      })),
      started.close,
    );
    if (spec.speed) lab.setSpeed(spec.speed);
    return lab;
  } catch (error) {
    for (const c of cleanups) await c();
    throw error;
  }
}
