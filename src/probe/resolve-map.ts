// `--resolve HOST:ADDR` / `--resolve HOST:PORT:ADDR` (curl's form): point names at addresses
// without DNS. Names not listed go to a resolver (name-lookup.ts); tests always list theirs.

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

/** The entry for `host` on `port` (a port-specific one first), if any. */
export function resolveEntry(host: string, port: number, entries: ResolveEntry[]): ResolveEntry | undefined {
  const name = host.toLowerCase();
  return (
    entries.find((e) => e.host === name && e.port === port) ??
    entries.find((e) => e.host === name && e.port === undefined)
  );
}
