// Agent state -> model.ts shapes, through the core. Kept as one tiny module so the emulator has a
// single import point for the core's view functions.

import type { Instant } from '../core/agent/protocol.ts';
import type { AgentState } from '../core/agent/state.ts';
import { toVersionView } from '../core/agent/version-view.ts';
import { type LicenseViewSettings, toLicenseView } from '../core/agent/view.ts';
import type { ShowVersionData, SmartLicenseData } from '../core/model.ts';
import { DAY, HOUR, MINUTE } from '../core/time.ts';

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
}

/** `up 10 hours 51 mins` style uptime. */
export function uptimeText(ms: number): string {
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const m = Math.floor((ms % HOUR) / MINUTE);
  const parts: string[] = [];
  if (days) parts.push(`${days} day${days === 1 ? '' : 's'}`);
  if (hours) parts.push(`${hours} hour${hours === 1 ? '' : 's'}`);
  parts.push(`${m} min${m === 1 ? '' : 's'}`);
  return parts.join(' ');
}

export function agentVersionView(facts: VersionFacts, state: AgentState, now: Instant): ShowVersionData {
  const { uptimeMs, ...device } = facts;
  return toVersionView({ ...device, uptime: uptimeText(uptimeMs) }, state, now);
}
