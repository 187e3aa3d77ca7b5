// Agent state -> model.ts shapes, through the core. Kept as one tiny module so the emulator has a
// single import point for the core's view functions.

import type { Instant } from '../core/agent/protocol.ts';
import type { AgentState } from '../core/agent/state.ts';
import { toVersionView } from '../core/agent/version-view.ts';
import { type LicenseViewSettings, toLicenseView } from '../core/agent/view.ts';
import type { ShowVersionData, SmartLicenseData } from '../core/model.ts';
import { renderUptime } from '../text/index.ts';

export function agentLicenseView(
  state: AgentState,
  now: Instant,
  settings: LicenseViewSettings,
): SmartLicenseData {
  return toLicenseView(state, now, settings);
}

export interface VersionFacts {
  hostname: string;
  platform: string;
  version: string;
  serial: string;
  uptimeMs: number;
  ramMb?: number;
  cpu?: string;
  /** Multiple context mode: the word `show version` prints in brackets after the version. */
  context?: string;
  scope?: 'platform' | 'user context';
  failover?: boolean;
}

export function agentVersionView(facts: VersionFacts, state: AgentState, now: Instant): ShowVersionData {
  const { uptimeMs, ...device } = facts;
  return toVersionView({ ...device, uptime: renderUptime(uptimeMs) }, state, now);
}
