// The control API and the `smartlic lab …` commands against a running lab in this process.

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readControlFile } from '../../src/lab/client.ts';
import { type RunningControl, startControlApi } from '../../src/lab/control.ts';
import { type Lab, startLab } from '../../src/lab/lab.ts';
import { parseLabFile } from '../../src/lab/spec.ts';
import { runCli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-control-'));
let lab: Lab;
let control: RunningControl;
let shutdownAsked = 0;

beforeAll(async () => {
  const spec = parseLabFile(
    [
      'start: 2026-01-12T13:09:43Z',
      'devices:',
      '  - name: asa1',
      '    password: pw-123456',
      '    startupConfig: "license smart"',
      '  - name: ha',
      '    password: pw-123456',
      '    failover: true',
    ].join('\n'),
  );
  lab = await startLab(spec, { stateDir: dir });
  control = await startControlApi(lab, {
    stateDir: dir,
    onShutdown: () => {
      shutdownAsked++;
    },
  });
}, 30_000);
afterAll(async () => {
  await control?.close();
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCli([...argv, '--state-dir', dir], { cwd: dir });

describe('lab control API', () => {
  it('writes control.json with mode 0600 and refuses requests without the token', async () => {
    expect(statSync(control.file).mode & 0o777).toBe(0o600);
    expect(readControlFile(dir).port).toBe(control.port);
    const none = await fetch(`${control.url}/v1/status`);
    expect(none.status).toBe(401);
    const wrong = await fetch(`${control.url}/v1/status`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
  });

  it('names the field of a bad body', async () => {
    const res = await fetch(`${control.url}/v1/clock`, {
      method: 'POST',
      headers: { authorization: `Bearer ${control.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ advance: 'soon' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { message: expect.stringMatching(/^advance: /) } });
  });
});

describe('lab control API against absurd input', () => {
  const post = (path: string, body: string) =>
    fetch(`${control.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${control.token}`, 'content-type': 'application/json' },
      body,
    });

  it.each([
    ['a 400-digit token lifetime', '/v1/tokens', { expires: `${'9'.repeat(400)}y` }, /^expires: /],
    ['a token lifetime past 365 days', '/v1/tokens', { expires: '366d' }, /^expires: /],
    ['a 400-digit advance', '/v1/clock', { advance: `${'9'.repeat(400)}y` }, /^advance: /],
    ['an advance past year 9999', '/v1/clock', { advance: '8000y' }, /^advance: .*9999/],
    ['the clock at year -271821', '/v1/clock', { set: '-271821-04-20T00:00:00Z' }, /^set: .*1970/],
    ['the clock at year 275760', '/v1/clock', { set: '+275760-09-13T00:00:00Z' }, /^set: /],
  ])('answers 400 for %s, and the lab is unchanged', async (_name, path, body, message) => {
    const before = lab.clock.now();
    const tokens = lab.authority.snapshot().tokens;
    const res = await post(path, JSON.stringify(body));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(message) },
    });
    expect(lab.clock.now()).toBe(before);
    expect(lab.authority.snapshot().tokens).toBe(tokens);
  });

  it('answers 413 for a body past 64 KB', async () => {
    const res = await post('/v1/clock', JSON.stringify({ advance: '1d', pad: 'x'.repeat(1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } });
  });

  it('drops a client that sends its headers a byte at a time', async () => {
    const { connect } = await import('node:net');
    const socket = connect({ host: '127.0.0.1', port: control.port });
    let answer = '';
    socket.on('data', (d: Buffer) => {
      answer += d.toString('latin1');
    });
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
    socket.write('POST /v1/clock HTTP/1.1\r\nHost: x\r\n');
    // One byte a second: headers of 60 s, six times the limit, unless the server hangs up first.
    let sent = 0;
    const trickle = setInterval(() => {
      if (sent++ < 60 && !socket.destroyed) socket.write('X');
    }, 1000);
    await closed;
    clearInterval(trickle);
    expect(sent).toBeLessThan(60);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  }, 90_000);
});

describe('smartlic lab … commands', () => {
  it('status --json shows the clock, devices with their SSH ports, and no secrets', async () => {
    const { code, out } = await cli('lab', 'status', '--json');
    expect(code).toBe(0);
    const status = JSON.parse(out);
    expect(status.now).toBe('2026-01-12T13:09:43.000Z');
    expect(status.devices[0]).toMatchObject({
      name: 'asa1',
      host: '127.0.0.1',
      port: lab.device('asa1')?.port,
    });
    expect(out).not.toContain('pw-123456');
    expect(out).not.toContain(control.token);
  });

  it('clock --advance moves the one clock; bad durations are usage errors', async () => {
    expect((await cli('lab', 'clock', '--advance', '30d')).out).toMatch(/^2026-02-11T13:09:43\.000Z/);
    expect(lab.clock.now()).toBe(Date.parse('2026-02-11T13:09:43Z'));
    const bad = await cli('lab', 'clock', '--advance', 'soon');
    expect(bad.code).toBe(64);
    expect(bad.err).toMatch(/--advance: expected a duration/);
  });

  it('block/unblock change the device policy; an unknown device is refused', async () => {
    expect(
      (await cli('lab', 'block', 'smartreceiver.cisco.com', '-d', 'asa1', '--mode', 'reject')).code,
    ).toBe(0);
    expect(lab.policy.policyFor('asa1').decide('smartreceiver.cisco.com', 443)).toBe('reject');
    expect((await cli('lab', 'unblock', 'smartreceiver.cisco.com')).out).toMatch(/unblocked/);
    expect(lab.policy.policyFor('asa1').decide('smartreceiver.cisco.com', 443)).toBe('allow');
    const bad = await cli('lab', 'block', 'x', '-d', 'nope');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/no device named nope/);
  });

  it('token prints a token the authority accepts once', async () => {
    const { code, out } = await cli('lab', 'token', '--uses', '1', '--expires', '7d');
    expect(code).toBe(0);
    const token = out.trim();
    const reply = lab.authority.handle({
      kind: 'register',
      idToken: token,
      force: false,
      udi: { pid: 'ASAv', sn: 'CLI1' },
      entitlements: [],
    });
    expect(reply.kind).toBe('registered');
    expect(
      lab.authority.handle({
        kind: 'register',
        idToken: token,
        force: false,
        udi: { pid: 'ASAv', sn: 'CLI2' },
        entitlements: [],
      }).kind,
    ).toBe('rejected');
  });

  it('failover makes a unit of a pair active and its mate standby; a device that is no unit is refused', async () => {
    expect((await cli('lab', 'failover', 'ha-sec')).out).toMatch(/^ha-sec active, ha-pri standby at 2026-/);
    expect(lab.device('ha-sec')?.failover?.state).toBe('active');
    expect(lab.device('ha-pri')?.failover?.state).toBe('standby');
    const status = JSON.parse((await cli('lab', 'status', '--json')).out) as {
      devices: { name: string; failover?: { state: string } }[];
    };
    expect(status.devices.find((d) => d.name === 'ha-pri')?.failover?.state).toBe('standby');
    // Already active: stays so.
    expect((await cli('lab', 'failover', 'ha-sec')).out).toMatch(/^ha-sec active, ha-pri standby/);
    expect((await cli('lab', 'failover', 'ha-pri')).out).toMatch(/^ha-pri active, ha-sec standby/);
    const refused = await cli('lab', 'failover', 'asa1');
    expect(refused.code).toBe(64);
    expect(refused.err).toContain('asa1 is not a unit of a failover pair');
    expect((await cli('lab', 'failover', 'nope')).code).toBe(64);
  });

  it('reload reloads a device; down asks the lab to stop', async () => {
    expect((await cli('lab', 'reload', 'asa1')).out).toMatch(/^asa1 reloaded at /);
    expect((await cli('lab', 'reload', 'nope')).code).not.toBe(0);
    await cli('lab', 'down');
    expect(shutdownAsked).toBe(1);
  });

  it('without a running lab: one clear line and a non-zero exit', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'smartlic-nolab-'));
    const r = await runCli(['lab', 'status', '--state-dir', empty], { cwd: empty });
    expect(r.err).toMatch(/no lab is running .* smartlic lab up/);
    expect(r.code).toBe(4);
    rmSync(empty, { recursive: true, force: true });
  });
});
