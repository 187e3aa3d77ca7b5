// Name resolution for the transport client. The lab decides what a name means (it points
// smartreceiver.cisco.com at its own authority on 127.0.0.1), and tests must never touch real
// DNS: the default resolver therefore only accepts loopback literals and refuses everything else.

import { BlockList, isIP } from 'node:net';

/** Where a connection for `host:port` really goes. */
export interface ResolvedAddress {
  address: string;
  port: number;
}

/** Maps a host name (and port) to an address; may be async. Throws (or rejects) when it cannot. */
export type Resolver = (host: string, port: number) => ResolvedAddress | Promise<ResolvedAddress>;

/** A name the resolver refuses, reported like getaddrinfo's ENOTFOUND. */
export class ResolveError extends Error {
  readonly code = 'ENOTFOUND';
  constructor(
    readonly host: string,
    why: string,
  ) {
    super(`cannot resolve ${host}: ${why}`);
  }
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** True for 127.0.0.0/8 and ::1 (also in brackets or IPv4-mapped form). */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, '$1').replace(/^::ffff:(?=\d+\.)/i, '');
  const family = isIP(bare);
  if (family === 0) return false;
  return loopback.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/** The default: loopback literals resolve to themselves; any name fails (never real DNS). */
export const loopbackOnlyResolver: Resolver = (host, port) => {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (isLoopbackAddress(bare)) return { address: bare, port };
  throw new ResolveError(host, 'only loopback addresses are allowed (no resolver configured)');
};

/**
 * A fixed table, like curl's `--resolve`: keys are `host` or `host:port`, values an address
 * (any port) or `{address, port}`. Loopback literals always resolve; other names fail.
 */
export function staticResolver(table: Record<string, string | ResolvedAddress>): Resolver {
  const entries = new Map(Object.entries(table).map(([k, v]) => [k.toLowerCase(), v]));
  return (host, port) => {
    const key = host.toLowerCase();
    const hit = entries.get(`${key}:${port}`) ?? entries.get(key);
    if (hit === undefined) return loopbackOnlyResolver(host, port);
    return typeof hit === 'string' ? { address: hit, port } : hit;
  };
}
