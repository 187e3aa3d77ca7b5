// Binding and closing node http(s) servers, shared by every server smartlic runs (the License
// Authority, the lab's control API): a server-side socket helper, not part of either.

import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How long a client may take, for every server of ours (authority, lab control API): a request's
 * headers within `headersTimeout`, the whole request within `requestTimeout`, a TLS handshake
 * within `handshakeTimeout`; a slower sender is dropped (Node answers 408 and closes), so slow
 * senders cannot hold connections open. Checked every `connectionsCheckingInterval`.
 */
export interface SlowClientLimits {
  headersTimeout: number;
  requestTimeout: number;
  handshakeTimeout: number;
  connectionsCheckingInterval: number;
}

export const SLOW_CLIENT_LIMITS: SlowClientLimits = {
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  handshakeTimeout: 10_000,
  connectionsCheckingInterval: 1_000,
};

/** Listen on `host:port` (port 0 = pick one) and resolve with the bound port. */
export async function listenServer(
  server: { listen: HttpServer['listen']; address: HttpServer['address']; once: HttpServer['once'] },
  host: string,
  port: number,
): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.once('error', () => {});
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** Close a node http(s) server, dropping idle keep-alive connections so close() does not hang. */
export function closeServer(server: Pick<HttpServer, 'close' | 'closeAllConnections'>): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
