// The seam between the emulated device and the core's licensing agent: the device's config decides
// the transport target and the requested entitlements; the core's state machine decides everything
// else. Every state change goes through one promise chain, so a background `runDue` and an
// operator's `license smart register` never interleave.

import { shiftAgentState } from '../core/agent/clock-shift.ts';
import * as agent from '../core/agent/commands.ts';
import { nextSentAt, runDue } from '../core/agent/drive.ts';
import { nextDue, tick } from '../core/agent/machine.ts';
import type {
  EntitlementRequest,
  Instant,
  LicensingTransport,
  TransportTarget,
  Udi,
} from '../core/agent/protocol.ts';
import type { AgentState } from '../core/agent/state.ts';

export interface DeviceLicensingOptions {
  udi: Udi;
  hostname: string;
  softwareVersion: string;
  transport: LicensingTransport;
  initial: AgentState;
  /** Called with the new state after every change (persistence). */
  onChange?: (state: AgentState) => void;
}

/** The licensing agent living inside one emulated ASA. */
export class DeviceLicensing {
  private state: AgentState;
  private chain: Promise<unknown> = Promise.resolve();
  private transport: LicensingTransport;

  constructor(private readonly opts: DeviceLicensingOptions) {
    this.state = opts.initial;
    this.transport = opts.transport;
  }

  /**
   * Send through `transport` from now on: a failover pair's agent goes out through the network
   * path of whichever unit is active (failover.ts); its state, identity included, stays as it is.
   */
  useTransport(transport: LicensingTransport): void {
    this.transport = transport;
  }

  /** The agent state brought up to `now` (time-only transitions). */
  stateAt(now: Instant): AgentState {
    return tick(this.state, Math.max(now, this.state.asOf));
  }

  /** When the agent will next talk to the License Authority on its own. */
  nextDueAt(): Instant | undefined {
    return nextDue(this.state)?.at;
  }

  /**
   * When it will next really send something while `situation` holds (retries of a failure seen
   * in the same situation are assumed, core/agent/drive.ts); without one, `nextDueAt`.
   */
  nextSentAt(situation: string | undefined, target: TransportTarget): Instant | undefined {
    if (situation === undefined) return this.nextDueAt();
    return nextSentAt(this.state, situationKey(situation, target));
  }

  /** Serialise a change after every earlier one. */
  private enqueue<T>(job: () => Promise<T> | T): Promise<T> {
    const run = this.chain.then(job, job);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private set(next: AgentState): void {
    this.state = next;
    this.opts.onChange?.(next);
  }

  /**
   * Perform every action due up to `now` through the device's transport. With a `situation` (the
   * lab while it advances its clock) failures are remembered across calls while it and the
   * target stay the same.
   */
  runDue(now: Instant, target: TransportTarget, situation?: string): Promise<void> {
    return this.enqueue(async () => {
      const due = nextDue(this.state);
      if (!due || due.at > now) {
        if (now > this.state.asOf) this.state = tick(this.state, now);
        return;
      }
      const ctx = { hostname: this.opts.hostname, softwareVersion: this.opts.softwareVersion };
      const key = situation === undefined ? {} : { situation: situationKey(situation, target) };
      this.set(await runDue(this.state, now, this.transport, target, { ctx, ...key }));
    });
  }

  /** `license smart register idtoken …`: schedules the attempt; returns false when refused. */
  register(idToken: string, force: boolean, now: Instant): Promise<boolean> {
    return this.enqueue(() => {
      if (!force && agent.isRegistered(this.state, now)) return false;
      this.set(agent.register(this.state, idToken, force, now));
      return true;
    });
  }

  /** `license smart deregister`: tell the authority (best effort), then forget the registration. */
  deregister(now: Instant, target: TransportTarget): Promise<void> {
    return this.enqueue(async () => {
      const s = this.stateAt(now);
      const r = s.registration;
      if (r.status === 'REGISTERED' && r.certificateId) {
        await this.transport.exchange(
          { kind: 'deregister', udi: s.udi, certificateId: r.certificateId },
          target,
          now,
        );
      }
      this.set(agent.deregister(this.state, now));
    });
  }

  /**
   * Hold `certificateId` as the ID certificate from now on (the lab's authority re-issued the one
   * a scenario booted with, with a secret: lab/devices.ts). Only while one is held.
   */
  holdCertificate(certificateId: string): Promise<void> {
    return this.enqueue(() => {
      const r = this.state.registration;
      if (r.certificateId === undefined) return;
      this.set({ ...this.state, registration: { ...r, certificateId } });
    });
  }

  renew(what: 'id' | 'auth', now: Instant): Promise<void> {
    return this.enqueue(() => this.set(agent.renewNow(this.state, what, now)));
  }

  reload(now: Instant): Promise<void> {
    return this.enqueue(() => this.set(agent.reload(this.state, now)));
  }

  /** The device's clock was set `by` ms (negative: back) with no time passing (clock-shift.ts). */
  clockSet(by: number): Promise<void> {
    return this.enqueue(() => {
      if (by !== 0) this.set(shiftAgentState(this.state, by));
    });
  }

  setEntitlements(entitlements: EntitlementRequest[], now: Instant): Promise<void> {
    return this.enqueue(() => {
      if (JSON.stringify(entitlements) === JSON.stringify(this.state.entitlements)) return;
      this.set(agent.setEntitlements(this.state, entitlements, now));
    });
  }

  /** Wait for every queued change (tests, shutdown). */
  idle(): Promise<void> {
    return this.enqueue(() => undefined);
  }
}

/** The caller's situation and where messages go: either changing may change the outcome. */
const situationKey = (situation: string, target: TransportTarget) => `${situation}|${JSON.stringify(target)}`;
