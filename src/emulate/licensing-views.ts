// What the device prints, assembled from its config and its agent state through the shared layers:
// the core turns agent state into model.ts shapes, src/text renders them. This module is the only
// place in the emulator that knows which core/text functions exist, so wiring changes stay here.

import { createHash } from 'node:crypto';
import type { EntitlementRequest, Instant, TransportTarget, Udi } from '../core/agent/protocol.ts';
import type { AgentState } from '../core/agent/state.ts';
import { createAgentState } from '../core/agent/state.ts';
import type { CallHomeConfig, LicenseConfig, ShowVersionData, SmartLicenseData } from '../core/model.ts';
import { PAK_BASE_FEATURES, PAK_BASE_SUMMARY } from '../core/platform-features.ts';
import {
  operatingSystemLine,
  type PlatformHardware,
  platformHardware,
  type ReleaseLines,
  releaseLines,
  startupTimeMs,
  systemImageFile,
} from '../core/platform-hardware.ts';
import { type PlatformInfo, recognisePlatform } from '../core/platforms.ts';
import { scenarioState } from '../core/scenarios.ts';
import { toIso } from '../core/time.ts';
import { defaultTransportFor, transportTarget } from '../core/transport.ts';
import {
  type FailoverStatus,
  formatCiscoDate,
  renderShowClock,
  renderShowFailover,
  renderShowFailoverOff,
  renderShowLicenseAll,
  renderShowLicenseFeatures,
  renderShowLicenseStatus,
  renderShowLicenseSummary,
  renderShowMode,
  renderShowVersion,
  renderUptime,
  VERSION_STYLE,
  type VersionDetails,
} from '../text/index.ts';
import { agentLicenseView, agentVersionView } from './agent-view.ts';
import type { ShowTopic } from './cli-context.ts';
import type { DeviceSpec } from './device-spec.ts';
import type { RunningConfig } from './running-config.ts';

/**
 * What the views read of a device (an EmulatedDevice is one). Declared here rather than importing
 * the device class, so that the device can call the views without a cycle between the two.
 */
export interface ShownDevice {
  readonly spec: Pick<DeviceSpec, 'platform' | 'version'>;
  readonly serial: string;
  readonly config: RunningConfig;
  /** A unit of a failover pair (failover.ts). */
  readonly unit?: unknown;
  hostname(): string;
  /** How long it has been up at `now` (`show version`'s uptime). */
  uptimeMs(now: Instant): number;
  transportTarget(): TransportTarget;
  runningConfigText(): string;
  startupConfigText(): string;
  /** The last change to the running configuration since boot: who and when. */
  readonly lastConfigChange?: { by: string; at: Instant } | undefined;
  /** Multiple context mode: the user contexts; undefined in single mode. */
  contextNames(): readonly string[] | undefined;
  /** `show failover` of a unit of a pair; undefined otherwise. */
  failoverStatusAt(now: Instant): FailoverStatus | undefined;
  /** When a unit's pair came up (a switchover does not reset it); undefined otherwise. */
  failoverUpSince(): Instant | undefined;
}

/**
 * The transport target: a configured `transport type` wins; otherwise the release's default (core
 * data). Smart uses `transport url`/`transport proxy`; Call Home uses the `License` profile's HTTP
 * destination and the call-home `http-proxy`.
 */
export function transportTargetFor(
  version: string,
  license: LicenseConfig,
  callHome: CallHomeConfig,
): TransportTarget {
  const configured = license.transport?.type;
  const type =
    configured === 'smart' || configured === 'callhome' ? configured : defaultTransportFor(version);
  if (type === 'smart') {
    return transportTarget('smart', { url: license.transport?.url, proxy: license.transport?.proxy ?? null });
  }
  const profile = callHome.profiles.find((p) => p.name.toLowerCase() === 'license' && p.active);
  return transportTarget('callhome', {
    url: profile?.destinations.addressHttp?.[0],
    proxy: callHome.httpProxy ?? null,
  });
}

/**
 * The agent state a device boots with: a scenario of src/core/scenarios.ts (produced by running
 * the core's machine), or a fresh unregistered agent in evaluation.
 */
