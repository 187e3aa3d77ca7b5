// A per-device network policy, enforced on the first hop (the target, or the proxy when one is
// configured) like an upstream firewall would: a blocked flow is either dropped (the client waits
// for its connect timeout) or rejected (it fails at once, as with ECONNREFUSED). The lab owns one
// per device and changes it while devices run, so the transport asks it on every connection.

/** What a blocking rule does with a flow: drop it (silence) or reject it (refused at once). */
export const BLOCK_MODES = ['drop', 'reject'] as const;
export type BlockMode = (typeof BLOCK_MODES)[number];

/** What the firewall does with a flow. */
export type PolicyDecision = 'allow' | BlockMode;

/** Consulted before each connection to `host:port` (the name as configured, not the address). */
export interface NetworkPolicy {
  decide(host: string, port: number): PolicyDecision;
}

/** Everything allowed. */
export const allowAll: NetworkPolicy = { decide: () => 'allow' };

export interface BlockRule {
  /** Host name or address, lower case. */
  host: string;
  /** Only this port; undefined blocks every port of the host. */
  port?: number;
  mode: BlockMode;
}

/** Parse `host`, `host:port` or `[v6]:port` into a rule target. */
export function parseBlockTarget(target: string): { host: string; port?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(target);
  if (bracketed?.[1]) return { host: bracketed[1].toLowerCase(), port: toPort(bracketed[2], target) };
  const parts = target.split(':');
  if (parts.length === 2 && parts[0]) return { host: parts[0].toLowerCase(), port: toPort(parts[1], target) };
  if (target.trim() === '') throw new Error('empty block target (expected host or host:port)');
  return { host: target.toLowerCase() };
}

function toPort(text: string | undefined, whole: string): number | undefined {
  if (text === undefined) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`bad port in ${JSON.stringify(whole)} (expected host:1-65535)`);
  }
  return port;
}

/**
 * A mutable block list: everything is allowed unless blocked. A `host:port` rule wins over a
 * whole-host rule for that port, so `block h` + `unblock h:443` is not supported on purpose:
 * unblock removes exactly the rule that was added.
 */
export class BlockList implements NetworkPolicy {
  readonly #rules = new Map<string, BlockRule>();

  static key(host: string, port?: number): string {
    return port === undefined ? host.toLowerCase() : `${host.toLowerCase()}:${port}`;
  }

  /** Block `host` or `host:port`; `mode` drop = time out, reject = refused. */
  block(target: string, mode: BlockMode = 'drop'): BlockRule {
    const { host, port } = parseBlockTarget(target);
    const rule: BlockRule = port === undefined ? { host, mode } : { host, port, mode };
    this.#rules.set(BlockList.key(host, port), rule);
    return rule;
  }

  /** Remove the rule for exactly this target; returns whether one existed. */
  unblock(target: string): boolean {
    const { host, port } = parseBlockTarget(target);
    return this.#rules.delete(BlockList.key(host, port));
  }

  rules(): BlockRule[] {
    return [...this.#rules.values()];
  }

  decide(host: string, port: number): PolicyDecision {
    const rule = this.#rules.get(BlockList.key(host, port)) ?? this.#rules.get(BlockList.key(host));
    return rule ? rule.mode : 'allow';
  }
}
