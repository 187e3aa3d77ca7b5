// Collect a whole inventory: bounded concurrency with jitter on the first wave, per-device
// timeouts, results yielded as devices finish. A device that fails is a DeviceCollection with
// ok=false; nothing aborts the run except the caller's AbortSignal, and even then every device
// already finished or in flight is still yielded.

import { homedir } from 'node:os';
import { join } from 'node:path';
import { collectDevice, type DeviceCollectOptions } from './device.ts';
import type { Inventory, InventoryDevice } from './inventory/model.ts';
import { KnownHostsFile } from './known-hosts.ts';
import type { DeviceCollection } from './types.ts';

export interface CollectProgress {
  done: number;
  failed: number;
  total: number;
  /** The device that just finished. */
  last: DeviceCollection;
}

export interface CollectFleetOptions {
  /** Devices collected at once (default 20). */
  concurrency?: number;
  /** Whole-device budget in ms (default 30 000). */
  timeoutMs?: number;
  /** SSH handshake budget in ms (default min(10 000, timeoutMs)). */
  connectTimeoutMs?: number;
  /** Per-command budget in ms (default min(15 000, timeoutMs)). */
  commandTimeoutMs?: number;
  /** How long an unrecognised, silent prompt may sit before it is "unexpected" (default 1 500). */
  promptIdleMs?: number;
  /** Bytes one command's output may have before the device fails with OUTPUT_TOO_LARGE (1 MiB). */
  maxCommandBytes?: number;
  /** Bytes one device may print over its session (4 MiB). */
  maxDeviceBytes?: number;
  /** Start-up spread of the first wave, ms (default 200): avoids a burst on AAA servers. */
  jitterMs?: number;
  /** OpenSSH known_hosts file (default ~/.ssh/known_hosts). */
  knownHostsFile?: string;
  /** Record unknown host keys instead of failing the device. */
  acceptNew?: boolean;
  /** Environment for *_env secrets, SSH_AUTH_SOCK, USER (default process.env). */
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  onProgress?: (p: CollectProgress) => void;
  /** Wall clock for collectedAt (default () => new Date()). */
  now?: () => Date;
}

export function invalidCollection(name: string, message: string, now: Date): DeviceCollection {
  return {
    device: name,
    source: { kind: 'ssh', host: '', port: 0 },
    ok: false,
    error: { phase: 'inventory', code: 'INVENTORY_INVALID', message },
    outputs: [],
    collectedAt: now.toISOString(),
    durationMs: 0,
  };
}

/** The per-device options collectFleet's defaults give (also what `smartlic fix` opens sessions with). */
export async function deviceOptions(opts: CollectFleetOptions): Promise<DeviceCollectOptions> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return {
    knownHosts: await KnownHostsFile.open(opts.knownHostsFile ?? join(homedir(), '.ssh', 'known_hosts')),
    acceptNew: opts.acceptNew ?? false,
    timeoutMs,
    connectTimeoutMs: opts.connectTimeoutMs ?? Math.min(10_000, timeoutMs),
    commandTimeoutMs: opts.commandTimeoutMs ?? Math.min(15_000, timeoutMs),
    promptIdleMs: opts.promptIdleMs ?? 1_500,
    limits: { maxCommandBytes: opts.maxCommandBytes, maxDeviceBytes: opts.maxDeviceBytes },
    env: opts.env ?? process.env,
    signal: opts.signal,
    now: opts.now ?? (() => new Date()),
  };
}

/**
 * Run `work` on each item, `concurrency` at a time (the first wave spread over `jitterMs`), and
 * yield the results in completion order. After the signal fires no new item is started; those
 * in flight finish and are yielded.
 */
export async function* inPool<T, R>(
  items: readonly T[],
  opts: { concurrency?: number; jitterMs?: number; signal?: AbortSignal },
  work: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const concurrency = Math.max(1, opts.concurrency ?? 20);
  const jitterMs = opts.jitterMs ?? 200;
  const ready: R[] = [];
  let wake: (() => void) | undefined;
  let next = 0;
  let running = 0;
  const worker = async (first: boolean) => {
    running++;
    try {
      if (first && jitterMs > 0) await new Promise((r) => setTimeout(r, Math.random() * jitterMs));
      while (next < items.length && !opts.signal?.aborted) {
        const item = items[next++] as T;
        ready.push(await work(item));
        wake?.();
      }
    } finally {
      running--;
      wake?.();
    }
  };
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, () => worker(true));
  while (true) {
    while (ready.length) yield ready.shift() as R;
    if (running === 0 && (next >= items.length || opts.signal?.aborted)) break;
    await new Promise<void>((r) => {
      wake = r;
    });
    wake = undefined;
  }
  await Promise.all(workers);
  while (ready.length) yield ready.shift() as R;
}

/**
 * Collect every device of the inventory over SSH. Yields in completion order. Devices that never
 * started because the signal fired are not yielded (they were not attempted).
 */
export async function* collectFleet(
  inventory: Inventory | InventoryDevice[],
  opts: CollectFleetOptions = {},
): AsyncGenerator<DeviceCollection> {
  const devices = Array.isArray(inventory) ? inventory : inventory.devices;
  const invalid = Array.isArray(inventory) ? [] : inventory.invalid;
  const dopts = await deviceOptions(opts);
  const total = devices.length + invalid.length;
  let done = 0;
  let failed = 0;
  const progress = (c: DeviceCollection) => {
    done++;
    if (!c.ok) failed++;
    opts.onProgress?.({ done, failed, total, last: c });
    return c;
  };
  for (const bad of invalid) yield progress(invalidCollection(bad.name, bad.message, dopts.now()));
  yield* inPool(devices, opts, async (device) => progress(await collectDevice(device, dopts)));
}
