// The lab's "internet": an HTTP CONNECT endpoint on loopback that maps the names devices dial
// (smartreceiver.cisco.com:443, tools.cisco.com:443, proxy names) through the lab resolver to
// loopback ports. A real proxy (tinyproxy with `upstream http 127.0.0.1:GW`) forwards its CONNECTs
// here, so neither tinyproxy nor anything else ever asks real DNS, and no byte leaves loopback.

import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { isLoopbackAddress, type Resolver } from '../transport/resolver.ts';

export interface GatewayEvent {
  /** Wall-clock ms (the gateway is plumbing, not part of the virtual story). */
  wallAt: number;
  target: string;
  status: number;
  detail?: string;
}

export interface RunningGateway {
  host: string;
  port: number;
  /** Recent CONNECTs (at most 200), newest last. */
  events(): GatewayEvent[];
  close(): Promise<void>;
}

const MAX_HEADER_BYTES = 8192;

function answer(socket: Socket, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
}

/** Start the gateway on 127.0.0.1 (port 0 = pick). Only loopback destinations are ever dialled. */
export async function startGateway(opts: {
  resolve: Resolver;
  host?: string;
  port?: number;
}): Promise<RunningGateway> {
  const host = opts.host ?? '127.0.0.1';
  const log: GatewayEvent[] = [];
  const sockets = new Set<Socket>();
  const record = (event: Omit<GatewayEvent, 'wallAt'>) => {
    log.push({ wallAt: Date.now(), ...event });
    if (log.length > 200) log.shift();
  };

  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_HEADER_BYTES) answer(client, 431, 'Request Header Fields Too Large');
        return;
      }
      client.off('data', onData);
      client.pause();
      const rest = head.subarray(end + 4);
      const [method, target] = head.subarray(0, end).toString('latin1').split('\r\n')[0]?.split(' ') ?? [];
      void tunnel(client, method ?? '', target ?? '', rest);
    };
    client.on('data', onData);
  });

  async function tunnel(client: Socket, method: string, target: string, rest: Buffer): Promise<void> {
    if (method !== 'CONNECT') {
      record({ target, status: 405, detail: `${method} is not CONNECT` });
      return answer(client, 405, 'Method Not Allowed');
    }
    const match = /^([^:]+|\[[^\]]+\]):(\d{1,5})$/.exec(target);
    if (!match) {
      record({ target, status: 400, detail: 'expected host:port' });
      return answer(client, 400, 'Bad Request');
    }
    const name = (match[1] as string).replace(/^\[(.*)\]$/, '$1');
    let dest: { address: string; port: number };
    try {
      dest = await opts.resolve(name, Number(match[2]));
    } catch (error) {
      record({ target, status: 502, detail: (error as Error).message });
      return answer(client, 502, 'Bad Gateway');
    }
    if (!isLoopbackAddress(dest.address)) {
      // The lab never leaves loopback, whatever a lab file maps a name to.
      record({ target, status: 403, detail: `${dest.address} is not loopback` });
      return answer(client, 403, 'Forbidden');
    }
    const upstream = tcpConnect({ host: dest.address, port: dest.port });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.once('error', (error) => {
      if (upstream.connecting) {
        record({ target, status: 502, detail: error.message });
        answer(client, 502, 'Bad Gateway');
      } else client.destroy();
    });
    upstream.once('connect', () => {
      record({ target, status: 200 });
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      if (rest.length > 0) upstream.write(rest);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host,
    port,
    events: () => [...log],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
