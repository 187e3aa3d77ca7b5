// Each lab device's way to the License Authority: the real HTTPS transport client, with the lab's
// resolver (names → loopback) and the device's own network policy. While the lab advances its
// clock, the wrapper sets the clock to each exchange's scheduled time first, so the authority
// judges the message at the moment a real device would have sent it.

import type { ExchangeOutcome, LicensingTransport } from '../core/agent/protocol.ts';
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

/** Counts per device, for `lab status` and the benchmark. */
export interface ExchangeCounts {
  sent: number;
  failed: number;
}

export class LabTransports {
  private readonly made = new Map<string, HttpsTransport>();
  readonly counts = new Map<string, ExchangeCounts>();

  constructor(private readonly opts: LabTransportOptions) {}

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
        if (opts.isAdvancing() && at > opts.clock.now()) opts.clock.set(at);
        counts.sent++;
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