export function initialAgentState(
  spec: DeviceSpec,
  udi: Udi,
  entitlements: EntitlementRequest[],
  now: Instant,
): AgentState {
  const hostname = spec.hostname ?? spec.name;
  const start = spec.licensing;
  if (!start) return createAgentState({ udi, now, entitlements, hostname, softwareVersion: spec.version });
  const { scenario, ...shifts } = start;
  return scenarioState(scenario, now, {
    ...shifts,
    udi,
    hostname,
    softwareVersion: spec.version,
    // What the startup-config asks for, even nothing: `show version` and the usage must agree
    // with `show running-config`.
    entitlements,
  });
}

/** `show license …` data for this device at `now`. */
export function licenseView(device: ShownDevice, state: AgentState, now: Instant): SmartLicenseData {
  const license = device.config.licenseConfig();
  const target = device.transportTarget();
  // A Call Home device prints only `Type: Callhome` under Transport (corpus NTC-4); URL, Proxy and
  // VRF belong to Smart Transport (the seed's sample).
  const transport =
    target.type === 'smart'
      ? { type: target.type, url: target.url, proxy: license.transport?.proxy }
      : { type: target.type };
  const view = agentLicenseView(state, now, { transport });
  // Each unit of a failover pair prints its own UDI beside the pair's licensing state (failover.ts).
  return view.udi ? { ...view, udi: { ...view.udi, sn: device.serial } } : view;
}

/** What `show version` prints about a device's box and release, from the core (once per command). */
interface BoxFacts {
  platform: PlatformInfo;
  hardware: PlatformHardware;
  release: ReleaseLines;
  /** The operating-system line's kind; undefined when the release prints none. */
  os: ReturnType<typeof operatingSystemLine>;
}

/** The box a device's spec names; an unrecognised platform is shown as an ASAv of that name. */
function boxFacts(device: ShownDevice): BoxFacts {
  const platform = recognisePlatform(device.spec.platform) ?? {
    family: 'ASAv',
    model: device.spec.platform,
    hardware: device.spec.platform,
    licensing: 'smart',
  };
  return {
    platform,
    hardware: platformHardware(platform),
    release: releaseLines(device.spec.version),
    os: operatingSystemLine(platform, device.spec.version),
  };
}

/**
 * `show version` data. Multiple context mode prints the version with `<context>` in the system
 * context too (corpus genieparser-asa 3) and, in a user context, heads the features "for this user
 * context" (contexts.ts); a failover unit adds the failover cluster block.
 */
function versionView(
  device: ShownDevice,
  { platform, hardware, release, os }: BoxFacts,
  state: AgentState,
  now: Instant,
  userContext?: string,
): ShowVersionData {
  const view = agentVersionView(
    {
      hostname: device.hostname(),
      platform: device.spec.platform,
      version: device.spec.version,
      serial: device.serial,
      uptimeMs: device.uptimeMs(now),
      ramMb: hardware.ramMb,
      cpu: hardware.cpu,
      ...(device.contextNames() ? { context: 'context' } : {}),
      ...(userContext !== undefined ? { scope: 'user context' as const } : {}),
      ...(device.unit ? { failover: true } : {}),
    },
    state,
    now,
  );
  const out: ShowVersionData = {
    ...view,
    ...(os ? { fxosVersion: release.osVersion } : {}),
    deviceManagerVersion: release.deviceManagerVersion,
  };
  // A PAK platform prints its Base licence block (the core's limits are Smart Licensing's).
  if (platform.licensing === 'pak' && !out.features?.length) {
    out.features = PAK_BASE_FEATURES.map((f) => ({ ...f }));
    out.platformLicenseSummary = PAK_BASE_SUMMARY;
  }
  return out;
}

/** A stable MAC per device and interface (`5254.00xx.xxxx`, the KVM prefix an ASAv shows). */
function macFor(serial: string, index: number): string {
  const hex = createHash('sha256').update(`${serial}/${index}`).digest('hex');
  return `5254.00${hex.slice(0, 2)}.${hex.slice(2, 6)}`;
}

