// Each lab device's way to the License Authority: the real HTTPS transport client, with the lab's
// resolver (names → loopback) and the device's own network policy. While the lab advances its
// clock, the wrapper sets the clock to each exchange's scheduled time first, so the authority
// judges the message at the moment a real device would have sent it.

import {
  COMM_SEND_ERROR,
  type ExchangeOutcome,
  type LicensingTransport,
  type TransportTarget,
} from '../core/agent/protocol.ts';
import { createHttpsTransport, type HttpsTransport, type TransportEvent } from '../transport/index.ts';
import type { Resolver } from '../transport/resolver.ts';
import type { VirtualClock } from './clock.ts';
import type { LabPolicy } from './policy.ts';

export interface LabTransportOptions {
  caCert: string;
  resolve: Resolver;
  policy: LabPolicy;
  clock: VirtualClock;
  /** True while the lab steps its clock (then exchanges carry the time). */
  isAdvancing: () => boolean;
  /** Real-time wait for a dropped connection (a firewall drop); kept short in the lab. */
  connectTimeoutMs: number;
  onEvent?: (device: string, event: TransportEvent) => void;
}

/** The first hop of a target: the proxy when one is configured, else the URL's host and port. */
export function firstHop(target: TransportTarget): { host: string; port: number } | undefined {
  if (target.proxy) return target.proxy;
  try {
    const url = new URL(target.url);
    return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port || 443) };
  } catch {
    return undefined;
  }
}

/** Counts per device, for `lab status` and the benchmark. */
export interface ExchangeCounts {
  sent: number;
  failed: number;
}

export class LabTransports {
  private readonly made = new Map<string, HttpsTransport>();
  readonly counts = new Map<string, ExchangeCounts>();

  constructor(private readonly opts: LabTransportOptions) {}

  /** True when this device's first hop toward `target` is blocked by the policy. */
  blocked(device: string, target: TransportTarget): boolean {
    const hop = firstHop(target);
    return hop !== undefined && this.opts.policy.policyFor(device).decide(hop.host, hop.port) !== 'allow';
  }

  /** The transport for one device (created once, reused: keep-alive connections stay warm). */
  transportFor(device: string): LicensingTransport {
    const opts = this.opts;
    const inner =
      this.made.get(device) ??
      createHttpsTransport({
        ca: opts.caCert,
        resolve: opts.resolve,
        policy: opts.policy.policyFor(device),
        connectTimeoutMs: opts.connectTimeoutMs,
        requestTimeoutMs: 15_000,
        ...(opts.onEvent ? { onEvent: (e: TransportEvent) => opts.onEvent?.(device, e) } : {}),
      });
    this.made.set(device, inner);
    const counts = this.counts.get(device) ?? { sent: 0, failed: 0 };
    this.counts.set(device, counts);
    return {
      exchange: async (request, target, at): Promise<ExchangeOutcome> => {
        counts.sent++;
        if (opts.isAdvancing()) {
          const hop = firstHop(target);
          if (hop && opts.policy.policyFor(device).decide(hop.host, hop.port) !== 'allow') {
            // While the clock is stepped, a drop's real-time wait would only slow the lab down:
            // the virtual clock does not move during it. The outcome is the same.
            counts.failed++;
            return { ok: false, failureReason: COMM_SEND_ERROR };
          }
          if (at > opts.clock.now()) opts.clock.set(at);
        }
        const outcome = await inner.exchange(request, target, at);
        if (!outcome.ok) counts.failed++;
        return outcome;
      },
    };
  }

  async close(): Promise<void> {
    const all = [...this.made.values()];
    this.made.clear();
    await Promise.all(all.map((t) => t.close()));
  }
}
