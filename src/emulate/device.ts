// One emulated ASA: its identity (spec), running and startup configuration, licensing agent and
// the clock it lives on. The CLI (shell.ts) talks to it through DeviceForCli; the lab through the
// EmulatedDevice methods (nextDueAt, runDue, reload, licenseView).

import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock, Instant, LicensingTransport, TransportTarget } from '../core/agent/protocol.ts';
import type { AgentState } from '../core/agent/state.ts';
import { requestedEntitlements } from '../core/entitlements.ts';
import type { SmartLicenseData } from '../core/model.ts';
import {
  FAILOVER_NOT_CONFIGURED,
  type FailoverStatus,
  renderShowClock,
  standbyLicensingRefusal,
} from '../text/index.ts';
import { writeFileAtomic } from '../write-atomic.ts';
import type { BannerKind, ConfigChange, DeviceForCli, LicenseAction, ShowTopic } from './cli-context.ts';
import { applyConfigChange } from './config-changes.ts';
import { SYSTEM_CONTEXT } from './contexts.ts';
import type { DeviceSpec } from './device-spec.ts';
import {
  type FailoverState,
  type FailoverUnit,
  failoverStatus,
  type PairTimes,
  shiftPairTimes,
  switchover,
  type UnitFacts,
  unitPromptPath,
} from './failover.ts';
import { DeviceLicensing } from './licensing.ts';
import { initialAgentState, licenseView, renderShow, transportTargetFor } from './licensing-views.ts';
import { RunningConfig } from './running-config.ts';

export interface DeviceDeps {
  clock: Clock;
  transport: LicensingTransport;
  /** Where this device keeps its startup-config and host key; undefined = in memory only. */
  stateDir?: string;
  /** A unit of a failover pair (failover.ts). */
  unit?: FailoverUnit;
  /** The second unit's mate: the first, whose licensing agent the pair shares. */
  mate?: EmulatedDevice;
}

const sha = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time comparison of two secrets (hashes first, so lengths do not leak). */
function sameSecret(a: string, b: string | undefined): boolean {
  if (b === undefined) return false;
  return timingSafeEqual(sha(a), sha(b));
}

export class EmulatedDevice implements DeviceForCli {
  readonly name: string;
  readonly serial: string;
  config: RunningConfig;
  private startupText: string;
  readonly licensing: DeviceLicensing;
  private bootedAt: Instant;
  /** A unit of a failover pair, and its mate (failover.ts). */
  readonly unit: FailoverUnit | undefined;
  mate: EmulatedDevice | undefined;
  /** The pair's own times, one object both units hold; undefined when the device is no pair's unit. */
  private readonly pair: PairTimes | undefined;
  /** When this unit entered its present failover state (boot, switchover). */
  private inStateSince: Instant;

  private constructor(
    readonly spec: DeviceSpec,
    private readonly deps: DeviceDeps,
    startupText: string,
    initial: AgentState,
  ) {
    this.name = spec.name;
    this.serial = spec.serial ?? serialFor(spec.name);
    this.startupText = startupText;
    this.config = this.bootConfig(startupText);
    this.bootedAt = deps.clock.now();
    this.inStateSince = this.bootedAt;
    this.unit = deps.unit;
    this.mate = deps.mate;
    this.pair = deps.unit ? (deps.mate?.pair ?? { upSince: this.bootedAt }) : undefined;
    if (deps.mate) deps.mate.mate = this;
    this.licensing =
      deps.mate?.licensing ??
      new DeviceLicensing({
        udi: { pid: pidFor(spec.platform), sn: this.serial },
        hostname: this.hostname(),
        softwareVersion: spec.version,
        transport: deps.transport,
        initial,
      });
  }

