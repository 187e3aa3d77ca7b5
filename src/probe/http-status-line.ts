// The probe's last step: one harmless `GET` over the already open TLS socket, reading only the
// status line. Any status means the endpoint speaks HTTP; the body is never read.

import type { TLSSocket } from 'node:tls';
import { TransportFailure } from '../transport/failure.ts';
import { firstLine } from '../transport/http-head.ts';

/** Send `GET path` over the open TLS socket and read the status line. */
export function httpStatusLine(
  socket: TLSSocket,
  host: string,
  path: string,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let settled = false;
    const timer = setTimeout(
      () =>
        done(
          new TransportFailure({
            step: 'http',
            code: 'ETIMEDOUT',
            message: `no HTTP answer within ${timeoutMs} ms`,
            host,
            port: 0,
          }),
        ),
      timeoutMs,
    );
    const done = (error: Error | null, line?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.destroy();
      if (error) reject(error);
      else resolve(line ?? '');
    };
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      const line = firstLine(buffered);
      if (line !== undefined) done(null, line);
      else if (buffered.length > 8192) done(new Error('oversized status line'));
    };
    socket.on('data', onData);
    socket.once('close', () =>
      done(
        new TransportFailure({
          step: 'http',
          code: 'ECONNRESET',
          message: 'connection closed before any HTTP answer',
          host,
          port: 0,
        }),
      ),
    );
    socket.on('error', (error) => done(error));
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: smartlic-probe/1\r\nAccept: */*\r\nConnection: close\r\n\r\n`,
    );
  });
}
