// Opens the TLS connection one exchange needs, hop by hop: the lab's network policy on the first
// hop (like an upstream firewall), the lab's resolver, TCP, an optional CONNECT through the
// configured proxy (sent with the host NAME, as an ASA does), then TLS with SNI = host name.

import type { TLSSocket } from 'node:tls';
import { errorCode, errorMessage, TransportFailure } from './failure.ts';
import type { NetworkPolicy } from './policy.ts';
import type { Resolver } from './resolver.ts';
import { proxyConnect, tcpConnect, tlsHandshake } from './tunnel.ts';

export interface ConnectorConfig {
  resolve: Resolver;
  policy: NetworkPolicy;
  /** CA certificate(s) (PEM) trusted for the authority; undefined = Node's public roots. */
  ca?: string | string[];
  connectTimeoutMs: number;
}

export interface Endpoint {
  host: string;
  port: number;
  proxy?: { host: string; port: number };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Ask the policy about the first hop. A drop waits out the connect timeout (what a client
 * behind a dropping firewall sees); a reject fails at once like a TCP reset.
 */
export async function enforcePolicy(config: ConnectorConfig, endpoint: Endpoint): Promise<void> {
  const hop = endpoint.proxy ?? endpoint;
  const decision = config.policy.decide(hop.host, hop.port);
  if (decision === 'allow') return;
  const what = endpoint.proxy ? `proxy ${hop.host}:${hop.port}` : `${hop.host}:${hop.port}`;
  if (decision === 'drop') {
    await sleep(config.connectTimeoutMs);
    throw new TransportFailure({
      step: 'tcp',
      code: 'ETIMEDOUT',
      message: `TCP connect to ${what} timed out after ${config.connectTimeoutMs} ms (dropped by network policy)`,
      host: hop.host,
      port: hop.port,
      policy: 'drop',
    });
  }
  throw new TransportFailure({
    step: 'tcp',
    code: 'ECONNREFUSED',
    message: `TCP connect to ${what} failed: connection refused (rejected by network policy)`,
    host: hop.host,
    port: hop.port,
    policy: 'reject',
  });
}

/** Policy, resolve, TCP, optional proxy CONNECT, TLS. Rejects with a TransportFailure. */
export async function openTlsConnection(config: ConnectorConfig, endpoint: Endpoint): Promise<TLSSocket> {
  await enforcePolicy(config, endpoint);
  const hop = endpoint.proxy ?? endpoint;
  let address: string;
  let port: number;
  try {
    ({ address, port } = await config.resolve(hop.host, hop.port));
  } catch (error) {
    throw new TransportFailure({
      step: 'dns',
      code: errorCode(error, 'ENOTFOUND'),
      message: `DNS: ${errorMessage(error)}`,
      host: hop.host,
      port: hop.port,
    });
  }
  const socket = await tcpConnect(hop.host, address, port, config.connectTimeoutMs);
  try {
    if (endpoint.proxy) {
      await proxyConnect(socket, endpoint.proxy, endpoint.host, endpoint.port, config.connectTimeoutMs);
    }
    return await tlsHandshake(socket, {
      servername: endpoint.host,
      port: endpoint.port,
      ...(config.ca === undefined ? {} : { ca: config.ca }),
      timeoutMs: config.connectTimeoutMs,
    });
  } catch (error) {
    socket.destroy();
    throw error;
  }
}
