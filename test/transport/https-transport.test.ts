// The transport client against real servers on loopback: an HTTPS authority stand-in speaking the
// v1 wire format, a real tinyproxy (through a CONNECT gateway of ours, so no real DNS), refusing
// and silent ports, a foreign CA, and the lab's network policy.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CertKey, mintCa, mintServerCert } from '../../src/authority/ca.ts';
import type { AgentRequest, TransportTarget } from '../../src/core/agent/protocol.ts';
import { COMM_SEND_ERROR } from '../../src/core/agent/protocol.ts';
import { decodeRequest, encodeError, encodeReply } from '../../src/protocol/wire.ts';
import {
  BlockList,
  createHttpsTransport,
  staticResolver,
  type TransportEvent,
} from '../../src/transport/index.ts';
import { type RunningTinyproxy, startTinyproxy, tinyproxyUsable } from '../helpers/tinyproxy.ts';
import { refusedPort, startConnectGateway, startHttpsServer, startSilentServer } from './fixtures.ts';

const SMART = 'smartreceiver.cisco.com';
const TOKEN = 'SECRET-ID-TOKEN-do-not-log-1234567890';
const register: AgentRequest = {
  kind: 'register',
  idToken: TOKEN,
  force: false,
  udi: { pid: 'ASAv', sn: '9A1B2C3D4E5' },
  entitlements: [{ tag: 'ASAv-STD-1G', count: 1 }],
};
const renew: AgentRequest = {
  kind: 'renewId',
  udi: { pid: 'ASAv', sn: '9A1B2C3D4E5' },
  certificateId: 'c-1',
};

let labCa: CertKey;
let foreignCa: CertKey;
let authority: Awaited<ReturnType<typeof startHttpsServer>>;
let impostor: Awaited<ReturnType<typeof startHttpsServer>>;
let silent: Awaited<ReturnType<typeof startSilentServer>>;
const seenBodies: string[] = [];

beforeAll(async () => {
  labCa = await mintCa('smartlic test lab CA');
  foreignCa = await mintCa('Corp TLS Inspection CA');
  const names = [SMART, 'tools.cisco.com'];
  authority = await startHttpsServer(await mintServerCert(labCa, names), (req, body, res) => {
    seenBodies.push(body);
    const decoded = decodeRequest(body);
    res.setHeader('content-type', 'application/json');
    if (req.url !== '/licservice/license')
      return void res.writeHead(404).end(encodeError('NOT_FOUND', 'no such path'));
    if (!decoded.ok) return void res.writeHead(400).end(encodeError(decoded.code, decoded.reason));
    const request = decoded.value;
    if (request.kind === 'register' && request.idToken === 'expired') {
      // An authority with error codes of its own: the client takes any code a 4xx answer names.
      const answer = { v: 1, error: { code: 'TOKEN_EXPIRED', reason: 'the ID token has expired' } };
      return void res.writeHead(403).end(JSON.stringify(answer));
    }
    if (request.kind === 'register' && request.idToken === 'crash')
      return void res.writeHead(500).end('oops');
    if (request.kind === 'register' && request.idToken === 'hang') return; // never answers
    const reply =
      request.kind === 'register'
        ? {
            kind: 'registered' as const,
            certificateId: 'c-1',
            smartAccount: 'Lab',
            virtualAccount: 'Default',
            exportControlAllowed: true,
            issuedAt: 1,
            expiresAt: 2,
          }
        : { kind: 'idRenewed' as const, certificateId: 'c-1', issuedAt: 3, expiresAt: 4 };
    res.writeHead(200).end(encodeReply(reply));
  });
  impostor = await startHttpsServer(await mintServerCert(foreignCa, names), (_req, _body, res) => {
    res.writeHead(200).end('{}');
  });
  silent = await startSilentServer();
});

afterAll(async () => {
  await Promise.all([authority?.close(), impostor?.close(), silent?.close()]);
});

const smartTarget: TransportTarget = { type: 'smart', url: `https://${SMART}/licservice/license` };

