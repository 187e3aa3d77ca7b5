import { afterEach, describe, expect, it } from 'vitest';
import { Authority } from '../../src/authority/service.ts';
import type { AgentReply, AgentRequest } from '../../src/core/agent/protocol.ts';
import { registrationExpiry } from '../../src/core/agent/timers.ts';
import { VirtualClock } from '../../src/lab/clock.ts';

const T0 = Date.UTC(2026, 0, 12, 13, 9, 43);
const DAY = 86_400_000;
const udi = (sn: string) => ({ pid: 'ASAv', sn });

let open: Authority[] = [];
afterEach(() => {
  for (const a of open) a.close();
  open = [];
});

function setup(poolSize = 2) {
  const clock = new VirtualClock(T0);
  const authority = new Authority({ dbPath: ':memory:', clock });
  open.push(authority);
  authority.setPool('ASAv-STD-1G', 'ASAv10 Standard - 1G', poolSize);
  return { clock, authority };
}

function register(a: Authority, token: string, sn: string, force = false): AgentReply {
  const request: AgentRequest = {
    kind: 'register',
    idToken: token,
    force,
    udi: udi(sn),
    entitlements: [{ tag: 'ASAv-STD-1G', count: 1 }],
  };
  return a.handle(request);
}

function certOf(reply: AgentReply): string {
  if (reply.kind !== 'registered') throw new Error(`expected registered, got ${JSON.stringify(reply)}`);
  return reply.certificateId;
}

const renewAuth = (a: Authority, sn: string, certificateId: string) =>
  a.handle({
    kind: 'renewAuth',
    udi: udi(sn),
    certificateId,
    entitlements: [{ tag: 'ASAv-STD-1G', count: 1 }],
  });

describe('Authority rules', () => {
  it('registers with a fresh token and reports the account, validity one year from the clock', () => {
    const { authority } = setup();
    const { token } = authority.mintToken({ uses: 1 });
    const reply = register(authority, token, 'SN1');
    expect(reply).toMatchObject({
      kind: 'registered',
      smartAccount: 'Cisco Systems, TAC',
      virtualAccount: 'EU TAC',
      exportControlAllowed: true,
      issuedAt: T0,
      expiresAt: registrationExpiry(T0),
    });
  });

  it('rejects a replayed single-use token, an unknown token and an expired one', () => {
    const { authority, clock } = setup();
    const { token } = authority.mintToken({ uses: 1, validForMs: 10 * DAY });
    certOf(register(authority, token, 'SN1'));
    expect(register(authority, token, 'SN2')).toMatchObject({
      kind: 'rejected',
      reason: expect.stringMatching(/already used/),
    });
    expect(register(authority, 'not-a-token', 'SN3')).toMatchObject({
      kind: 'rejected',
      reason: 'Invalid ID token',
    });
    const late = authority.mintToken({ uses: 5, validForMs: 10 * DAY });
    clock.set(T0 + 11 * DAY);
    expect(register(authority, late.token, 'SN4')).toMatchObject({
      kind: 'rejected',
      reason: 'ID token expired',
    });
  });

  it('counts token uses: a 2-use token registers two devices, not three', () => {
    const { authority } = setup();
    const { token } = authority.mintToken({ uses: 2 });
    certOf(register(authority, token, 'A'));
    certOf(register(authority, token, 'B'));
    expect(register(authority, token, 'C').kind).toBe('rejected');
  });

  it('refuses to re-register without force; force revokes the old certificate and returns its entitlements', () => {
    const { authority } = setup(1);
    const { token } = authority.mintToken({ uses: 5 });
    const first = certOf(register(authority, token, 'SN1'));
    expect(renewAuth(authority, 'SN1', first)).toMatchObject({ entitlements: [{ status: 'AUTHORIZED' }] });
    expect(register(authority, token, 'SN1').kind).toBe('rejected');
    const second = certOf(register(authority, token, 'SN1', true));
    expect(authority.snapshot().pools[0]?.in_use).toBe(0);
    expect(renewAuth(authority, 'SN1', first)).toMatchObject({
      kind: 'rejected',
      reason: expect.stringMatching(/revoked/),
    });
    expect(renewAuth(authority, 'SN1', second)).toMatchObject({ entitlements: [{ status: 'AUTHORIZED' }] });
    expect(authority.snapshot().pools[0]?.in_use).toBe(1);
  });

  it('authorizes while the pool has room, NOT AUTHORIZED beyond it; renewal does not double-count', () => {
    const { authority } = setup(2);
    const { token } = authority.mintToken({ uses: 3 });
    const certs = ['A', 'B', 'C'].map((sn) => [sn, certOf(register(authority, token, sn))] as const);
    const statuses = certs.map(([sn, c]) => {
      const r = renewAuth(authority, sn, c);
      return r.kind === 'authorized' ? r.entitlements[0]?.status : r.kind;
    });
    expect(statuses).toEqual(['AUTHORIZED', 'AUTHORIZED', 'NOT AUTHORIZED']);
    const [sn, cert] = certs[0] as readonly [string, string];
    expect(renewAuth(authority, sn, cert)).toMatchObject({ entitlements: [{ status: 'AUTHORIZED' }] });
    expect(authority.snapshot().pools[0]?.in_use).toBe(2);
  });

  it('deregistration returns entitlements and later requests with that certificate are rejected', () => {
    const { authority } = setup(1);
    const { token } = authority.mintToken({ uses: 2 });
    const a = certOf(register(authority, token, 'A'));
    renewAuth(authority, 'A', a);
    expect(authority.handle({ kind: 'deregister', udi: udi('A'), certificateId: a })).toEqual({
      kind: 'deregistered',
    });
    expect(authority.snapshot().pools[0]?.in_use).toBe(0);
    expect(renewAuth(authority, 'A', a).kind).toBe('rejected');
    const b = certOf(register(authority, token, 'B'));
    expect(renewAuth(authority, 'B', b)).toMatchObject({ entitlements: [{ status: 'AUTHORIZED' }] });
  });

  it('authenticates the certificate: wrong secret, other product, expired, renewed', () => {
    const { authority, clock } = setup();
    const { token } = authority.mintToken({ uses: 1 });
    const cert = certOf(register(authority, token, 'A'));
    const [id] = cert.split('.');
    expect(renewAuth(authority, 'A', `${id}.wrong-secret`)).toMatchObject({
      reason: 'Unknown ID certificate',
    });
    expect(renewAuth(authority, 'B', cert)).toMatchObject({
      reason: expect.stringMatching(/another product/),
    });
    clock.set(T0 + 180 * DAY);
    expect(authority.handle({ kind: 'renewId', udi: udi('A'), certificateId: cert })).toMatchObject({
      kind: 'idRenewed',
      expiresAt: registrationExpiry(T0 + 180 * DAY),
    });
    clock.set(registrationExpiry(T0 + 180 * DAY));
    expect(renewAuth(authority, 'A', cert)).toMatchObject({
      kind: 'rejected',
      reason: 'ID certificate expired',
    });
  });

  it('reports export status from the pool and the virtual account', () => {
    const { authority } = setup();
    authority.ensureVirtualAccount('Cisco Systems, TAC', 'Restricted VA', false);
    authority.setPool('ASAv-STD-1G', 'ASAv10 Standard - 1G', 5, {
      virtualAccount: 'Restricted VA',
      exportRestricted: true,
    });
    const { token } = authority.mintToken({ virtualAccount: 'Restricted VA' });
    const reply = register(authority, token, 'X');
    expect(reply).toMatchObject({ exportControlAllowed: false, virtualAccount: 'Restricted VA' });
    expect(renewAuth(authority, 'X', certOf(reply))).toMatchObject({
      entitlements: [{ status: 'AUTHORIZED', exportStatus: 'RESTRICTED - NOT ALLOWED' }],
    });
  });
});

