// The time a device said it was (`show clock`), for `--now device`: evaluate a capture at the
// moment it was taken, or a lab device on its virtual clock. Only a time printed in UTC/GMT is
// trusted: a local zone name (CET, EST, …) cannot be mapped without the device's clock settings,
// so such a device falls back to the wall clock. How `show clock` prints, and which typed
// commands are it, the text layer knows.

import { commandOfTyped, parseShowClock } from '../../text/index.ts';
import type { CollectedOutput } from '../collect/types.ts';

/** The device's own time from its collected `show clock`, if it printed one in UTC. */
export function deviceClock(outputs: CollectedOutput[]): number | undefined {
  for (const o of outputs) {
    if (commandOfTyped(o.command)?.reader !== 'clock') continue;
    const t = parseShowClock(o.text)?.at;
    if (t !== undefined) return t;
  }
  return undefined;
}
