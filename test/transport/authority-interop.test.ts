// The transport client against the real License Authority server (src/authority over HTTPS with
// its lab CA): both sides share the v1 wire format, so a register, a renewal and a replayed
// single-use token must come back as the authority means them, through the Smart Transport and
// the Call Home paths alike.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintLabCa } from '../../src/authority/ca.ts';
import { type RunningServer, startAuthorityServer } from '../../src/authority/server.ts';
import { Authority } from '../../src/authority/service.ts';
import type { AgentRequest } from '../../src/core/agent/protocol.ts';
import { CALLHOME_URL, SMART_TRANSPORT_URL } from '../../src/core/transport.ts';
import {
  createHttpsTransport,
  type HttpsTransport,
  staticResolver,
  type TransportEvent,
} from '../../src/transport/index.ts';

const T0 = Date.UTC(2026, 0, 12, 13, 9, 43);
const clock = { now: () => T0 };
let authority: Authority;
let server: RunningServer;
let transport: HttpsTransport;
const events: TransportEvent[] = [];

beforeAll(async () => {
  const ca = await mintLabCa();
  authority = new Authority({ dbPath: ':memory:', clock });
  server = await startAuthorityServer({ authority, tls: ca });
  const at = { address: '127.0.0.1', port: server.port };
  transport = createHttpsTransport({
    ca: ca.caCert,
    resolve: staticResolver({ 'smartreceiver.cisco.com:443': at, 'tools.cisco.com:443': at }),
    connectTimeoutMs: 2000,
    onEvent: (e) => events.push(e),
  });
});

afterAll(async () => {
  await transport?.close();
  await server?.close();
  authority?.close();
});

describe('transport ↔ authority', () => {
  it('registers, renews over Call Home, and a replayed token is rejected (not a send error)', async () => {
    const { token } = authority.mintToken();
    const udi = { pid: 'ASAv', sn: '9AXYZ01' };
    const register: AgentRequest = {
      kind: 'register',
      idToken: token,
      force: false,
      udi,
      entitlements: [
        { tag: 'regid.2014-08.com.cisco.ASAv-STD-1G,1.0_0d5e2b9b-0b0e-4d9b-9f73-1c1d1b1a1a1a', count: 1 },
      ],
    };
    const registered = await transport.exchange(register, { type: 'smart', url: SMART_TRANSPORT_URL }, T0);
    expect(registered).toMatchObject({ ok: true, reply: { kind: 'registered' } });
    if (!registered.ok || registered.reply.kind !== 'registered') return;
    const certificateId = registered.reply.certificateId;

    const renewed = await transport.exchange(
      { kind: 'renewId', udi, certificateId },
      { type: 'callhome', url: CALLHOME_URL },
      T0,
    );
    expect(renewed).toMatchObject({ ok: true, reply: { kind: 'idRenewed' } });

    const replay = await transport.exchange(
      { ...register, udi: { pid: 'ASAv', sn: '9AXYZ02' } },
      { type: 'smart', url: SMART_TRANSPORT_URL },
      T0,
    );
    expect(replay).toMatchObject({
      ok: true,
      reply: { kind: 'rejected', reason: expect.stringMatching(/no registrations left/) },
    });
    // Neither the token nor the certificate secret shows up in what the transport reports.
    expect(JSON.stringify(events)).not.toContain(token);
    expect(JSON.stringify(events)).not.toContain(certificateId);
  });

  it('a wrong path is answered by the authority (404) and comes back as a rejection with its reason', async () => {
    const outcome = await transport.exchange(
      { kind: 'deregister', udi: { pid: 'ASAv', sn: 'X' }, certificateId: 'a.b' },
      { type: 'smart', url: 'https://smartreceiver.cisco.com/wrong/path' },
      T0,
    );
    expect(outcome).toMatchObject({
      ok: true,
      reply: { kind: 'rejected', reason: expect.stringContaining('/wrong/path') },
    });
  });
});
