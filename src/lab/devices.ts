// The seam between the lab and the emulated devices: what the lab needs from a device, and the
// adapter over the emulator's `startDevices` (src/emulate/index.ts). Devices that boot already
// registered (from a scenario) hold an ID certificate this fresh authority never issued; the
// adapter hands those to `adopt`, which issues each a certificate with a random secret that the
// device holds from then on, so the devices keep living: their renewals are recognised.

import type { AdoptedRegistration } from '../authority/service.ts';
import type { Clock, Instant, LicensingTransport, TransportTarget } from '../core/agent/protocol.ts';
import type { SmartLicenseData } from '../core/model.ts';
import type { FailoverUnit } from '../emulate/failover.ts';
import { InputError } from '../errors.ts';
import type { SchedulableDevice } from './advance.ts';

/** One device as the lab drives and reports it. */
export interface LabDeviceHandle extends SchedulableDevice {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  /** Secret: handed to in-process callers (demo, tests), never printed by `lab status`. */
  readonly password?: string;
  readonly enablePassword?: string;
  readonly hostKeyFingerprint?: string;
  /** OpenSSH public key (known_hosts: `[127.0.0.1]:PORT <hostPublicKey>`). */
  readonly hostPublicKey?: string;
  reload(now: Instant): Promise<void>;
  licenseView(now: Instant): SmartLicenseData;
  /** Where its licensing messages go now (from its configuration). */
  transportTarget?(): TransportTarget;
  /** A unit of a failover pair: the pair's name, the unit's role and state (a switchover changes it). */
  readonly failover?: FailoverUnit;
  /** A unit of a failover pair: make it active, its mate standby (the ASA's `failover active`). */
  makeActive?(now: Instant): void;
  /** Multiple context mode: the user contexts, admin first. */
  readonly contexts?: readonly string[];
}

export interface StartLabDevicesDeps {
  clock: Clock;
  transportFor(device: string): LicensingTransport;
  stateDir: string;
  /** Make the authority recognise a registration a device boots with; the certificate to hold. */
  adopt(reg: Omit<AdoptedRegistration, 'smartAccount' | 'virtualAccount'>): string;
}

export type StartLabDevices = (
  specs: readonly Record<string, unknown>[],
  deps: StartLabDevicesDeps,
) => Promise<{ devices: LabDeviceHandle[]; close(): Promise<void> }>;

/** Start the emulator's devices (SSH on 127.0.0.1) for the lab. */
export const emulatorDevices: StartLabDevices = async (specs, deps) => {
  const { startDevices, deviceSpecSchema, unitNames } = await import('../emulate/index.ts');
  const parsed = specs.map((s) => deviceSpecSchema.parse(s));
  let running: Awaited<ReturnType<typeof startDevices>>;
  try {
    running = await startDevices(parsed, {
      clock: deps.clock,
      transportFor: deps.transportFor,
      stateDir: deps.stateDir,
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { port?: number };
    if (e.code === 'EADDRINUSE' || e.code === 'EACCES') {
      const device = parsed.find((d) => d.port !== 0 && d.port === e.port)?.name;
      const why = e.code === 'EADDRINUSE' ? 'is already in use' : 'needs privileges';
      throw new InputError('LAB_DEVICE_PORT', `SSH port ${e.port ?? '?'} ${why} (pick another port or 0)`, {
        ...(device ? { device } : {}),
      });
    }
    throw error;
  }
  const now = deps.clock.now();
  for (const r of running) {
    // A failover pair has one agent, its active unit's (src/emulate/failover.ts).
    if (!r.device.ownsLicensing) continue;
    const reg = r.device.licensing.stateAt(now).registration;
    // Only certificates still in force matter: an expired one could not renew anyway.
    if (
      reg.certificateId &&
      reg.issuedAt !== undefined &&
      reg.expiresAt !== undefined &&
      reg.expiresAt > now
    ) {
      const issued = deps.adopt({
        udi: r.device.licensing.stateAt(now).udi,
        issuedAt: reg.issuedAt,
        expiresAt: reg.expiresAt,
        hostname: r.device.hostname(),
      });
      await r.device.licensing.holdCertificate(issued);
    }
  }
  const devices: LabDeviceHandle[] = running.map((r) => {
    const spec = parsed.find((p) => unitNames(p).includes(r.name));
    return {
      name: r.name,
      ...(r.unit
        ? { failover: r.unit, makeActive: (at: Instant) => void r.device.failover('active', at) }
        : {}),
      ...(spec?.contexts ? { contexts: spec.contexts } : {}),
      host: '127.0.0.1',
      port: r.port,
      ...(spec?.username ? { username: spec.username } : {}),
      ...(spec?.password ? { password: spec.password } : {}),
      ...(spec?.enablePassword ? { enablePassword: spec.enablePassword } : {}),
      hostKeyFingerprint: r.hostKeyFingerprint,
      hostPublicKey: r.hostPublicKey,
      nextDueAt: () => r.nextDueAt(),
      nextSentAt: (situation) => r.nextSentAt(situation),
      runDue: (at, situation) => r.runDue(at, situation),
      reload: (at) => r.reload(at),
      clockSet: (by) => r.clockSet(by),
      licenseView: (at) => r.licenseView(at),
      transportTarget: () => r.device.transportTarget(),
    };
  });
  return {
    devices,
    close: async () => {
      await Promise.all(running.map((r) => r.close()));
    },
  };
};
