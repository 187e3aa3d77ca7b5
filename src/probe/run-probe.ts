// Probe one URL step by step, the way an ASA would reach it: DNS (of the URL's host, or of the
// proxy), TCP, CONNECT through the proxy, TLS, then a harmless HTTP GET. Each step is timed on its
// own and the first failure stops the run (the later steps are reported as skipped).

import type { Socket } from 'node:net';
import { checkServerIdentity, createSecureContext, rootCertificates, type TLSSocket } from 'node:tls';
import { statusCodeOf } from '../transport/http-head.ts';
import { proxyConnect, tcpConnect, tlsHandshake } from '../transport/tunnel.ts';
import { explain } from './explain.ts';
import { httpStatusLine } from './http-status-line.ts';
import { FAILURE_WORDS, lookupName, NameLookupError, resolverWords } from './name-lookup.ts';
import type { ResolveEntry } from './resolve-map.ts';
import { failed, failureOf, since, skipped } from './step-records.ts';
import { chainTrust, expectsPublicCa, parsePemBundle, peerChain, summarize } from './tls-inspect.ts';
import type {
  DnsStep,
  HttpStep,
  ProbeResult,
  ProbeStep,
  ProbeStepName,
  ProxyStep,
  TcpStep,
  TlsStep,
} from './types.ts';

export interface ProbeOptions {
  proxy?: { host: string; port: number };
  resolve?: ResolveEntry[];
  /** Ask this name-server (`ADDR:PORT`, see parseDnsServer) instead of this host's resolver. */
  dnsServer?: string;
  /** Extra CA certificates (PEM bundle) trusted besides Node's public roots. */
  ca?: string;
  /** Per-step timeout. */
  timeoutMs: number;
}

const TRUST_WORDS = {
  public: 'public CA',
  'private-trusted': 'private CA trusted via --ca',
  untrusted: 'untrusted',
} as const;

const ORDER: ProbeStepName[] = ['dns', 'tcp', 'proxy', 'tls', 'http'];

