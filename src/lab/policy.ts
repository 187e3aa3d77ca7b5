// The lab's network policy: which hosts each device may reach, like an upstream firewall. Rules
// apply to every device or to one; the transport asks `policyFor(device)` on each connection's
// first hop (the target, or the proxy), so a change takes effect on the next exchange.

import {
  BlockList,
  type BlockMode,
  type BlockRule,
  type NetworkPolicy,
  parseBlockTarget,
} from '../transport/policy.ts';

/** One rule as `lab status` and the control API show it. */
export interface LabRule extends BlockRule {
  /** `*` for every device. */
  device: string;
}

export class LabPolicy {
  private readonly everyone = new BlockList();
  private readonly perDevice = new Map<string, BlockList>();
  /** Bumped on every change: outcomes seen under an older revision may no longer hold. */
  revision = 0;

  /** Block `host` or `host:port` for one device or (no device) all. Throws on a bad target. */
  block(target: string, mode: BlockMode = 'drop', device?: string): LabRule {
    const list = device === undefined ? this.everyone : this.listFor(device);
    const rule = { device: device ?? '*', ...list.block(target, mode) };
    this.revision++;
    return rule;
  }

  /**
   * Allow `host`/`host:port` again. Without a device this lifts the rule everywhere (for all and
   * for each device); with a device, only that device's own rule. Returns how many rules went.
   */
  unblock(target: string, device?: string): number {
    parseBlockTarget(target);
    this.revision++;
    if (device !== undefined) return this.perDevice.get(device)?.unblock(target) ? 1 : 0;
    let removed = this.everyone.unblock(target) ? 1 : 0;
    for (const list of this.perDevice.values()) removed += list.unblock(target) ? 1 : 0;
    return removed;
  }

  rules(): LabRule[] {
    const all = this.everyone.rules().map((r) => ({ device: '*', ...r }));
    for (const [device, list] of this.perDevice) all.push(...list.rules().map((r) => ({ device, ...r })));
    return all;
  }

  /** The policy one device's transport consults: its own rule first, then the one for all. */
  policyFor(device: string): NetworkPolicy {
    return {
      decide: (host, port) => {
        const own = this.perDevice.get(device)?.decide(host, port) ?? 'allow';
        return own !== 'allow' ? own : this.everyone.decide(host, port);
      },
    };
  }

  private listFor(device: string): BlockList {
    let list = this.perDevice.get(device);
    if (!list) {
      list = new BlockList();
      this.perDevice.set(device, list);
    }
    return list;
  }
}
