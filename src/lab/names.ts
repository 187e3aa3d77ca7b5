// The lab resolver: what the names devices dial mean inside the lab. The License Authority's two
// names go to the authority on 127.0.0.1; lab files (and tests) add proxy names, pointing either at
// the lab's CONNECT gateway or at a real proxy on loopback. Nothing resolves through real DNS.

import type { ResolvedAddress, Resolver } from '../transport/resolver.ts';
import { loopbackOnlyResolver } from '../transport/resolver.ts';

/** The names devices dial for the License Authority (Smart Transport, Call Home). */
export const AUTHORITY_HOSTS = ['smartreceiver.cisco.com', 'tools.cisco.com'] as const;

export class LabNames {
  private readonly table = new Map<string, ResolvedAddress>();
  /** Bumped on every change: outcomes seen under an older revision may no longer hold. */
  revision = 0;

  constructor(private readonly gateway: { host: string; port: number }) {}

  /** Point the authority's names (port 443) at the authority's loopback port. */
  setAuthority(port: number): void {
    for (const host of AUTHORITY_HOSTS) this.table.set(`${host}:443`, { address: '127.0.0.1', port });
    this.revision++;
  }

  /**
   * Map `name` or `name:port` to `127.x.x.x:PORT`, `localhost:PORT`, `[::1]:PORT`, or `gateway`.
   * Throws a RangeError naming the entry for anything else (the lab never leaves loopback).
   */
  map(name: string, value: string): void {
    this.table.set(name.toLowerCase(), this.parse(value, name));
    this.revision++;
  }

  /** The resolver the transports and the gateway use. */
  readonly resolve: Resolver = (host, port) => {
    const key = host.toLowerCase();
    return this.table.get(`${key}:${port}`) ?? this.table.get(key) ?? loopbackOnlyResolver(host, port);
  };

  private parse(value: string, name: string): ResolvedAddress {
    if (value === 'gateway') return { address: this.gateway.host, port: this.gateway.port };
    const m = /^(127\.\d+\.\d+\.\d+|\[::1\]|::1|localhost):(\d{1,5})$/.exec(value);
    if (!m)
      throw new RangeError(`hosts.${name}: expected 127.x.x.x:PORT or gateway, got ${JSON.stringify(value)}`);
    const address = m[1] === 'localhost' ? '127.0.0.1' : (m[1] as string).replace(/^\[(.*)\]$/, '$1');
    return { address, port: Number(m[2]) };
  }
}
