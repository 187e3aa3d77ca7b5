// The agent state as `show version` / `show license features` would print the licence header and
// the "Licensed features for this platform:" block, from the platform data in platform-features.ts.

import type { ShowVersionData } from '../model.ts';
import { featureLimits, type LicensingCondition } from '../platform-features.ts';
import { type PlatformInfo, recognisePlatform } from '../platforms.ts';
import { tick } from './machine.ts';
import type { Instant } from './protocol.ts';
import type { AgentState } from './state.ts';

export interface DeviceFacts {
  hostname: string;
  /** `ASAv10`, `FPR-2130`, `FPR9K-SM-24`, … */
  platform: string;
  version: string;
  serial: string;
  uptime?: string;
  /** Multiple context mode: `Software Version 9.14(2)15 <context>` (corpus genieparser-asa 3). */
  context?: string;
  /** Whose features the block lists: `platform`, or `user context` in a user context (NTC-VER2). */
  scope?: 'platform' | 'user context';
  ramMb?: number;
  cpu?: string;
  /**
   * Failover configured: `show version` then adds "Failover cluster licensed features for this
   * platform:" (corpus FPR-2130, FPR9K-SM-24). Its values are the unit's with Security Contexts
   * doubled: [observed] 2 → 4 on the FPR-2130; the FPR9K sample (40 → 50) shows a cap we do not
   * know, so the doubling is an assumption there.
   */
  failover?: boolean;
}

/** The licensing condition that decides the feature limits. */
export function licensingCondition(state: AgentState): LicensingCondition {
  switch (state.authorization.status) {
    case 'AUTHORIZED':
      return 'authorized';
    case 'OUT OF COMPLIANCE':
      return 'out-of-compliance';
    case 'AUTH EXPIRED':
      return 'auth-expired';
    case 'EVAL EXPIRED':
      return 'eval-expired';
    case 'EVAL MODE':
      return state.entitlements.length === 0 ? 'unlicensed' : 'eval';
    default:
      return 'authorized';
  }
}

// The enforce-mode words after "Authorized" and "Eval period" (both observed) are [assumed].
const ENFORCE: Record<LicensingCondition, string> = {
  authorized: 'Authorized',
  'out-of-compliance': 'Out of compliance',
  eval: 'Eval period',
  'eval-expired': 'Eval period expired',
  'auth-expired': 'Authorization expired',
  unlicensed: 'Eval period',
};

function asavHeader(state: AgentState, condition: LicensingCondition, throughput?: string): ShowVersionData {
  const tag = state.entitlements[0]?.tag;
  const licensed = condition === 'authorized' || condition === 'out-of-compliance';
  return {
    platformLicenseState: licensed ? 'Licensed' : 'Unlicensed',
    ...(tag
      ? { activeEntitlement: tag, enforceMode: ENFORCE[condition] }
      : { notes: ['No active entitlement: no feature tier and no throughput level configured'] }),
    ...(throughput && tag ? { throughputLimit: throughput } : {}),
  };
}

/** `show version` data for a device whose agent is in `state` at `now`. */
export function toVersionView(device: DeviceFacts, state: AgentState, now: Instant): ShowVersionData {
  const s = tick(state, now);
  const platform: PlatformInfo = recognisePlatform(device.platform) ?? {
    family: 'ASAv',
    model: device.platform,
    hardware: device.platform,
    licensing: 'smart',
  };
  const condition = licensingCondition(s);
  const tag = s.entitlements[0]?.tag;
  const limits = featureLimits(platform, condition, {
    exportControlAllowed: s.registration.exportControlAllowed,
    ...(tag ? { entitlement: tag } : {}),
    softwareVersion: device.version,
  });
  const smart = platform.licensing === 'smart';
  return {
    software: { version: device.version, ...(device.context ? { context: device.context } : {}) },
    hostname: device.hostname,
    ...(device.uptime ? { uptime: device.uptime } : {}),
    hardware: {
      model: platform.hardware,
      ...(device.ramMb !== undefined ? { ramMb: device.ramMb } : {}),
      ...(device.cpu ? { cpu: device.cpu } : {}),
    },
    ...(platform.family === 'ASAv' ? { modelId: platform.model === 'ASAv' ? 'ASAv10' : platform.model } : {}),
    serialNumber: device.serial,
    ...(smart ? { licenseMode: 'Smart Licensing' } : {}),
    ...(platform.family === 'ASAv' ? asavHeader(s, condition, limits.throughput?.value) : {}),
    featuresScope: device.scope ?? 'platform',
    features: limits.features.map(({ name, value }) => ({ name, value })),
    ...(device.failover && limits.features.length > 0
      ? {
          failoverClusterFeatures: limits.features.map(({ name, value }) => ({
            name,
            value: name === 'Security Contexts' && /^\d+$/.test(value) ? String(Number(value) * 2) : value,
          })),
        }
      : {}),
  };
}
