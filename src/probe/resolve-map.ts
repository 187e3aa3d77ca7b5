// `--resolve HOST:ADDR` / `--resolve HOST:PORT:ADDR` (curl's form): point names at addresses
// without DNS. Names not listed go to the system resolver; tests always list theirs.

import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { UsageError } from '../errors.ts';

export interface ResolveEntry {
  host: string;
  port?: number;
  address: string;
}

/** Parse one `--resolve` value; throws UsageError naming what was expected. */
export function parseResolveEntry(text: string): ResolveEntry {
  const full = /^([^:[\]]+):(\d+):(.+)$/.exec(text);
  const short = /^([^:[\]]+):(.+)$/.exec(text);
  const match = full ?? short;
  if (!match?.[1] || !match[2]) {
    throw new UsageError(`--resolve ${JSON.stringify(text)}: expected HOST:ADDR or HOST:PORT:ADDR`);
  }
  const host = match[1].toLowerCase();
  const port = full ? Number(match[2]) : undefined;
  const address = (full ? match[3] : match[2])?.replace(/^\[(.*)\]$/, '$1') ?? '';
  if (port !== undefined && (port < 1 || port > 65535)) {
    throw new UsageError(`--resolve ${JSON.stringify(text)}: port must be 1-65535`);
  }
  if (isIP(address) === 0) {
    throw new UsageError(
      `--resolve ${JSON.stringify(text)}: ${JSON.stringify(address)} is not an IP address`,
    );
  }
  return port === undefined ? { host, address } : { host, port, address };
}

export interface NameAnswer {
  addresses: string[];
  source: 'literal' | 'resolve' | 'system';
}

/** Resolve `host` for `port`: IP literals as they are, --resolve entries, else the system resolver. */
export async function resolveName(host: string, port: number, entries: ResolveEntry[]): Promise<NameAnswer> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare)) return { addresses: [bare], source: 'literal' };
  const name = bare.toLowerCase();
  const hit =
    entries.find((e) => e.host === name && e.port === port) ??
    entries.find((e) => e.host === name && e.port === undefined);
  if (hit) return { addresses: [hit.address], source: 'resolve' };
  const answers = await lookup(name, { all: true });
  return { addresses: answers.map((a) => a.address), source: 'system' };
}
