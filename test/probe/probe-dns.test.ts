// The probe's DNS step against name-servers of ours on loopback (--dns-server), through the CLI:
// a name that resolves (and is then reached over TLS at the address the server gave), a name
// that does not exist, a resolver that refuses or never answers, a resolver that fails. Each
// verdict says who was asked and what it means for the ASA. This host's resolver is never asked.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintCa, mintServerCert } from '../../src/authority/ca.ts';
import type { DnsStep, ProbeReport } from '../../src/probe/index.ts';
import { runCli } from '../helpers/cli.ts';
import { type Running, startHttpsServer } from '../transport/fixtures.ts';
import { closedUdpPort, type RunningDns, startDnsServer } from './dns-server.ts';

const SMART = 'smartreceiver.cisco.com';
let dir: string;
let caFile: string;
let authority: Running;
let dns: RunningDns;
let silent: RunningDns;
let refusedPort: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'smartlic-probe-dns-'));
  const ca = await mintCa('smartlic test lab CA');
  caFile = join(dir, 'lab-ca.pem');
  writeFileSync(caFile, ca.cert);
  authority = await startHttpsServer(await mintServerCert(ca, [SMART]), (_req, _body, res) => {
    res.writeHead(405, { allow: 'POST' }).end();
  });
  dns = await startDnsServer({ a: { [SMART]: '127.0.0.1' }, servfail: ['tools.cisco.com'] });
  silent = await startDnsServer({ silent: true });
  refusedPort = await closedUdpPort();
});

afterAll(async () => {
  await Promise.all([authority?.close(), dns?.close(), silent?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function probe(server: string, url: string, ...rest: string[]) {
  const { code, out, err } = await runCli(
    ['probe', '--json', '--timeout', '1', '--dns-server', server, ...rest, url],
    { cwd: dir },
  );
  expect(err).toBe('');
  const report = JSON.parse(out) as ProbeReport;
  const result = report.results[0];
  return { code, result, dnsStep: result?.steps[0] as DnsStep };
}

describe('probe --dns-server (a name-server of ours on loopback)', () => {
  it('resolves through the given name-server and reaches the address it gave', async () => {
    const { code, result, dnsStep } = await probe(
      dns.server,
      `https://${SMART}:${authority.port}/licservice/license`,
      '--ca',
      caFile,
    );
    expect(code).toBe(0);
    expect(dnsStep).toMatchObject({
      status: 'pass',
      source: 'server',
      resolvers: [dns.server],
      addresses: ['127.0.0.1'],
      failure: null,
    });
    expect(dnsStep.summary).toBe(`${SMART} → 127.0.0.1, from the name-server ${dns.server} (--dns-server)`);
    expect(result?.steps.map((s) => s.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(dns.queries).toContain(`${SMART} 1`);
  });

  it('a name the server does not know: "does not exist", and the ASA using it cannot resolve it either', async () => {
    const { code, result, dnsStep } = await probe(dns.server, 'https://nowhere.example/');
    expect(code).toBe(1);
    expect(dnsStep).toMatchObject({ status: 'fail', code: 'ENOTFOUND', failure: 'no-such-name' });
    expect(dnsStep.summary).toBe(
      `nowhere.example: no such name (ENOTFOUND) from the name-server ${dns.server} (--dns-server)`,
    );
    expect(result?.verdict.explanation).toBe(
      `DNS: the name-server ${dns.server} (--dns-server) says nowhere.example does not exist (ENOTFOUND): an ASA using this name-server cannot resolve it either; point the ASA's \`dns domain-lookup <interface>\` and a \`name-server\` in \`dns server-group DefaultDNS\` at a server that resolves public names`,
    );
  });

  it('a name-server that refuses (port closed) or never answers: unreachable, not an unknown name', async () => {
    const refused = await probe(`127.0.0.1:${refusedPort}`, `https://${SMART}/`);
    const hangs = await probe(silent.server, `https://${SMART}/`);
    for (const { code, result, dnsStep } of [refused, hangs]) {
      expect(code).toBe(1);
      expect(dnsStep.failure).toBe('resolver-unreachable');
      expect(result?.verdict.explanation).toMatch(
        /did not answer \((ECONNREFUSED|ETIMEOUT)\): it is unreachable from here; if the ASA uses it, check that UDP and TCP port 53 reach it/,
      );
    }
    expect(refused.dnsStep.code).toBe('ECONNREFUSED');
    expect(hangs.dnsStep.code).toBe('ETIMEOUT');
    expect(silent.queries.length).toBeGreaterThan(0);
  });

  it('a name-server that answers SERVFAIL is a failing resolver', async () => {
    const { dnsStep, result } = await probe(dns.server, 'https://tools.cisco.com/');
    expect(dnsStep).toMatchObject({ code: 'ESERVFAIL', failure: 'resolver-error' });
    expect(result?.verdict.explanation).toMatch(/answered with an error for tools\.cisco\.com \(ESERVFAIL\)/);
  });

  it('the human view names the resolver in the DNS row and the verdict', async () => {
    const { code, out } = await runCli(
      ['probe', '--timeout', '1', '--dns-server', dns.server, 'https://nowhere.example/'],
      { cwd: dir },
    );
    expect(code).toBe(1);
    expect(out).toMatch(
      /^ {2}dns +FAIL .*nowhere\.example: no such name \(ENOTFOUND\) from the name-server 127\.0\.0\.1:\d+/m,
    );
    expect(out).toMatch(
      /FAIL at dns: DNS: the name-server 127\.0\.0\.1:\d+ \(--dns-server\) says nowhere\.example does not exist/,
    );
  });

  it.each([
    ['nonsense', /--dns-server "nonsense": expected a name-server address/],
    ['127.0.0.1:0', /--dns-server "127\.0\.0\.1:0": port must be 1-65535/],
    ['dns.example:53', /expected a name-server address/],
  ])('refuses --dns-server %s with exit 64 (usage) and one line', async (value, message) => {
    const { code, out, err } = await runCli(['probe', '--dns-server', value, 'https://a.example/'], {
      cwd: dir,
    });
    expect([code, out]).toEqual([64, '']);
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });
});