describe('Authority with registrations from before it existed', () => {
  it('adopts a scenario registration with a fresh certificate and secret; its renewals are recognised, guesses are not; an expired one no longer blocks a new registration', () => {
    const { authority, clock } = setup(5);
    const adopted = { udi: udi('SN9'), issuedAt: T0 - 40 * DAY, expiresAt: T0 + 325 * DAY };
    const first = authority.adopt(adopted);
    const cert = authority.adopt(adopted);
    expect(cert).not.toBe(first);
    expect(cert).toMatch(/^[\w-]{16}\.[\w-]{32}$/);
    expect(renewAuth(authority, 'SN9', cert)).toMatchObject({
      kind: 'authorized',
      entitlements: [{ status: 'AUTHORIZED' }],
    });
    // Adopting again revoked the first; what a scenario names a certificate, or a bare id, or the
    // right id with a wrong secret, is nobody's certificate.
    expect(renewAuth(authority, 'SN9', first)).toMatchObject({ kind: 'rejected' });
    const id = cert.split('.')[0];
    for (const guess of [`sim-SN9-${T0 - 40 * DAY}`, `${id}`, `${id}.`, `${id}.guess`])
      expect(renewAuth(authority, 'SN9', guess), guess).toMatchObject({ kind: 'rejected' });
    const { token } = authority.mintToken({ uses: 2, validForMs: 365 * DAY });
    expect(register(authority, token, 'SN9').kind).toBe('rejected');
    clock.set(T0 + 326 * DAY);
    expect(register(authority, token, 'SN9').kind).toBe('registered');
    expect(authority.snapshot().pools[0]?.in_use).toBe(0);
  });
});

describe('Authority rejections change nothing', () => {
  it('a forced registration with a spent token keeps the old certificate and its entitlements', () => {
    const { authority } = setup(1);
    const first = authority.mintToken({ uses: 1 });
    const cert = certOf(register(authority, first.token, 'KEEP'));
    renewAuth(authority, 'KEEP', cert);
    const before = authority.snapshot();
    expect(register(authority, first.token, 'KEEP', true).kind).toBe('rejected');
    expect(authority.snapshot()).toEqual(before);
    expect(renewAuth(authority, 'KEEP', cert)).toMatchObject({ entitlements: [{ status: 'AUTHORIZED' }] });
  });
});
