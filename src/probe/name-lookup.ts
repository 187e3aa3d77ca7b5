// The probe's DNS step: who answers (an IP literal needs nobody, `--resolve` answers from the
// command line, `--dns-server ADDR` asks that name-server, otherwise this host's resolver, i.e.
// the nameservers of /etc/resolv.conf), and, when the name does not resolve, why: the name does
// not exist (NXDOMAIN) or has no address, the resolver could not be reached (EAI_AGAIN, a
// timeout, a refused port) or it answered with an error (SERVFAIL, REFUSED).

import { getServers } from 'node:dns';
import { lookup, Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { UsageError } from '../errors.ts';
import { errorCode } from '../transport/failure.ts';
import { type ResolveEntry, resolveEntry } from './resolve-map.ts';
import type { DnsFailure, DnsSource } from './types.ts';

export interface NameAnswer {
  addresses: string[];
  source: DnsSource;
  /** The name servers asked (empty when nobody was asked). */
  resolvers: string[];
}

/** A name that did not resolve, with the code, its meaning and who was asked. */
export class NameLookupError extends Error {
  constructor(
    readonly code: string,
    readonly failure: DnsFailure,
    readonly source: DnsSource,
    readonly resolvers: string[],
  ) {
    super(`${code}`);
    this.name = 'NameLookupError';
  }
}

const NO_SUCH_NAME = new Set(['ENOTFOUND', 'EAI_NONAME', 'NXDOMAIN']);
const NO_ADDRESS = new Set(['ENODATA', 'EAI_NODATA']);
const UNREACHABLE = new Set([
  'EAI_AGAIN',
  'ETIMEOUT',
  'ETIMEDOUT',
  'ECONNREFUSED',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

/** What a resolver error code means for the verdict. */
export function dnsFailureOf(code: string): DnsFailure {
  if (NO_SUCH_NAME.has(code)) return 'no-such-name';
  if (NO_ADDRESS.has(code)) return 'no-address';
  if (UNREACHABLE.has(code)) return 'resolver-unreachable';
  return 'resolver-error';
}

/** `ADDR` or `ADDR:PORT` (`[v6]:PORT` for IPv6) for --dns-server, as c-ares takes it. */
export function parseDnsServer(text: string): string {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const v4 = /^([^:]+)(?::(\d+))?$/.exec(text);
  const [address, port] = v6 ? [v6[1], v6[2]] : v4 ? [v4[1], v4[2]] : [text, undefined];
  const expected = 'expected a name-server address, e.g. 10.1.1.53, 10.1.1.53:53 or [2001:db8::53]:53';
  if (!address || isIP(address) === 0)
    throw new UsageError(`--dns-server ${JSON.stringify(text)}: ${expected}`);
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535))
    throw new UsageError(`--dns-server ${JSON.stringify(text)}: port must be 1-65535`);
  return isIP(address) === 6 ? `[${address}]:${port ?? 53}` : `${address}:${port ?? 53}`;
}

/** Reject with ETIMEOUT when `promise` takes longer than the step may. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('no answer'), { code: 'ETIMEOUT' })), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Ask one name-server for A and AAAA records. */
async function askServer(name: string, server: string, timeoutMs: number): Promise<string[]> {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 1 });
  resolver.setServers([server]);
  const [v4, v6] = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
  const addresses = [v4, v6].flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
  if (addresses.length) return addresses;
  const codes = [v4, v6].map((r) => (r.status === 'rejected' ? errorCode(r.reason) : 'ENODATA'));
  // "No AAAA record" says less than whatever happened to the A query.
  throw Object.assign(new Error('no address'), { code: codes.find((c) => c !== 'ENODATA') ?? 'ENODATA' });
}

/**
 * Resolve `host` for `port`: IP literals as they are, --resolve entries, then --dns-server or
 * this host's resolver. Throws NameLookupError when the name does not resolve.
 */
export async function lookupName(
  host: string,
  port: number,
  opts: { resolve?: ResolveEntry[]; dnsServer?: string; timeoutMs: number },
): Promise<NameAnswer> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare)) return { addresses: [bare], source: 'literal', resolvers: [] };
  const hit = resolveEntry(bare, port, opts.resolve ?? []);
  if (hit) return { addresses: [hit.address], source: 'resolve', resolvers: [] };
  const source: DnsSource = opts.dnsServer ? 'server' : 'system';
  const resolvers = opts.dnsServer ? [opts.dnsServer] : getServers();
  try {
    const addresses = opts.dnsServer
      ? await askServer(bare.toLowerCase(), opts.dnsServer, opts.timeoutMs)
      : (await within(lookup(bare.toLowerCase(), { all: true }), opts.timeoutMs)).map((a) => a.address);
    return { addresses, source, resolvers };
  } catch (error) {
    const code = errorCode(error);
    throw new NameLookupError(code, dnsFailureOf(code), source, resolvers);
  }
}

/** Who was asked, in words: "this host's resolver (127.0.0.53 in /etc/resolv.conf)", … */
export function resolverWords(source: DnsSource, resolvers: string[]): string {
  switch (source) {
    case 'system':
      return `this host's resolver (${resolvers.length ? resolvers.join(', ') : 'no nameserver'} in /etc/resolv.conf)`;
    case 'server':
      return `the name-server ${resolvers[0] ?? '?'} (--dns-server)`;
    case 'resolve':
      return '--resolve';
    case 'literal':
      return 'no lookup (an IP address)';
  }
}

/** What a failure means, in a few words. */
export const FAILURE_WORDS: Record<DnsFailure, string> = {
  'no-such-name': 'no such name',
  'no-address': 'no address record',
  'resolver-unreachable': 'no answer from the resolver',
  'resolver-error': 'the resolver answered with an error',
};
