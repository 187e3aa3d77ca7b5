// The seam between collection (SSH or saved files) and diagnosis/reports. Diagnosis only ever
// sees these shapes, so an offline audit and a live one are the same pipeline from here on.

import type { OutputFilter } from '../../text/index.ts';

/** One command's output as the device printed it (prompt and echo stripped). */
export interface CollectedOutput {
  /** The command as sent, e.g. `show license all` (a saved capture's typed `sh lic` resolved). */
  command: string;
  text: string;
  /**
   * Where a saved output was read: the file, the line its prompt (or, bare, its first line) is on,
   * and the file line `text` starts at (after the prompt line, or on it for a pasted output).
   */
  source?: { file: string; line: number; textLine: number };
  /** The output filter typed after the command in a capture (`| include Serial`). */
  filter?: OutputFilter;
}

/** Where a device's collection stopped, when it did not succeed. */
export const COLLECT_PHASES = [
  'inventory',
  'connect',
  'hostkey',
  'auth',
  'enable',
  'prompt',
  'command',
  'timeout',
  'read',
] as const;
export type CollectPhase = (typeof COLLECT_PHASES)[number];

/** Everything collected from one device, successful or not. Never carries a secret. */
export interface DeviceCollection {
  /** Inventory name (or folder/file name for offline input). */
  device: string;
  source: { kind: 'ssh'; host: string; port: number } | { kind: 'file'; paths: string[] };
  ok: boolean;
  /** One clear line, no secrets. */
  error?: { phase: CollectPhase; code: string; message: string };
  /** Whatever was collected, even on failure. */
  outputs: CollectedOutput[];
  context?: { mode: 'single' | 'multiple'; current?: string; isSystem?: boolean };
  failover?: { unit?: 'primary' | 'secondary'; state?: 'active' | 'standby' };
  /** ISO time. */
  collectedAt: string;
  durationMs: number;
}
