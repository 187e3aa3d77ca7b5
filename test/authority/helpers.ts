// Shared helpers for authority tests: a real HTTPS authority on loopback and a client that trusts
// the lab CA (undici, keep-alive).

import { Agent, request } from 'undici';
import { mintLabCa } from '../../src/authority/ca.ts';
import { type RunningServer, startAuthorityServer } from '../../src/authority/server.ts';
import { Authority } from '../../src/authority/service.ts';
import { VirtualClock } from '../../src/lab/clock.ts';

export const T0 = Date.UTC(2026, 0, 12, 13, 9, 43);

export interface AuthorityHarness {
  authority: Authority;
  ca: { caCert: string };
  clock: VirtualClock;
  server: RunningServer;
  agent: Agent;
  post(
    path: string,
    body: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: unknown }>;
  close(): Promise<void>;
}

export async function startHarness(
  dbPath = ':memory:',
  server_: Pick<Parameters<typeof startAuthorityServer>[0], 'limits' | 'throttle'> = {},
): Promise<AuthorityHarness> {
  const ca = await mintLabCa();
  const clock = new VirtualClock(T0);
  const authority = new Authority({ dbPath, clock });
  const server = await startAuthorityServer({ authority, tls: ca, ...server_ });
  const agent = new Agent({
    connect: { ca: ca.caCert, servername: 'smartreceiver.cisco.com' },
    connections: 32,
  });
  return {
    authority,
    ca,
    clock,
    server,
    agent,
    async post(path, body, headers = { 'content-type': 'application/json' }) {
      const res = await request(`${server.origin}${path}`, {
        method: 'POST',
        body,
        headers,
        dispatcher: agent,
      });
      const text = await res.body.text();
      return { status: res.statusCode, json: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await agent.close();
      await server.close();
      authority.close();
    },
  };
}