/** The lines of `show version` besides licensing, from the core's per-family facts. */
function versionDetails(
  device: ShownDevice,
  { platform, hardware, release, os }: BoxFacts,
  now: Instant,
): VersionDetails {
  const image = systemImageFile(platform, device.spec.version, release.osVersion);
  const changed = device.lastConfigChange;
  // A unit of a pair: `failover cluster up` counts from when the pair came up, through any
  // switchover (failover.ts).
  const pairUp = device.failoverUpSince();
  const startup = startupTimeMs(device.spec.version);
  return {
    style: VERSION_STYLE[platform.family],
    ...(os ? { osLine: os } : {}),
    compiledOn: release.compiledOn,
    ...(image ? { imageFile: image } : {}),
    ...(pairUp !== undefined ? { failoverUptime: renderUptime(Math.max(0, now - pairUp)) } : {}),
    ...(startup !== undefined ? { startupTime: renderUptime(startup) } : {}),
    ...(hardware.sspSlot !== undefined ? { sspSlot: hardware.sspSlot } : {}),
    storage: hardware.storage,
    ...(hardware.cryptoAccelerator ? { cryptoAccelerator: hardware.cryptoAccelerator } : {}),
    interfaces: hardware.interfaces.map((i) => ({ ...i, mac: macFor(device.serial, i.index) })),
    ...(platform.licensing === 'pak' ? { activationKey: activationKeyFor(device.serial) } : {}),
    ...(changed ? { lastModified: { by: changed.by, at: renderShowClock(changed.at) } } : {}),
  };
}

/** A PAK box's activation key: five 32-bit hex words, stable per serial. */
function activationKeyFor(serial: string): string {
  const hex = createHash('sha256').update(`key/${serial}`).digest('hex');
  return Array.from({ length: 5 }, (_, i) => `0x${hex.slice(i * 8, i * 8 + 8)}`).join(' ');
}

/** Render one show command, as the session's user context sees it (undefined: system or single). */
export function renderShow(
  device: ShownDevice,
  topic: ShowTopic,
  state: AgentState,
  now: Instant,
  userContext?: string,
): string {
  switch (topic) {
    case 'license all':
      return renderShowLicenseAll(licenseView(device, state, now));
    case 'license status': {
      // The seed's 9.2x sample goes from `Smart Licensing is ENABLED` straight to `Utility:`: no
      // Export Authorization Key block in `show license status`.
      const { exportAuthorizationKey: _omitted, ...data } = licenseView(device, state, now);
      return renderShowLicenseStatus(data);
    }
    case 'license summary':
      return renderShowLicenseSummary(licenseView(device, state, now));
    case 'license features':
      return renderShowLicenseFeatures(versionView(device, boxFacts(device), state, now, userContext));
    case 'version': {
      const box = boxFacts(device);
      return renderShowVersion(
        versionView(device, box, state, now, userContext),
        versionDetails(device, box, now),
      );
    }
    case 'running-config':
      // [assumed] A user context shows the configuration without the system's licensing blocks.
      return userContext === undefined ? device.runningConfigText() : contextConfigText(device);
    case 'running-config license':
      return device.config.section('license').join('\n');
    case 'running-config call-home':
      return device.config.callHomeSection().join('\n');
    case 'startup-config':
      return device.startupConfigText();
    case 'memory':
      return memoryText();
    case 'dir':
      return dirText(now);
    case 'failover': {
      const status = device.failoverStatusAt(now);
      return status ? renderShowFailover(status) : renderShowFailoverOff();
    }
    case 'mode':
      return renderShowMode(device.contextNames() !== undefined);
  }
}

/** A user context's `show running-config`: the device's, less the system-only blocks. */
function contextConfigText(device: ShownDevice): string {
  const system = /^(license smart|call-home|hostname )/;
  return device
    .runningConfigText()
    .split('\n')
    .reduce<{ out: string[]; skipping: boolean }>(
      (acc, line) => {
        if (!line.startsWith(' ')) acc.skipping = system.test(line);
        if (!acc.skipping) acc.out.push(line);
        return acc;
      },
      { out: [], skipping: false },
    )
    .out.join('\n');
}

function memoryText(): string {
  const total = 8_589_934_592;
  const used = 2_147_483_648;
  const pct = (n: number) => `${Math.round((n / total) * 100)}%`;
  return [
    `Free memory:        ${total - used} bytes (${pct(total - used)})`,
    `Used memory:        ${used} bytes (${pct(used)})`,
    '-------------     ------------------',
    `Total memory:       ${total} bytes (100%)`,
  ].join('\n');
}

function dirText(now: Instant): string {
  // The ASA's date words (src/text/dates.ts: `Jan 12 2026 13:09:43 UTC`) in the order `dir` uses.
  const [month, day, year, time] = formatCiscoDate(toIso(now)).split(' ');
  const stamp = `${time} ${month} ${day} ${year}`;
  return [
    'Directory of disk0:/',
    '',
    `11     drwx  4096         ${stamp}  log`,
    `13     drwx  4096         ${stamp}  smart-log`,
    '',
    '8571076608 bytes total (8198635520 bytes free/95% free)',
  ].join('\n');
}