function transportTo(port: number, extra: Parameters<typeof createHttpsTransport>[0] = {}) {
  const events: TransportEvent[] = [];
  const transport = createHttpsTransport({
    ca: labCa.cert,
    resolve: staticResolver({ [`${SMART}:443`]: { address: '127.0.0.1', port } }),
    connectTimeoutMs: 300,
    requestTimeoutMs: 2000,
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return { transport, events };
}

describe('direct HTTPS', () => {
  it('registers through the lab resolver and trusts the lab CA', async () => {
    const { transport, events } = transportTo(authority.port);
    const outcome = await transport.exchange(register, smartTarget, 0);
    await transport.close();
    expect(outcome).toMatchObject({ ok: true, reply: { kind: 'registered', certificateId: 'c-1' } });
    expect(JSON.parse(seenBodies.at(-1) ?? '{}')).toMatchObject({ v: 1, request: { kind: 'register' } });
    expect(events).toMatchObject([{ kind: 'register', ok: true, url: smartTarget.url }]);
  });

  it('reuses keep-alive connections for consecutive exchanges', async () => {
    for (const [max, expected] of [
      [1, 1],
      [undefined, 2],
    ] as const) {
      const { transport } = transportTo(
        authority.port,
        max === undefined ? {} : { maxConnectionsPerTarget: max },
      );
      const before = authority.connections();
      for (let i = 0; i < 20; i++) {
        expect(await transport.exchange(renew, smartTarget, i)).toMatchObject({ ok: true });
      }
      await transport.close();
      expect(authority.connections() - before).toBeLessThanOrEqual(expected);
    }
  });

  it('turns an authority 4xx error answer into a rejection, and a 500 into a send error', async () => {
    const { transport } = transportTo(authority.port);
    const rejected = await transport.exchange({ ...register, idToken: 'expired' }, smartTarget, 0);
    const crashed = await transport.exchange({ ...register, idToken: 'crash' }, smartTarget, 0);
    await transport.close();
    expect(rejected).toEqual({ ok: true, reply: { kind: 'rejected', reason: 'the ID token has expired' } });
    expect(crashed).toMatchObject({
      ok: false,
      failureReason: COMM_SEND_ERROR,
      cause: { step: 'http', httpStatus: 500 },
    });
  });

  it('an authority that accepts the request but never answers is a send error (HTTP timeout)', async () => {
    const { transport } = transportTo(authority.port, { requestTimeoutMs: 300 });
    const outcome = await transport.exchange({ ...register, idToken: 'hang' }, smartTarget, 0);
    await transport.close();
    expect(outcome).toMatchObject({
      ok: false,
      failureReason: COMM_SEND_ERROR,
      cause: { step: 'http', code: 'ETIMEDOUT' },
    });
  });

  it('fails with the TLS cause kept when the server is signed by a foreign CA', async () => {
    const { transport, events } = transportTo(impostor.port);
    const outcome = await transport.exchange(register, smartTarget, 0);
    await transport.close();
    expect(outcome).toMatchObject({
      ok: false,
      failureReason: COMM_SEND_ERROR,
      cause: { step: 'tls', host: SMART },
    });
    const cause = (outcome as { cause: { code: string } }).cause;
    expect(cause.code).toMatch(/CERT|SIGNATURE|ISSUER/);
    // Causes and events never carry the request body: the ID token stays out of logs.
    expect(JSON.stringify([outcome, events])).not.toContain(TOKEN);
  });

  it('maps a refused port, a silent server and an unknown name to the send error, step by step', async () => {
    const closed = await refusedPort();
    const refused = transportTo(closed);
    const quiet = transportTo(silent.port);
    const noDns = createHttpsTransport({ ca: labCa.cert, connectTimeoutMs: 300 });
    const outcomes = [
      await refused.transport.exchange(register, smartTarget, 0),
      await quiet.transport.exchange(register, smartTarget, 0),
      await noDns.exchange(register, smartTarget, 0),
    ];
    await Promise.all([refused.transport.close(), quiet.transport.close(), noDns.close()]);
    expect(outcomes.map((o) => ('cause' in o ? [o.failureReason, o.cause.step, o.cause.code] : o))).toEqual([
      [COMM_SEND_ERROR, 'tcp', 'ECONNREFUSED'],
      [COMM_SEND_ERROR, 'tls', 'ETIMEDOUT'],
      [COMM_SEND_ERROR, 'dns', 'ENOTFOUND'],
    ]);
  });
});

describe('network policy on the first hop', () => {
  it('drop waits for the connect timeout, reject is refused at once; neither reaches the server', async () => {
    const policy = new BlockList();
    const { transport } = transportTo(authority.port, { policy });
    const before = authority.connections();
    policy.block(SMART, 'drop');
    const dropped = await transport.exchange(register, smartTarget, 0);
    policy.block(`${SMART}:443`, 'reject');
    const rejected = await transport.exchange(register, smartTarget, 0);
    policy.unblock(`${SMART}:443`);
    policy.unblock(SMART);
    const allowed = await transport.exchange(register, smartTarget, 0);
    await transport.close();
    expect(dropped).toMatchObject({
      ok: false,
      failureReason: COMM_SEND_ERROR,
      cause: { code: 'ETIMEDOUT', policy: 'drop' },
    });
    expect(rejected).toMatchObject({ ok: false, cause: { code: 'ECONNREFUSED', policy: 'reject' } });
    expect(allowed).toMatchObject({ ok: true });
    expect(authority.connections() - before).toBe(1);
  });

  it('cuts off a pooled keep-alive connection when a block is added', async () => {
    const policy = new BlockList();
    const { transport } = transportTo(authority.port, { policy });
    expect(await transport.exchange(renew, smartTarget, 0)).toMatchObject({ ok: true });
    policy.block(SMART, 'reject');
    expect(await transport.exchange(renew, smartTarget, 1)).toMatchObject({
      ok: false,
      cause: { policy: 'reject' },
    });
    await transport.close();
  });
});

describe.skipIf(!tinyproxyUsable())('through a real tinyproxy', () => {
  let gateway: Awaited<ReturnType<typeof startConnectGateway>>;
  let proxy: RunningTinyproxy;
  let filtering: RunningTinyproxy;

  beforeAll(async () => {
    gateway = await startConnectGateway({ [`${SMART}:443`]: authority.port });
    const upstream = { host: '127.0.0.1', port: gateway.port };
    proxy = await startTinyproxy({ upstream });
    filtering = await startTinyproxy({ upstream, filter: ['smartreceiver\\.cisco\\.com'] });
  });
  afterAll(async () => {
    await Promise.all([proxy?.stop(), filtering?.stop(), gateway?.close()]);
  });

  it('tunnels with CONNECT by host name; the proxy log shows it and the name is never resolved locally', async () => {
    // Default resolver: loopback literals only. The proxy is 127.0.0.1; the target name must not be resolved here.
    const policy = new BlockList();
    policy.block(SMART, 'reject'); // the direct path is blocked; only the proxy is a first hop
    const transport = createHttpsTransport({ ca: labCa.cert, policy, connectTimeoutMs: 2000 });
    const target = { ...smartTarget, proxy: { host: '127.0.0.1', port: proxy.port } };
    const first = await transport.exchange(register, target, 0);
    const second = await transport.exchange(renew, target, 1);
    await transport.close();
    expect(first).toMatchObject({ ok: true, reply: { kind: 'registered' } });
    expect(second).toMatchObject({ ok: true, reply: { kind: 'idRenewed' } });
    expect(proxy.log()).toContain(`CONNECT ${SMART}:443`);
    expect(gateway.seen).toContain(`${SMART}:443`);
  });

  it('a filtering proxy yields the send error with the proxy status kept', async () => {
    const transport = createHttpsTransport({ ca: labCa.cert, connectTimeoutMs: 2000 });
    const target = { ...smartTarget, proxy: { host: '127.0.0.1', port: filtering.port } };
    const outcome = await transport.exchange(register, target, 0);
    await transport.close();
    expect(outcome).toMatchObject({
      ok: false,
      failureReason: COMM_SEND_ERROR,
      cause: { step: 'proxy', code: 'PROXY_403', proxyStatus: 'HTTP/1.1 403 Filtered' },
    });
  });

  it('blocking the proxy itself (the first hop) fails the exchange', async () => {
    const policy = new BlockList();
    policy.block(`127.0.0.1:${proxy.port}`, 'reject');
    const transport = createHttpsTransport({ ca: labCa.cert, policy, connectTimeoutMs: 2000 });
    const outcome = await transport.exchange(
      register,
      { ...smartTarget, proxy: { host: '127.0.0.1', port: proxy.port } },
      0,
    );
    await transport.close();
    expect(outcome).toMatchObject({
      ok: false,
      cause: { step: 'tcp', code: 'ECONNREFUSED', policy: 'reject' },
    });
  });
});