/** Probe one URL; never throws for network trouble (it is the result), only for a bad URL. */
export async function probeUrl(rawUrl: string, opts: ProbeOptions): Promise<ProbeResult> {
  const url = new URL(rawUrl);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port || 443);
  const proxy = opts.proxy ?? null;
  const hop = proxy ?? { host, port };
  const extraCas = opts.ca ? parsePemBundle(opts.ca) : [];
  const steps: ProbeStep[] = [];
  const started = performance.now();
  let socket: Socket | undefined;
  let tls: TLSSocket | undefined;

  const skipRest = () => {
    for (const step of ORDER) {
      if (step === 'proxy' && !proxy) continue;
      if (steps.some((s) => s.step === step)) continue;
      steps.push(skipped(step, hop.host));
    }
  };

  try {
    // DNS: the first hop's name; with a proxy the URL's host is resolved by the proxy.
    let t = performance.now();
    let address: string;
    try {
      const answer = await lookupName(hop.host, hop.port, {
        resolve: opts.resolve,
        dnsServer: opts.dnsServer,
        timeoutMs: opts.timeoutMs,
      });
      address = answer.addresses[0] ?? '';
      const dns: DnsStep = {
        step: 'dns',
        status: 'pass',
        ms: since(t),
        code: null,
        name: hop.host,
        addresses: answer.addresses,
        source: answer.source,
        resolvers: answer.resolvers,
        failure: null,
        summary: `${answer.source === 'literal' ? `${hop.host} (IP address, no lookup)` : `${hop.host} → ${answer.addresses.join(', ')}, from ${resolverWords(answer.source, answer.resolvers)}`}${proxy ? `; ${host} is resolved by the proxy` : ''}`,
      };
      steps.push(dns);
    } catch (error) {
      if (!(error instanceof NameLookupError)) throw error;
      steps.push(
        failed('dns', t, failureOf(error), {
          name: hop.host,
          source: error.source,
          resolvers: error.resolvers,
          failure: error.failure,
          summary: `${hop.host}: ${FAILURE_WORDS[error.failure]} (${error.code}) from ${resolverWords(error.source, error.resolvers)}`,
        }),
      );
      return finish();
    }

    t = performance.now();
    try {
      socket = await tcpConnect(hop.host, address, hop.port, opts.timeoutMs);
      steps.push({
        step: 'tcp',
        status: 'pass',
        ms: since(t),
        code: null,
        address,
        port: hop.port,
        summary: `connected to ${address}:${hop.port}${proxy ? ' (proxy)' : ''}`,
      } satisfies TcpStep);
    } catch (error) {
      steps.push(failed('tcp', t, failureOf(error), { address, port: hop.port }));
      return finish();
    }

    if (proxy) {
      t = performance.now();
      try {
        const answer = await proxyConnect(socket, proxy, host, port, opts.timeoutMs);
        steps.push({
          step: 'proxy',
          status: 'pass',
          ms: since(t),
          code: null,
          statusLine: answer.statusLine,
          statusCode: answer.statusCode,
          summary: `CONNECT ${host}:${port} → ${answer.statusLine}`,
        } satisfies ProxyStep);
      } catch (error) {
        const f = failureOf(error);
        const statusCode = f.proxyStatus ? Number(/ (\d{3})/.exec(f.proxyStatus)?.[1]) : null;
        steps.push(
          failed('proxy', t, f, {
            statusLine: f.proxyStatus ?? null,
            statusCode,
            summary: f.proxyStatus ? `CONNECT ${host}:${port} → ${f.proxyStatus}` : f.message,
          }),
        );
        return finish();
      }
    }

    // Public roots plus --ca, prepared before the step's clock starts.
    const secureContext = createSecureContext({
      ca: [...rootCertificates, ...extraCas.map((c) => c.toString())],
    });
    t = performance.now();
    try {
      tls = await tlsHandshake(socket, {
        servername: host,
        port,
        secureContext,
        timeoutMs: opts.timeoutMs,
        rejectUnauthorized: false,
      });
    } catch (error) {
      steps.push(failed('tls', t, failureOf(error)));
      return finish();
    }
    const tlsMs = since(t);
    const chain = peerChain(tls);
    const leaf = chain[0];
    const authorized = tls.authorized;
    const verifyError = authorized ? null : String(tls.authorizationError ?? 'UNVERIFIED');
    const trust = chainTrust(authorized, chain, extraCas);
    const nameMatches = leaf ? checkServerIdentity(host, leaf) === undefined : false;
    const intercepted = expectsPublicCa(host) ? trust !== 'public' && nameMatches : null;
    const summaries = chain.map(summarize);
    const issuer = summaries[0]?.issuer ?? null;
    const tlsStep: TlsStep = {
      step: 'tls',
      status: authorized ? 'pass' : 'fail',
      ms: tlsMs,
      code: authorized ? null : verifyError,
      protocol: tls.getProtocol(),
      alpn: tls.alpnProtocol || null,
      subject: summaries[0]?.subject ?? null,
      issuer,
      chain: summaries,
      authorized,
      verifyError,
      trust,
      intercepted,
      summary: `${tls.getProtocol() ?? 'TLS'}${tls.alpnProtocol ? ` ALPN ${tls.alpnProtocol}` : ''}, issuer ${issuer ?? '?'}, ${TRUST_WORDS[trust]}${authorized ? '' : ` (${verifyError})`}${intercepted && !authorized ? ', LOOKS INTERCEPTED' : ''}`,
    };
    steps.push(tlsStep);
    if (!authorized) return finish();

    t = performance.now();
    try {
      const statusLine = await httpStatusLine(tls, url.host, `${url.pathname}${url.search}`, opts.timeoutMs);
      const statusCode = statusCodeOf(statusLine) ?? Number.NaN;
      const ok = Number.isInteger(statusCode);
      steps.push({
        step: 'http',
        status: ok ? 'pass' : 'fail',
        ms: since(t),
        code: ok ? null : 'EPROTO',
        statusLine,
        statusCode: ok ? statusCode : null,
        summary: ok
          ? `GET ${url.pathname} → ${statusLine}`
          : `not an HTTP answer: ${JSON.stringify(statusLine.slice(0, 60))}`,
      } satisfies HttpStep);
    } catch (error) {
      steps.push(failed('http', t, failureOf(error)));
    }
    return finish();
  } finally {
    tls?.destroy();
    socket?.destroy();
  }

  function finish(): ProbeResult {
    skipRest();
    const base = { url: rawUrl, host, port, proxy, totalMs: since(started), steps };
    const verdict = explain(base, opts.timeoutMs);
    return { ...base, ok: verdict.ok, verdict };
  }
}
