// Real servers on loopback for the transport and probe tests (certificates come from the lab's own
// minting, src/authority/ca.ts): an HTTPS server, a CONNECT gateway (tinyproxy's upstream, so tinyproxy never
// resolves real names), a refusing port, a server that accepts and never speaks, and a black hole
// (a kernel listener whose accept queue is full, so new SYNs are dropped and connects time out).

import { type ChildProcess, spawn } from 'node:child_process';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Running {
  port: number;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address === 'object' && address) resolve(address.port);
      else reject(new Error('no address'));
    });
  });
}

function closer(server: Server, sockets: Set<Socket>): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

function track(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    // A client giving up (reset, timeout) is the point of these servers, not an error.
    s.on('error', () => {});
    s.once('close', () => sockets.delete(s));
  });
  return sockets;
}

/** An HTTPS server on 127.0.0.1; counts TCP connections (to observe keep-alive reuse). */
export async function startHttpsServer(
  tls: { cert: string; key: string; ca?: string },
  handler: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<Running & { connections(): number }> {
  let connections = 0;
  const server = createHttpsServer(
    { cert: tls.ca ? tls.cert + tls.ca : tls.cert, key: tls.key },
    (req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => handler(req, body, res));
    },
  );
  server.keepAliveTimeout = 60_000;
  server.on('connection', () => {
    connections++;
  });
  const sockets = track(server);
  const port = await listen(server);
  return { port, close: closer(server, sockets), connections: () => connections };
}

/**
 * An HTTP CONNECT gateway: maps `name:port` to a loopback port and splices the bytes. Anything not
 * in `routes` gets `502 Bad Gateway`. Records every CONNECT target it was asked for.
 */
export async function startConnectGateway(
  routes: Record<string, number>,
  /** `lineEnd: '\n'` answers with bare LF line ends; `refuse` answers that status line instead. */
  opts: { lineEnd?: string; refuse?: string } = {},
): Promise<Running & { seen: string[] }> {
  const nl = opts.lineEnd ?? '\r\n';
  const seen: string[] = [];
  const server = createHttpServer((_req, res) => {
    res.writeHead(405).end();
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    seen.push(target);
    const port = routes[target];
    if (opts.refuse !== undefined || port === undefined) {
      client.end(`${opts.refuse ?? 'HTTP/1.1 502 Bad Gateway'}${nl}Server: fixture${nl}${nl}`);
      return;
    }
    const upstream = connect({ host: '127.0.0.1', port }, () => {
      client.write(`HTTP/1.1 200 Connection established${nl}Server: fixture${nl}${nl}`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const end = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.on('error', end);
    client.on('error', end);
  });
  const sockets = track(server);
  const port = await listen(server);
  return { port, seen, close: closer(server, sockets) };
}

/** A loopback port where nothing listens (connects are refused). */
export async function refusedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts TCP and never says a word: TCP passes, the TLS handshake times out. */
export async function startSilentServer(): Promise<Running> {
  const server = createServer(() => {});
  const sockets = track(server);
  const port = await listen(server);
  return { port, close: closer(server, sockets) };
}

/**
 * A listener that never accepts, with its accept queue filled: the kernel drops further SYNs, so
 * a TCP connect times out exactly like behind a dropping firewall. Node always accepts, so this
 * is a tiny Debian python3 process (listen(0), no accept).
 */
export async function startBlackHole(): Promise<Running> {
  const child: ChildProcess = spawn(
    '/usr/bin/python3',
    [
      '-c',
      "import socket,sys\ns=socket.socket()\ns.bind(('127.0.0.1',0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\nsys.stdin.read()",
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const port = Number(
    await new Promise<string>((resolve, reject) => {
      child.once('error', reject);
      child.stdout?.once('data', (d: Buffer) => resolve(d.toString().trim()));
    }),
  );
  // Fill the queue (backlog 0 still queues one or two): connect until one hangs.
  const fillers: Socket[] = [];
  for (let i = 0; i < 8; i++) {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', () => {});
    fillers.push(socket);
    const connected = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 300);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!connected) break;
  }
  return {
    port,
    close: async () => {
      for (const s of fillers) s.destroy();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin?.end();
      child.kill();
      await exited;
    },
  };
}