  /** Build a device, reading its saved startup-config when the state folder has one. */
  static async create(spec: DeviceSpec, deps: DeviceDeps): Promise<EmulatedDevice> {
    let startup = spec.startupConfig ?? '';
    if (deps.stateDir) {
      try {
        startup = await readFile(join(deps.stateDir, 'startup-config'), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    const now = deps.clock.now();
    const udi = { pid: pidFor(spec.platform), sn: spec.serial ?? serialFor(spec.name) };
    const config = RunningConfig.fromText(startup);
    const initial = initialAgentState(
      spec,
      udi,
      requestedEntitlements(spec.platform, config.licenseConfig()),
      now,
    );
    return new EmulatedDevice(spec, deps, startup, initial);
  }

  hostname(): string {
    return this.config.hostname ?? this.name;
  }

  /** The running configuration a boot starts from: `text`, named after the spec when it names no host. */
  private bootConfig(text: string): RunningConfig {
    const config = RunningConfig.boot(text);
    if (!config.hostname) config.hostname = this.spec.hostname ?? defaultHostname(this.spec.name);
    return config;
  }

  /** What the running configuration's licence settings ask the agent for. */
  private wantedEntitlements() {
    return requestedEntitlements(this.spec.platform, this.config.licenseConfig());
  }

  /**
   * False on a standby unit: the pair's one agent is run by the active unit (failover.ts), and
   * moves with the active state at a switchover.
   */
  get ownsLicensing(): boolean {
    return this.unit === undefined || this.unit.state === 'active';
  }

  now(): Instant {
    return this.deps.clock.now();
  }

  checkEnablePassword(password: string): boolean {
    // An ASA without an enable password accepts an empty one.
    if (this.spec.enablePassword === undefined) return password === '';
    return sameSecret(password, this.spec.enablePassword);
  }

  checkLogin(username: string, password: string): boolean {
    return username === this.spec.username && sameSecret(password, this.spec.password);
  }

  /** Where and how licensing messages go, from the config and the software version's default. */
  transportTarget(): TransportTarget {
    return transportTargetFor(this.spec.version, this.config.licenseConfig(), this.config.callHomeConfig());
  }

  // A standby unit schedules and sends nothing: the pair's agent runs on its mate.
  nextDueAt(): Instant | undefined {
    return this.ownsLicensing ? this.licensing.nextDueAt() : undefined;
  }

  async runDue(now: Instant, situation?: string): Promise<void> {
    if (this.ownsLicensing) await this.licensing.runDue(now, this.transportTarget(), situation);
  }

  nextSentAt(situation?: string): Instant | undefined {
    return this.ownsLicensing ? this.licensing.nextSentAt(situation, this.transportTarget()) : undefined;
  }

  licenseView(now: Instant): SmartLicenseData {
    return licenseView(this, this.licensing.stateAt(now), now);
  }

  async show(topic: ShowTopic, context?: string): Promise<string> {
    const now = this.now();
    await this.licensing.idle();
    const userContext = context !== undefined && context !== SYSTEM_CONTEXT ? context : undefined;
    return renderShow(this, topic, this.licensing.stateAt(now), now, userContext);
  }

  /** Multiple context mode: the user contexts, admin first (device-spec.ts `contexts`). */
  contextNames(): readonly string[] | undefined {
    return this.spec.contexts;
  }

  promptName(context?: string): string {
    const path = [this.hostname()];
    if (context !== undefined && context !== SYSTEM_CONTEXT) path.push(context);
    if (this.unit) path.push(unitPromptPath(this.unit));
    return path.join('/');
  }

  /** What `show failover` reports (failover.ts); undefined when the device is no pair's unit. */
  failoverStatusAt(now: Instant): FailoverStatus | undefined {
    const pair = this.pair;
    if (!this.unit || !pair || !this.mate?.unit) return undefined;
    const facts = (d: EmulatedDevice): UnitFacts => ({
      unit: d.unit as FailoverUnit,
      serial: d.serial,
      model: pidFor(d.spec.platform),
      version: d.spec.version,
      inStateMs: Math.max(0, now - Math.max(d.bootedAt, d.inStateSince)),
    });
    return failoverStatus(facts(this), facts(this.mate), pair.lastFailoverAt ?? pair.upSince);
  }

  /** When the pair came up (`failover cluster up`); undefined when the device is no pair's unit. */
  failoverUpSince(): Instant | undefined {
    return this.mate ? this.pair?.upSince : undefined;
  }

  /** The unit's failover state; undefined when the device is no pair's unit. */
  failoverState(): FailoverState | undefined {
    return this.mate ? this.unit?.state : undefined;
  }

  /**
   * `failover active` (`wanted` active, typed on the standby) and `no failover active` (`wanted`
   * standby, typed on the active unit): the mate takes the other state; a unit already `wanted`
   * does nothing (failover.ts). The pair's agent is not restarted: the new active unit runs it.
   */
  failover(wanted: FailoverState, now: Instant = this.now()): string {
    if (!this.unit || !this.mate?.unit) return FAILOVER_NOT_CONFIGURED;
    if (!switchover(this.unit, this.mate.unit, wanted)) return '';
    if (this.pair) this.pair.lastFailoverAt = now;
    this.inStateSince = now;
    this.mate.inStateSince = now;
    const active = wanted === 'active' ? this : this.mate;
    active.licensing.useTransport(active.deps.transport);
    // The new active unit's configuration is the pair's now (a standby may have been configured
    // on its own): its licence settings decide what the agent asks for.
    void active.licensing.setEntitlements(active.wantedEntitlements(), now);
    return '';
  }

  /** The last change to the running configuration since boot (`show version` prints it). */
  lastConfigChange: { by: string; at: Instant } | undefined;

  configure(change: ConfigChange, by: string = this.spec.username): string | undefined {
    const error = applyConfigChange(this.config, change);
    if (error) return error;
    this.lastConfigChange = { by, at: this.now() };
    // Failover replicates the active unit's configuration to the standby (not the other way).
    if (this.unit?.state === 'active' && this.mate) {
      applyConfigChange(this.mate.config, change);
      this.mate.lastConfigChange = this.lastConfigChange;
    }
    if (this.ownsLicensing && (change.kind === 'smart-lic' || change.kind === 'license-smart')) {
      void this.licensing.setEntitlements(this.wantedEntitlements(), this.now());
    }
    return undefined;
  }

  async license(action: LicenseAction): Promise<string> {
    const now = this.now();
    // [invented] A standby does not drive the pair's agent: it names the active unit instead.
    if (!this.ownsLicensing)
      return standbyLicensingRefusal(this.unit?.role === 'primary' ? 'Secondary' : 'Primary');
    if (action.kind === 'register') {
      const accepted = await this.licensing.register(action.idToken, action.force, now);
      // Wording not confirmed on a real ASA (no public sample): see the emulator report.
      if (!accepted) return 'ERROR: Device is already registered. Use the force option to re-register.';
      this.kick(now);
      return '';
    }
    if (action.kind === 'deregister') {
      await this.licensing.deregister(now, this.transportTarget());
      return '';
    }
    await this.licensing.renew(action.what, now);
    this.kick(now);
    return '';
  }

  /**
   * Run what just became due without holding the prompt (the ASA answers at once, too); on a
   * standby unit, on its mate, which runs the pair's agent.
   */
  private kick(now: Instant): void {
    const owner = this.ownsLicensing ? this : this.mate;
    void owner?.runDue(now).catch(() => undefined);
  }

  /** The configuration as `show running-config` prints it. */
  runningConfigText(): string {
    return configFileText(this, this.config.bodyText());
  }

  runningDiffersFromStartup(): boolean {
    return RunningConfig.boot(this.startupText).bodyText() !== this.config.bodyText();
  }

  async writeMemory(): Promise<string> {
    const text = this.runningConfigText();
    this.startupText = text;
    if (this.deps.stateDir) {
      await mkdir(this.deps.stateDir, { recursive: true });
      const file = join(this.deps.stateDir, 'startup-config');
      await writeFileAtomic(file, text);
    }
    const md5 = createHash('md5').update(text).digest('hex');
    const checksum = md5.match(/.{8}/g)?.join(' ') ?? md5;
    return [
      'Building configuration...',
      `Cryptochecksum: ${checksum} `,
      '',
      `${Buffer.byteLength(text)} bytes copied in 0.120 secs`,
      '[OK]',
    ].join('\n');
  }

  startupConfigText(): string {
    return this.startupText;
  }

  /**
   * Reload: the startup-config comes back and the agent applies the core's reload semantics. A
   * unit of a pair reloads alone: an active unit hands the active state (and the pair's agent) to
   * its mate first, and comes back standby with the active unit's configuration (config sync).
   */
  async reload(now: Instant = this.now()): Promise<void> {
    const mate = this.unit && this.mate?.unit ? this.mate : undefined;
    if (mate) this.failover('standby', now);
    this.config = this.bootConfig(mate ? mate.runningConfigText() : this.startupText);
    this.bootedAt = now;
    this.inStateSince = now;
    this.lastConfigChange = undefined;
    if (!this.unit) {
      await this.licensing.setEntitlements(this.wantedEntitlements(), now);
      await this.licensing.reload(now);
    }
    this.onReload?.();
  }

  /**
   * The clock was set `by` ms (negative: back) without time passing, as `lab clock --set` to an
   * earlier time does. Uptime does not depend on the clock on an ASA, so the boot time moves with
   * it; so does the licensing agent's whole life (core/agent/clock-shift.ts), which keeps every
   * date it prints in its past and its timers as far ahead as they were.
   */
  async clockSet(by: number): Promise<void> {
    if (!Number.isFinite(by) || by === 0) return;
    this.bootedAt += by;
    this.inStateSince += by;
    // A pair's units share one agent and one set of pair times: they move once, with the unit
    // that runs the agent.
    if (!this.ownsLicensing) return;
    if (this.pair) shiftPairTimes(this.pair, by);
    await this.licensing.clockSet(by);
  }

  /** Set by the SSH adapter: a reload drops every session, as on the real box. */
  onReload: (() => void) | undefined;

  uptimeMs(now: Instant): number {
    return Math.max(0, now - this.bootedAt);
  }

  banner(kind: BannerKind): string[] {
    const prefix = `banner ${kind} `;
    const domain = this.config.lines.find((l) => l.text.startsWith('domain-name '))?.text.slice(12) ?? '';
    return this.config.lines
      .filter((l) => l.text.startsWith(prefix) || l.text === prefix.trimEnd())
      .map((l) =>
        l.text
          .slice(prefix.length)
          .replaceAll('$(hostname)', this.hostname())
          .replaceAll('$(domain)', domain),
      );
  }

  nowText(): string {
    return renderShowClock(this.now());
  }
}

/** A full configuration file as the ASA prints it: header comments, version, body, `: end`. */
function configFileText(device: EmulatedDevice, body: string): string {
  const lines = [
    ': Saved',
    '',
    ':',
    `: Serial Number: ${device.serial}`,
    `: Hardware:   ${device.spec.platform}`,
    ':',
    `ASA Version ${device.spec.version} `,
    '!',
  ];
  for (const line of body.split('\n')) {
    if (line === '') continue;
    // A `!` before each top-level block, as the ASA separates sections.
    if (!line.startsWith(' ') && lines.length > 8 && lines.at(-1)?.startsWith(' ')) lines.push('!');
    lines.push(line);
  }
  lines.push(': end');
  return lines.join('\n');
}

/** `ASAv` for every ASAv size, the model name otherwise (UDI PID as `show license all` prints it). */
export function pidFor(platform: string): string {
  return /^ASAv/i.test(platform) ? 'ASAv' : platform;
}

/** A stable 11-character serial derived from the device name (when the spec gives none). */
export function serialFor(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex').toUpperCase();
  return `9A${hex.slice(0, 9)}`;
}

export function defaultHostname(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9-]/g, '-').replace(/^[^A-Za-z]+/, '');
  return cleaned === '' ? 'ciscoasa' : cleaned.slice(0, 63);
}
