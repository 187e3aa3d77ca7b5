// collectFleet drained into a list (Array.fromAsync needs Node 22), with the start jitter off so
// a test's devices are contacted at once.

import {
  type CollectFleetOptions,
  collectFleet,
  type DeviceCollection,
} from '../../../src/audit/collect/index.ts';

/** Every collection `collectFleet` yields, in completion order. */
export async function collectAll(
  inventory: Parameters<typeof collectFleet>[0],
  opts: CollectFleetOptions = {},
): Promise<DeviceCollection[]> {
  const out: DeviceCollection[] = [];
  for await (const c of collectFleet(inventory, { jitterMs: 0, ...opts })) out.push(c);
  return out;
}
