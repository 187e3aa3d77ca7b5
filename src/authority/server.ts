// The License Authority on HTTPS: one server answers both transports' paths (Smart Transport
// `/licservice/license`, Call Home `/its/service/oddce/services/DDCEService`). The body is
// capped, parsed and validated before anything touches the store, so a bad request gets a 4xx
// with a reason and changes nothing.

import type { Server as HttpsServer } from 'node:https';
import { createServer as createHttpsServer } from 'node:https';
import { createAdaptorServer } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { closeServer, listenServer, SLOW_CLIENT_LIMITS, type SlowClientLimits } from '../listen.ts';
import {
  AUTHORITY_PATHS,
  decodeRequest,
  encodeError,
  encodeReply,
  MAX_BODY_BYTES,
} from '../protocol/wire.ts';
import type { Authority } from './service.ts';
import { FailureThrottle, type ThrottleOptions } from './throttle.ts';

const JSON_TYPE = { 'content-type': 'application/json' };

/** Where a request came from, as node's server saw it (`app.request()` in tests has no socket). */
function remoteAddress(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

/** The hono app (usable without a socket via `app.request()`). */
export function createAuthorityApp(authority: Authority, throttleOptions: ThrottleOptions = {}): Hono {
  const app = new Hono();
  const throttle = new FailureThrottle(throttleOptions);
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      // The rest of the body is never read, so the connection cannot be reused: close it.
      c.body(encodeError('BODY_TOO_LARGE', `request body exceeds ${MAX_BODY_BYTES} bytes`), 413, {
        ...JSON_TYPE,
        connection: 'close',
      }),
  });
  for (const path of Object.values(AUTHORITY_PATHS)) {
    app.post(path, limit, async (c) => {
      const type = c.req.header('content-type') ?? '';
      if (!type.toLowerCase().startsWith('application/json')) {
        return c.body(
          encodeError('UNSUPPORTED_MEDIA_TYPE', 'expected content-type application/json'),
          415,
          JSON_TYPE,
        );
      }
      const decoded = decodeRequest(await c.req.text());
      if (!decoded.ok) return c.body(encodeError(decoded.code, decoded.reason), 400, JSON_TYPE);
      const { udi } = decoded.value;
      const caller = `${remoteAddress(c)}|${udi.pid}:${udi.sn}`;
      const wait = throttle.lockedFor(caller);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        return c.body(
          encodeError(
            'TOO_MANY_FAILURES',
            `too many refused requests for this product from this address; retry in ${seconds} s`,
          ),
          429,
          { ...JSON_TYPE, 'retry-after': String(seconds) },
        );
      }
      const reply = authority.handle(decoded.value);
      if (reply.kind === 'rejected') throttle.refused(caller);
      return c.body(encodeReply(reply), 200, JSON_TYPE);
    });
    app.all(path, (c) =>
      c.body(encodeError('METHOD_NOT_ALLOWED', 'use POST'), 405, { ...JSON_TYPE, allow: 'POST' }),
    );
  }
  app.notFound((c) => c.body(encodeError('NOT_FOUND', `no such path: ${c.req.path}`), 404, JSON_TYPE));
  app.onError((error, c) =>
    // A bug, not the client's fault; the message carries no secrets (bodies are never echoed).
    c.body(encodeError('INTERNAL', error.message), 500, JSON_TYPE),
  );
  return app;
}

export interface RunningServer {
  host: string;
  port: number;
  /** `https://host:port` */
  origin: string;
  close(): Promise<void>;
}

/** Start the authority on HTTPS with the lab's server certificate. Binds 127.0.0.1 by default. */
export async function startAuthorityServer(opts: {
  authority: Authority;
  tls: { cert: string; key: string };
  host?: string;
  port?: number;
  /** Slow-sender limits (default SLOW_CLIENT_LIMITS); tests shorten them. */
  limits?: Partial<SlowClientLimits>;
  /** How refusals slow a caller down (default: throttle.ts). */
  throttle?: ThrottleOptions;
}): Promise<RunningServer> {
  const app = createAuthorityApp(opts.authority, opts.throttle);
  const host = opts.host ?? '127.0.0.1';
  const server = createAdaptorServer({
    fetch: app.fetch,
    createServer: createHttpsServer,
    serverOptions: {
      cert: opts.tls.cert,
      key: opts.tls.key,
      keepAlive: true,
      ...SLOW_CLIENT_LIMITS,
      ...opts.limits,
    },
  }) as HttpsServer;
  // Many devices keep connections open; a bounded idle time frees them without hurting reuse.
  server.keepAliveTimeout = 30_000;
  const port = await listenServer(server, host, opts.port ?? 0);
  return { host, port, origin: `https://${host}:${port}`, close: () => closeServer(server) };
}
