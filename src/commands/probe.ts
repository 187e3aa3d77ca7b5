// `smartlic probe [--proxy URL] [--resolve HOST:ADDR]... [--ca FILE] [--timeout S] [--json] [URL...]`
// Checks each licensing URL step by step (DNS, TCP, proxy CONNECT, TLS, HTTP) and exits 0 when
// all are reachable, 1 when some are not, 3 on usage errors, 4 when the --ca file is unusable.

import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { CALLHOME_URL, SMART_TRANSPORT_URL } from '../core/transport.ts';
import { InputError, UsageError } from '../errors.ts';
import { parseDnsServer, parseResolveEntry, renderProbeText, runProbe } from '../probe/index.ts';
import { parsePemBundle } from '../probe/tls-inspect.ts';
import type { CommandIo } from './io.ts';

/** Probed when no URL is given: both licensing transports. */
export const DEFAULT_PROBE_URLS = [SMART_TRANSPORT_URL, CALLHOME_URL];

/** `http://host:port` or `host:port` (port required: proxies have no single usual port). */
export function parseProxy(text: string): { host: string; port: number } {
  const withScheme = /^[a-z]+:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`--proxy ${JSON.stringify(text)}: expected http://HOST:PORT`);
  }
  if (url.protocol !== 'http:')
    throw new UsageError(`--proxy ${JSON.stringify(text)}: only http:// proxies (CONNECT) are supported`);
  if (!url.port)
    throw new UsageError(`--proxy ${JSON.stringify(text)}: give the port, e.g. http://${url.hostname}:3128`);
  return { host: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: Number(url.port) };
}

function parseUrls(args: string[]): string[] {
  const urls = args.length > 0 ? args : DEFAULT_PROBE_URLS;
  for (const text of urls) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new UsageError(`${JSON.stringify(text)} is not a URL (expected e.g. ${SMART_TRANSPORT_URL})`);
    }
    if (url.protocol !== 'https:') throw new UsageError(`${text}: only https:// URLs can be probed`);
  }
  return urls;
}

function readCa(file: string, cwd: string): string {
  const path = resolvePath(cwd, file);
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError('CA_FILE', `cannot read CA file: ${(error as Error).message}`, { file });
  }
  let count = 0;
  try {
    count = parsePemBundle(pem).length;
  } catch (error) {
    throw new InputError('CA_FILE', `not a valid PEM certificate: ${(error as Error).message}`, { file });
  }
  if (count === 0)
    throw new InputError('CA_FILE', 'no PEM certificate (-----BEGIN CERTIFICATE-----) found', { file });
  return pem;
}

/** The command: see the header comment. */
// biome-ignore lint/suspicious/noExplicitAny: options come from commander, validated here.
export async function run(args: string[], opts: Record<string, any>, io: CommandIo): Promise<number> {
  const urls = parseUrls(args);
  const timeoutSeconds = Number(opts.timeout ?? 10);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > 600) {
    throw new UsageError(
      `--timeout ${JSON.stringify(opts.timeout)}: expected seconds between 0 and 600, e.g. 10 or 0.5`,
    );
  }
  const resolveEntries = ((opts.resolve as string[] | undefined) ?? []).map(parseResolveEntry);
  const proxy = typeof opts.proxy === 'string' ? parseProxy(opts.proxy) : undefined;
  const dnsServer = typeof opts.dnsServer === 'string' ? parseDnsServer(opts.dnsServer) : undefined;
  const ca = typeof opts.ca === 'string' ? readCa(opts.ca, io.cwd) : undefined;
  const report = await runProbe(urls, {
    timeoutMs: Math.round(timeoutSeconds * 1000),
    resolve: resolveEntries,
    ...(dnsServer ? { dnsServer } : {}),
    ...(proxy ? { proxy } : {}),
    ...(ca ? { ca } : {}),
  });
  if (opts.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout.write(renderProbeText(report, Boolean(io.stdout.isTTY) && !io.env.NO_COLOR));
  return report.ok ? 0 : 1;
}
