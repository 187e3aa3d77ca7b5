// The real LicensingTransport: an HTTPS POST of the wire-encoded request to the target URL,
// directly or through an HTTP CONNECT proxy, over keep-alive connections pooled per
// (origin, proxy). The device agent and the lab use it; every failure to reach the authority
// becomes the reason an ASA prints (`Communication message send error`) with the technical
// cause kept beside it for logs and the lab.

import { Pool } from 'undici';
import {
  type AgentReply,
  type AgentRequest,
  COMM_SEND_ERROR,
  type ExchangeOutcome,
  type Instant,
  type LicensingTransport,
  type TransportTarget,
} from '../core/agent/protocol.ts';
import { decodeReply, encodeRequest, type WireResult } from '../protocol/wire.ts';
import { type ConnectorConfig, enforcePolicy, openTlsConnection } from './connector.ts';
import { errorCode, errorMessage, type TransportCause, TransportFailure } from './failure.ts';
import { allowAll, type NetworkPolicy } from './policy.ts';
import { loopbackOnlyResolver, type Resolver } from './resolver.ts';

/** A failed outcome that also says why, technically (never containing secrets). */
export type TransportOutcome = ExchangeOutcome | { ok: false; failureReason: string; cause: TransportCause };

/** One line per exchange for the lab's log: what went where, how long, and why it failed. */
export interface TransportEvent {
  kind: AgentRequest['kind'];
  url: string;
  proxy?: string;
  ok: boolean;
  ms: number;
  cause?: TransportCause;
}

export interface HttpsTransportOptions {
  /** CA certificate(s) (PEM) to trust, e.g. the lab CA; default: Node's public roots. */
  ca?: string | string[];
  /** Name resolution; default accepts only loopback literals (never real DNS). */
  resolve?: Resolver;
  /** The device's network policy on the first hop; default allows everything. */
  policy?: NetworkPolicy;
  connectTimeoutMs?: number;
  /** Time to wait for the reply headers and body. */
  requestTimeoutMs?: number;
  /** Wire codec; default: the protocol's v1 format (src/protocol/wire.ts). */
  encode?: (request: AgentRequest) => string;
  decode?: (body: string) => WireResult<AgentReply, string>;
  /**
   * Keep-alive connections per (origin, proxy); default 4. Sequential exchanges reuse one (undici
   * may open a second while the first finishes its very first response).
   */
  maxConnectionsPerTarget?: number;
  /** Called after every exchange (never with bodies). */
  onEvent?: (event: TransportEvent) => void;
}

export interface HttpsTransport extends LicensingTransport {
  exchange(request: AgentRequest, target: TransportTarget, at: Instant): Promise<TransportOutcome>;
  /** Close every pooled connection. */
  close(): Promise<void>;
}

const fail = (cause: TransportCause): TransportOutcome => ({
  ok: false,
  failureReason: COMM_SEND_ERROR,
  cause,
});

function causeOf(error: unknown, host: string, port: number): TransportCause {
  if (error instanceof TransportFailure) return error.detail;
  const nested = (error as { cause?: unknown })?.cause;
  if (nested instanceof TransportFailure) return nested.detail;
  const code = errorCode(error);
  const timeout = code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
  return {
    step: 'http',
    code: timeout ? 'ETIMEDOUT' : code,
    message: `HTTPS exchange with ${host}:${port} failed: ${errorMessage(error)}`,
    host,
    port,
  };
}

/** Create the HTTPS transport. Call `close()` when done so no sockets linger. */
export function createHttpsTransport(options: HttpsTransportOptions = {}): HttpsTransport {
  const config: ConnectorConfig = {
    resolve: options.resolve ?? loopbackOnlyResolver,
    policy: options.policy ?? allowAll,
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  };
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const encode = options.encode ?? encodeRequest;
  const decode = options.decode ?? decodeReply;
  const pools = new Map<string, Pool>();

  function poolFor(url: URL, proxy: TransportTarget['proxy']): Pool {
    const key = `${url.origin}|${proxy ? `${proxy.host}:${proxy.port}` : ''}`;
    let pool = pools.get(key);
    if (!pool) {
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      const port = Number(url.port || 443);
      pool = new Pool(url.origin, {
        connections: options.maxConnectionsPerTarget ?? 4,
        keepAliveTimeout: 30_000,
        headersTimeout: requestTimeoutMs,
        bodyTimeout: requestTimeoutMs,
        connect: (_opts, callback) => {
          openTlsConnection(config, { host, port, ...(proxy ? { proxy } : {}) }).then(
            (socket) => callback(null, socket),
            (error: Error) => callback(error, null),
          );
        },
      });
      pools.set(key, pool);
    }
    return pool;
  }

  async function attempt(request: AgentRequest, target: TransportTarget): Promise<TransportOutcome> {
    let url: URL;
    try {
      url = new URL(target.url);
    } catch {
      return fail({
        step: 'http',
        code: 'EINVALIDURL',
        message: `not a URL: ${target.url}`,
        host: '',
        port: 0,
      });
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(url.port || 443);
    if (url.protocol !== 'https:') {
      return fail({ step: 'http', code: 'EPROTOCOL', message: `${url.protocol} is not https:`, host, port });
    }
    const endpoint = { host, port, ...(target.proxy ? { proxy: target.proxy } : {}) };
    try {
      // Pooled keep-alive connections skip the connector, but a firewall rule added since must
      // still cut them off: ask the policy on every exchange, and drop the pooled sockets.
      if (
        config.policy.decide((target.proxy ?? endpoint).host, (target.proxy ?? endpoint).port) !== 'allow'
      ) {
        const key = `${url.origin}|${target.proxy ? `${target.proxy.host}:${target.proxy.port}` : ''}`;
        const stale = pools.get(key);
        pools.delete(key);
        await stale?.destroy();
        await enforcePolicy(config, endpoint);
      }
      const response = await poolFor(url, target.proxy).request({
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'smartlic-agent/1' },
        body: encode(request),
      });
      const body = await response.body.text();
      const decoded = decode(body);
      if (decoded.ok) return { ok: true, reply: decoded.value };
      const status = response.statusCode;
      if (status >= 400 && status < 500 && decoded.code !== 'MALFORMED_JSON') {
        // The authority answered and said no: that is a reply, not a communication failure.
        return { ok: true, reply: { kind: 'rejected', reason: decoded.reason } };
      }
      return fail({
        step: status >= 200 && status < 300 ? 'reply' : 'http',
        code: status >= 200 && status < 300 ? decoded.code : `HTTP_${status}`,
        message: `${host}:${port} answered HTTP ${status}: ${decoded.code}`,
        host,
        port,
        httpStatus: status,
      });
    } catch (error) {
      return fail(causeOf(error, host, port));
    }
  }

  return {
    async exchange(request, target) {
      const started = performance.now();
      const outcome = await attempt(request, target);
      options.onEvent?.({
        kind: request.kind,
        url: target.url,
        ...(target.proxy ? { proxy: `${target.proxy.host}:${target.proxy.port}` } : {}),
        ok: outcome.ok,
        ms: Math.round(performance.now() - started),
        ...('cause' in outcome ? { cause: outcome.cause } : {}),
      });
      return outcome;
    },
    async close() {
      const all = [...pools.values()];
      pools.clear();
      await Promise.all(all.map((pool) => pool.destroy()));
    },
  };
}
