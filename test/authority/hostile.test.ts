// The authority under guessing and slow clients (issue 10 item 5), over real HTTPS on loopback:
// a caller that keeps being refused is locked out (429, its requests not even looked at) while
// other products are served; a client that sends its headers slowly, or never finishes the TLS
// handshake, is dropped.

import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentRequest } from '../../src/core/agent/protocol.ts';
import { AUTHORITY_PATHS, encodeRequest } from '../../src/protocol/wire.ts';
import { type AuthorityHarness, startHarness } from './helpers.ts';

let h: AuthorityHarness;
beforeAll(async () => {
  h = await startHarness(':memory:', {
    limits: {
      headersTimeout: 400,
      requestTimeout: 800,
      handshakeTimeout: 400,
      connectionsCheckingInterval: 100,
    },
    // Locked out long enough that the test never races the lock's end.
    throttle: { freeFailures: 5, firstLockMs: 60_000 },
  });
  h.authority.setPool('ASAv-STD-1G', 'ASAv10 Standard - 1G', 10);
});
afterAll(async () => {
  await h?.close();
});

const renewAuth = (sn: string, certificateId: string): AgentRequest => ({
  kind: 'renewAuth',
  udi: { pid: 'ASAv', sn },
  certificateId,
  entitlements: [{ tag: 'ASAv-STD-1G', count: 1 }],
});
const post = (request: AgentRequest) => h.post(AUTHORITY_PATHS.smart, encodeRequest(request));
const register = (token: string, sn: string) =>
  post({ kind: 'register', idToken: token, force: false, udi: { pid: 'ASAv', sn }, entitlements: [] });

describe('a caller that keeps guessing', () => {
  it('gets five refusals, then 429 for every request about that product, even a right one', async () => {
    const { token } = h.authority.mintToken({ uses: 2 });
    const registered = await register(token, 'VICTIM');
    const cert = (registered.json as { reply: { certificateId: string } }).reply.certificateId;
    const id = cert.split('.')[0];
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await post(renewAuth('VICTIM', `${id}.guess${i}`));
      answers.push(r.status);
      expect(r.json).toMatchObject({ reply: { kind: 'rejected' } });
    }
    expect(answers).toEqual([200, 200, 200, 200, 200, 200]);
    const locked = await post(renewAuth('VICTIM', cert));
    expect(locked.status).toBe(429);
    expect(locked.json).toMatchObject({ error: { code: 'TOO_MANY_FAILURES' } });
    // The lock-out is per product: another device from the same address is served.
    const other = await register(token, 'BYSTANDER');
    expect(other.status).toBe(200);
    expect(other.json).toMatchObject({ reply: { kind: 'registered' } });
  });
});

/** Resolves with how the connection ended: the first bytes the server sent, or '' if none. */
function endOf(socket: import('node:net').Socket): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    socket.on('data', (d: Buffer) => {
      got += d.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(got));
  });
}

describe('slow clients', () => {
  it('headers sent a byte at a time are cut off (408) instead of holding the connection', async () => {
    const socket = tlsConnect({
      host: '127.0.0.1',
      port: h.server.port,
      ca: h.ca.caCert,
      servername: 'smartreceiver.cisco.com',
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', () => resolve());
      socket.once('error', reject);
    });
    const ended = endOf(socket);
    socket.write(`POST ${AUTHORITY_PATHS.smart} HTTP/1.1\r\nHost: smartreceiver.cisco.com\r\n`);
    // Trickle a header far longer than the limit allows (10 s at this pace), unless dropped.
    let sent = 0;
    const trickle = setInterval(() => {
      if (sent++ < 100 && !socket.destroyed) socket.write('X');
    }, 100);
    const answer = await ended;
    clearInterval(trickle);
    expect(sent).toBeLessThan(100);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('a connection that never starts its TLS handshake is closed', async () => {
    const socket = netConnect({ host: '127.0.0.1', port: h.server.port });
    let waited = 0;
    const timer = setInterval(() => waited++, 100);
    await endOf(socket);
    clearInterval(timer);
    // Closed by the server well before the 30 s a test allows.
    expect(waited).toBeLessThan(100);
  });
});
