// The seed's whole story, end to end over real SSH (emulated ASA) and real HTTPS (lab authority,
// lab CA), with a real Debian tinyproxy for the proxy path: register with a lab-minted token,
// lose smartreceiver.cisco.com, pass the deadline, recover over Call Home, lose a year and reload.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmartLicenseData } from '../../src/core/model.ts';
import type { Lab } from '../../src/lab/lab.ts';
import { startLab } from '../../src/lab/lab.ts';
import { normalizeLines, parseShowVersionLines } from '../../src/text/index.ts';
import { type RunningTinyproxy, startTinyproxy, tinyproxyMissingReason } from '../helpers/tinyproxy.ts';
import { asavLab, labDevices } from './asav-lab.ts';
import { sshExec } from './ssh.ts';

const T0 = '2026-01-12T13:09:43Z';
const DAY = 86_400_000;
const MINUTE = 60_000;
const PASSWORD = 'lab-Passw0rd';
const PROXY_NAME = 'proxy.corp.example';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-story-'));
let lab: Lab;
let proxy: RunningTinyproxy | undefined;
const tinyproxyMissing = tinyproxyMissingReason();
if (tinyproxyMissing && process.env.CI === 'true')
  throw new Error(`CI requires tinyproxy: ${tinyproxyMissing}`);

beforeAll(async () => {
  const spec = asavLab(T0, PASSWORD, [{ name: 'asa1' }, { name: 'asa2' }]);
  lab = await startLab(spec, { stateDir: join(dir, 'lab'), connectTimeoutMs: 200 });
  if (!tinyproxyMissing) {
    proxy = await startTinyproxy({ upstream: { host: lab.gateway.host, port: lab.gateway.port } });
    lab.mapHost(`${PROXY_NAME}:3128`, `127.0.0.1:${proxy.port}`);
  }
}, 60_000);

afterAll(async () => {
  await proxy?.stop();
  await lab?.close();
  rmSync(dir, { recursive: true, force: true });
});

const { device, licence: showLicenseAll } = labDevices(() => lab);

