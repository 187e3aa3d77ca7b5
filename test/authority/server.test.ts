// The authority over real HTTPS (lab CA, loopback): bad input gets a 4xx with a reason and changes
// nothing; 1,000 concurrent registrations neither lose nor double-count an entitlement.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentRequest } from '../../src/core/agent/protocol.ts';
import { AUTHORITY_PATHS, encodeRequest, MAX_BODY_BYTES } from '../../src/protocol/wire.ts';
import { type AuthorityHarness, startHarness } from './helpers.ts';

let h: AuthorityHarness;
beforeAll(async () => {
  h = await startHarness();
  h.authority.setPool('ASAv-STD-1G', 'ASAv10 Standard - 1G', 600);
});
afterAll(async () => {
  await h?.close();
});

const smart = AUTHORITY_PATHS.smart;
const reg = (token: string, sn: string): Extract<AgentRequest, { kind: 'register' }> => ({
  kind: 'register',
  idToken: token,
  force: false,
  udi: { pid: 'ASAv', sn },
  entitlements: [{ tag: 'ASAv-STD-1G', count: 1 }],
});

describe('authority HTTPS server', () => {
  it('answers both transports’ paths with the same protocol', async () => {
    const { token } = h.authority.mintToken({ uses: 2 });
    for (const [i, path] of [AUTHORITY_PATHS.smart, AUTHORITY_PATHS.callhome].entries()) {
      const res = await h.post(path, encodeRequest(reg(token, `PATH${i}`)));
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ v: 1, reply: { kind: 'registered' } });
    }
  });

  it.each([
    ['malformed JSON', '{"v":1,', 'MALFORMED_JSON'],
    ['wrong version', JSON.stringify({ v: 2, request: {} }), 'UNSUPPORTED_VERSION'],
    ['missing version', JSON.stringify({ request: {} }), 'UNSUPPORTED_VERSION'],
    ['unknown kind', JSON.stringify({ v: 1, request: { kind: 'steal' } }), 'INVALID_REQUEST'],
    ['extra field', JSON.stringify({ v: 1, request: { ...reg('x', 'y'), admin: true } }), 'INVALID_REQUEST'],
    [
      'negative count',
      JSON.stringify({ v: 1, request: { ...reg('x', 'y'), entitlements: [{ tag: 'T', count: -1 }] } }),
      'INVALID_REQUEST',
    ],
  ])('refuses %s with 400 and a reason, changing nothing', async (_name, body, code) => {
    const before = h.authority.snapshot();
    const res = await h.post(smart, body);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ v: 1, error: { code, reason: expect.any(String) } });
    expect(h.authority.snapshot()).toEqual(before);
  });

  it('refuses an oversized body with 413 before parsing it', async () => {
    const { token } = h.authority.mintToken();
    const big = encodeRequest({ ...reg(token, 'BIG'), hostname: 'x'.repeat(MAX_BODY_BYTES) });
    const before = h.authority.snapshot();
    const res = await h.post(smart, big);
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } });
    expect(h.authority.snapshot()).toEqual(before);
  });

  it('refuses other content types, other methods and other paths', async () => {
    const { token } = h.authority.mintToken();
    expect(
      (await h.post(smart, encodeRequest(reg(token, 'CT')), { 'content-type': 'text/plain' })).status,
    ).toBe(415);
    expect((await h.post('/nope', '{}')).status).toBe(404);
    const { request } = await import('undici');
    const res = await request(`${h.server.origin}${smart}`, { method: 'GET', dispatcher: h.agent });
    await res.body.dump();
    expect(res.statusCode).toBe(405);
  });

  it('1,000 concurrent registrations + authorizations: exactly the pool is granted, nothing lost or doubled', async () => {
    const { token } = h.authority.mintToken({ uses: 1000 });
    const before = h.authority.snapshot();
    const poolBefore = before.pools.find((p) => p.tag === 'ASAv-STD-1G');
    const room = (poolBefore?.total ?? 0) - (poolBefore?.in_use ?? 0);
    const results = await Promise.all(
      Array.from({ length: 1000 }, async (_, i) => {
        const sn = `LOAD${i}`;
        const r = await h.post(smart, encodeRequest(reg(token, sn)));
        const cert = (r.json as { reply: { certificateId: string } }).reply.certificateId;
        const a = await h.post(
          smart,
          encodeRequest({
            kind: 'renewAuth',
            udi: { pid: 'ASAv', sn },
            certificateId: cert,
            entitlements: [{ tag: 'ASAv-STD-1G', count: 1 }],
          }),
        );
        return (a.json as { reply: { entitlements: { status: string }[] } }).reply.entitlements[0]?.status;
      }),
    );
    const granted = results.filter((s) => s === 'AUTHORIZED').length;
    expect(granted).toBe(room);
    expect(results.filter((s) => s === 'NOT AUTHORIZED').length).toBe(1000 - room);
    const after = h.authority.snapshot();
    expect(after.pools.find((p) => p.tag === 'ASAv-STD-1G')?.in_use).toBe(poolBefore?.total);
    expect(after.active - before.active).toBe(1000);
    // The token's 1,000 uses are spent exactly: a 1,001st registration is refused.
    const extra = await h.post(smart, encodeRequest(reg(token, 'LOAD-EXTRA')));
    expect(extra.json).toMatchObject({ reply: { kind: 'rejected' } });
  });
});
