// The three low-level steps of reaching an HTTPS endpoint: a TCP connection, an optional HTTP
// CONNECT through a proxy, and a TLS handshake. Each fails with a TransportFailure naming its
// step, so the transport client can keep the cause and the probe can time each step on its own.

import { connect as netConnect, type Socket } from 'node:net';
import { type SecureContext, type TLSSocket, connect as tlsConnect } from 'node:tls';
import { errorCode, errorMessage, TransportFailure } from './failure.ts';
import { findHeadEnd, statusCodeOf } from './http-head.ts';

/** Open a TCP connection to `address:port`; `host` only names it in errors. */
export function tcpConnect(host: string, address: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: address, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new TransportFailure({
          step: 'tcp',
          code: 'ETIMEDOUT',
          message: `TCP connect to ${host}:${port} (${address}) timed out after ${timeoutMs} ms`,
          host,
          port,
        }),
      );
    }, timeoutMs);
    let settled = false;
    socket.once('connect', () => {
      settled = true;
      clearTimeout(timer);
      resolve(socket);
    });
    // Stays attached: a later error on the raw socket is seen by the next layer as a close.
    socket.on('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const code = errorCode(error, 'ECONNRESET');
      reject(
        new TransportFailure({
          step: 'tcp',
          code,
          message: `TCP connect to ${host}:${port} (${address}) failed: ${code === 'ECONNREFUSED' ? 'connection refused' : errorMessage(error)}`,
          host,
          port,
        }),
      );
    });
  });
}

export interface ProxyConnectResult {
  statusCode: number;
  /** The proxy's status line, e.g. `HTTP/1.1 200 Connection established`. */
  statusLine: string;
}

/**
 * Ask the proxy on `socket` to tunnel to `host:port` (CONNECT with the host NAME, so the proxy
 * resolves it and logs it). Resolves on 2xx; any other answer rejects with the status line.
 */
export function proxyConnect(
  socket: Socket,
  proxy: { host: string; port: number },
  host: string,
  port: number,
  timeoutMs: number,
  headers: Record<string, string> = {},
): Promise<ProxyConnectResult> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const fail = (code: string, message: string, proxyStatus?: string) => {
      cleanup();
      socket.destroy();
      reject(
        new TransportFailure({
          step: 'proxy',
          code,
          message,
          host: proxy.host,
          port: proxy.port,
          ...(proxyStatus ? { proxyStatus } : {}),
        }),
      );
    };
    const timer = setTimeout(
      () =>
        fail(
          'ETIMEDOUT',
          `proxy ${proxy.host}:${proxy.port} did not answer CONNECT ${host}:${port} within ${timeoutMs} ms`,
        ),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      const scanned = buffered.length;
      buffered = Buffer.concat([buffered, chunk]);
      const end = findHeadEnd(buffered, scanned);
      if (!end) {
        if (buffered.length > 16 * 1024)
          fail('EPROTO', `proxy ${proxy.host}:${proxy.port} sent an oversized answer`);
        return;
      }
      const statusLine = buffered.subarray(0, end.head).toString('latin1').split(/\r?\n/)[0] ?? '';
      const statusCode = statusCodeOf(statusLine);
      if (statusCode === undefined) {
        fail(
          'EPROTO',
          `proxy ${proxy.host}:${proxy.port} answered CONNECT with ${JSON.stringify(statusLine.slice(0, 80))}`,
        );
        return;
      }
      if (statusCode < 200 || statusCode > 299) {
        fail(
          `PROXY_${statusCode}`,
          `proxy ${proxy.host}:${proxy.port} refused CONNECT ${host}:${port}: ${statusLine}`,
          statusLine,
        );
        return;
      }
      cleanup();
      const rest = buffered.subarray(end.rest);
      if (rest.length > 0) socket.unshift(rest);
      resolve({ statusCode, statusLine });
    };
    const onError = (error: Error) =>
      fail(
        errorCode(error, 'ECONNRESET'),
        `proxy ${proxy.host}:${proxy.port} connection failed: ${errorMessage(error)}`,
      );
    const onClose = () =>
      fail(
        'ECONNRESET',
        `proxy ${proxy.host}:${proxy.port} closed the connection during CONNECT ${host}:${port}`,
      );
    function cleanup() {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
    }
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('close', onClose);
    const extra = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
    socket.write(`CONNECT ${host}:${port} HTTP/1.1\r\nHost: ${host}:${port}\r\n${extra}\r\n`);
  });
}

export interface TlsOptions {
  /** The name to send as SNI and to check the certificate against. */
  servername: string;
  port: number;
  ca?: string | string[];
  /** A prepared context (built once: parsing a big CA list on every handshake is slow). */
  secureContext?: SecureContext;
  timeoutMs: number;
  /** false: finish the handshake even when the chain does not verify (the probe inspects it). */
  rejectUnauthorized?: boolean;
  alpn?: string[];
}

/** Run a TLS handshake over an open socket. */
export function tlsHandshake(socket: Socket, opts: TlsOptions): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const { servername, port } = opts;
    const tls = tlsConnect({
      socket,
      // SNI must be a name; Node refuses IP literals there.
      ...(/^[\d.]+$|:/.test(servername) ? {} : { servername }),
      ...(opts.ca === undefined ? {} : { ca: opts.ca }),
      ...(opts.secureContext === undefined ? {} : { secureContext: opts.secureContext }),
      rejectUnauthorized: opts.rejectUnauthorized ?? true,
      ALPNProtocols: opts.alpn ?? ['http/1.1'],
    });
    let settled = false;
    const fail = (code: string, message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      tls.destroy();
      socket.destroy();
      reject(new TransportFailure({ step: 'tls', code, message, host: servername, port }));
    };
    const timer = setTimeout(
      () =>
        fail(
          'ETIMEDOUT',
          `TLS handshake with ${servername}:${port} got no answer within ${opts.timeoutMs} ms`,
        ),
      opts.timeoutMs,
    );
    tls.once('secureConnect', () => {
      settled = true;
      clearTimeout(timer);
      resolve(tls);
    });
    // Stays attached so a late error never crashes the process; whoever uses the socket adds its own.
    tls.on('error', (error) => {
      const code = errorCode(error, 'ETLS');
      fail(code, `TLS handshake with ${servername}:${port} failed: ${errorMessage(error)} (${code})`);
    });
  });
}