/** Poll `show license all` over SSH until `ok` holds (the device answers at once; its agent runs in the background). */
async function waitFor(name: string, ok: (d: SmartLicenseData) => boolean): Promise<SmartLicenseData> {
  let last: SmartLicenseData = {};
  for (let i = 0; i < 50; i++) {
    last = await showLicenseAll(name);
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}

describe('the seed story in the lab', () => {
  it('registers with a token minted by the lab: REGISTERING, then REGISTERED + AUTHORIZED seconds later', async () => {
    const { token } = lab.mintToken({ uses: 1 });
    const out = await sshExec(device('asa1'), `license smart register idtoken ${token}`);
    expect(out).not.toMatch(/ERROR/);
    // The lab clock stands still: the registration is in progress until virtual time passes.
    expect((await showLicenseAll('asa1')).registration?.status).toBe('REGISTERING');
    await lab.advance(MINUTE);
    const data = await waitFor('asa1', (d) => d.authorization?.status === 'AUTHORIZED');
    expect(data.registration?.status).toBe('REGISTERED');
    expect(data.registration?.smartAccount).toBe('Cisco Systems, TAC');
    expect(data.authorization?.status).toBe('AUTHORIZED');
    expect(data.usage?.[0]).toMatchObject({ tag: 'ASAv-STD-1G', status: 'AUTHORIZED' });
    expect(lab.authority.snapshot().pools.find((p) => p.tag === 'ASAv-STD-1G')?.in_use).toBe(1);
    // The token was single-use: a second device cannot reuse it.
    await sshExec(device('asa2'), `license smart register idtoken ${token}`);
    await lab.advance(MINUTE);
    const other = await waitFor('asa2', (d) => d.registration?.initialRegistration?.result === 'FAILED');
    expect(other.registration?.status).not.toBe('REGISTERED');
  });

  it('blocked smartreceiver.cisco.com + 30 days: last communication FAILED, still AUTHORIZED, deadline ahead', async () => {
    lab.policy.block('smartreceiver.cisco.com', 'drop');
    await lab.advance(31 * DAY);
    const data = await showLicenseAll('asa1');
    expect(data.authorization?.status).toBe('AUTHORIZED');
    expect(data.authorization?.lastCommunicationAttempt).toMatchObject({
      result: 'FAILED',
      failureReason: 'Communication message send error',
    });
    const deadline = Date.parse(data.authorization?.communicationDeadline?.at ?? '');
    expect(data.authorization?.communicationDeadline?.exceeded).toBe(false);
    expect(deadline).toBeGreaterThan(lab.clock.now());
  });

  it('past the deadline: AUTH EXPIRED, DEADLINE EXCEEDED, and show version shows the cut features', async () => {
    await lab.advance(60 * DAY);
    const data = await showLicenseAll('asa1');
    expect(data.authorization?.status).toBe('AUTH EXPIRED');
    expect(data.authorization?.communicationDeadline?.exceeded).toBe(true);
    const version = parseShowVersionLines(normalizeLines(await sshExec(device('asa1'), 'show version'))).data;
    const peers = version.features?.find((f) => f.name === 'AnyConnect Premium Peers');
    expect(peers?.value).toBe('2');
    expect(version.throughputLimit).toMatch(/100 Kbps/i);
  });

  it('transport type callhome (tools.cisco.com reachable): renewal succeeds again', async () => {
    await sshExec(
      device('asa1'),
      ['configure terminal', 'license smart', 'transport type callhome', 'end'].join('\n'),
    );
    await sshExec(device('asa1'), 'license smart renew auth');
    const data = await waitFor('asa1', (d) => d.authorization?.status === 'AUTHORIZED');
    expect(data.transport?.type?.toLowerCase()).toBe('callhome');
    expect(data.authorization?.status).toBe('AUTHORIZED');
    expect(data.authorization?.lastCommunicationAttempt?.result).toBe('SUCCEEDED');
  });

  it('a year without contact, then reload: REGISTERING, EVAL MODE, export-controlled NOT ALLOWED', async () => {
    lab.policy.block('tools.cisco.com', 'reject');
    await lab.advance(400 * DAY);
    await lab.reload('asa1');
    const data = await showLicenseAll('asa1');
    expect(data.registration?.status).toBe('REGISTERING');
    expect(data.authorization?.status).toBe('EVAL MODE');
    expect(data.registration?.exportControlled).toBe('NOT ALLOWED');
    // It tried to register at boot, through the blocked network, as in the seed.
    expect(data.registration?.initialRegistration).toMatchObject({
      result: 'FAILED',
      failureReason: 'Communication message send error',
    });
    expect(Date.parse(data.registration?.nextRegistrationAttempt ?? '')).toBeGreaterThan(lab.clock.now());
    lab.policy.unblock('tools.cisco.com');
    lab.policy.unblock('smartreceiver.cisco.com');
  });

  it.skipIf(!!tinyproxyMissing)(
    'through a real tinyproxy with the direct path blocked: registers, and the proxy log shows the CONNECT',
    async () => {
      lab.policy.block('smartreceiver.cisco.com', 'drop', 'asa2');
      await sshExec(
        device('asa2'),
        ['configure terminal', 'license smart', `transport proxy ${PROXY_NAME} port 3128`, 'end'].join('\n'),
      );
      const { token } = lab.mintToken();
      await sshExec(device('asa2'), `license smart register idtoken ${token} force`);
      await lab.advance(MINUTE);
      const data = await waitFor('asa2', (d) => d.authorization?.status === 'AUTHORIZED');
      expect(data.registration?.status).toBe('REGISTERED');
      expect(proxy?.log()).toMatch(/CONNECT smartreceiver\.cisco\.com:443/);
      expect(
        lab.gateway.events().some((e) => e.target === 'smartreceiver.cisco.com:443' && e.status === 200),
      ).toBe(true);
    },
  );
});
