// The emulator's public seam: start emulated ASAs from specs and drive them. The lab calls
// `startDevices` with its virtual clock and a transport per device, then steps time through the
// devices' `nextDueAt()` in order; `smartlic emulate` adds a small real-time poll instead.

import { join } from 'node:path';
import type { Clock, Instant, LicensingTransport } from '../core/agent/protocol.ts';
import type { SmartLicenseData } from '../core/model.ts';
import { MINUTE } from '../core/time.ts';
import { InputError } from '../errors.ts';
import { defaultHostname, EmulatedDevice } from './device.ts';
import { type DeviceSpec, type DeviceSpecInput, deviceSpecSchema } from './device-spec.ts';
import { deviceUnits, type FailoverUnit } from './failover.ts';
import { generateHostKey, type HostKey, loadOrCreateHostKey } from './host-key.ts';
import { SshDeviceServer, type SshLimits } from './ssh-server.ts';

export { EmulatedDevice } from './device.ts';
export {
  type DeviceSpec,
  type DeviceSpecInput,
  deviceSpecSchema,
  parseLabDevices,
  unitNames,
} from './device-spec.ts';
export type { FailoverUnit } from './failover.ts';

export interface StartDevicesDeps {
  clock: Clock;
  transportFor(deviceName: string): LicensingTransport;
  /** Each device keeps its host key and startup-config in `<stateDir>/<name>/`; omit for memory only. */
  stateDir?: string;
  bindHost?: string;
  /** Use this host key for every device instead of one per device (benchmarks). */
  sharedHostKey?: HostKey;
  /**
   * Real-time running: every `pollMs` run what is due at `clock.now()`. Leave unset when a virtual
   * clock is stepped by the caller through `nextDueAt()`/`runDue()`.
   */
  pollMs?: number;
  /** Override the SSH login and idle limits of every device (tests, benchmarks). */
  sshLimits?: Partial<SshLimits>;
}

/** One running emulated ASA (or one unit of a failover pair). */
export interface RunningDevice {
  name: string;
  /** A unit of a failover pair: which pair, its role and state (failover.ts). */
  unit?: FailoverUnit;
  port: number;
  /** `SHA256:…` of the host key. */
  hostKeyFingerprint: string;
  /** OpenSSH public key line of the host key (for known_hosts: `[127.0.0.1]:PORT <publicKey>`). */
  hostPublicKey: string;
  device: EmulatedDevice;
  /** The agent's next scheduled exchange with the License Authority. */
  nextDueAt(): Instant | undefined;
  /** When it next really sends (the lab's `situation`: drive.ts); see DeviceLicensing.nextSentAt. */
  nextSentAt(situation?: string): Instant | undefined;
  /** Perform every due licensing action up to `now` through the device's transport. */
  runDue(now: Instant, situation?: string): Promise<void>;
  reload(now: Instant): Promise<void>;
  /** The clock was set `by` ms (negative: back) with no time passing: EmulatedDevice.clockSet. */
  clockSet(by: number): Promise<void>;
  licenseView(now: Instant): SmartLicenseData;
  close(): Promise<void>;
}

async function startOne(
  spec: DeviceSpec,
  deps: StartDevicesDeps,
  pair: { unit?: FailoverUnit; mate?: EmulatedDevice } = {},
): Promise<RunningDevice> {
  const dir = deps.stateDir ? join(deps.stateDir, spec.name) : undefined;
  const hostKey =
    deps.sharedHostKey ??
    (dir ? await loadOrCreateHostKey(join(dir, 'ssh_host_ed25519_key')) : generateHostKey());
  const device = await EmulatedDevice.create(spec, {
    clock: deps.clock,
    transport: deps.transportFor(spec.name),
    ...(dir ? { stateDir: dir } : {}),
    ...(pair.unit ? { unit: pair.unit } : {}),
    ...(pair.mate ? { mate: pair.mate } : {}),
  });
  const server = new SshDeviceServer({
    device,
    hostKey,
    credentials: { username: spec.username, password: spec.password, authorizedKeys: spec.authorizedKeys },
    bindHost: deps.bindHost ?? '127.0.0.1',
    port: spec.port,
    limits: { idleTimeoutMs: spec.sshTimeout * MINUTE, ...deps.sshLimits },
  });
  device.onReload = () => server.dropSessions();
  let port: number;
  try {
    port = await server.listen();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const why =
      code === 'EADDRINUSE'
        ? 'is already in use'
        : code === 'EACCES'
          ? 'needs privileges'
          : `cannot be opened (${code})`;
    throw new InputError(
      'SSH_PORT',
      `SSH port ${spec.port} ${why} (pick another port or 0)`,
      { device: spec.name },
      error,
    );
  }
  let timer: NodeJS.Timeout | undefined;
  if (deps.pollMs) {
    // A clock that jumps back (the host's clock corrected) is a clock set back: the device follows.
    let last = deps.clock.now();
    const poll = async () => {
      const now = deps.clock.now();
      if (now < last) await device.clockSet(now - last);
      last = now;
      await device.runDue(now);
    };
    timer = setInterval(() => void poll().catch(() => undefined), deps.pollMs);
    timer.unref();
  }
  return {
    name: spec.name,
    ...(pair.unit ? { unit: pair.unit } : {}),
    port,
    hostKeyFingerprint: hostKey.fingerprint,
    hostPublicKey: hostKey.publicKey,
    device,
    nextDueAt: () => device.nextDueAt(),
    nextSentAt: (situation) => device.nextSentAt(situation),
    runDue: (now, situation) => device.runDue(now, situation),
    reload: (now) => device.reload(now),
    clockSet: (by) => device.clockSet(by),
    licenseView: (now) => device.licenseView(now),
    close: async () => {
      if (timer) clearInterval(timer);
      await server.close();
      await device.licensing.idle();
    },
  };
}

/**
 * Start every device (each on its own SSH port, bound to 127.0.0.1 unless `bindHost` says
 * otherwise); a failover pair starts as its two units, the standby sharing the active unit's
 * licensing agent (failover.ts). If one fails to start, the ones already started are closed and
 * the error is thrown.
 */
export async function startDevices(
  specs: readonly (DeviceSpecInput | DeviceSpec)[],
  deps: StartDevicesDeps,
): Promise<RunningDevice[]> {
  const started: RunningDevice[] = [];
  try {
    for (const input of specs) {
      let active: EmulatedDevice | undefined;
      for (const { spec, unit } of deviceUnits(deviceSpecSchema.parse(input), defaultHostname)) {
        const running = await startOne(spec, deps, {
          ...(unit ? { unit } : {}),
          ...(active ? { mate: active } : {}),
        });
        started.push(running);
        if (unit?.state === 'active') active = running.device;
      }
    }
  } catch (error) {
    await Promise.all(started.map((d) => d.close()));
    throw error;
  }
  return started;
}
