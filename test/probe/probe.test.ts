// `smartlic probe` end to end through the CLI entry, against real servers on loopback: the lab
// authority stand-in (HTTPS with a lab CA), a refusing port, a black hole (full accept queue), a
// silent server, an impostor signed by a "corporate inspection" CA, and real tinyproxies that
// tunnel, filter (403), demand authentication (407) or cannot reach the target.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CertKey, mintCa, mintServerCert } from '../../src/authority/ca.ts';
import type { ProbeReport, TlsStep } from '../../src/probe/index.ts';
import { ProbeReportSchema } from '../../src/probe/types.ts';
import { runCli } from '../helpers/cli.ts';
import { type RunningTinyproxy, startTinyproxy, tinyproxyUsable } from '../helpers/tinyproxy.ts';
import {
  type Running,
  refusedPort,
  startBlackHole,
  startConnectGateway,
  startHttpsServer,
  startSilentServer,
} from '../transport/fixtures.ts';

const SMART = 'smartreceiver.cisco.com';
const PATH = '/licservice/license';

let dir: string;
let caFile: string;
let labCa: CertKey;
let authority: Running;
let impostor: Running;
let silent: Running;
let blackHole: Running;
let closedPort: number;

const probe = (...argv: string[]) => runCli(['probe', ...argv], { cwd: dir });

async function probeJson(...argv: string[]): Promise<{ code: number; report: ProbeReport }> {
  const { code, out, err } = await probe('--json', ...argv);
  expect(err).toBe('');
  // Every report these tests read is also a real output the committed schema's zod must accept.
  return { code, report: ProbeReportSchema.parse(JSON.parse(out)) };
}

/** URL of `SMART` on a loopback port, and the --resolve pointing it there. */
const at = (port: number) => [`--resolve`, `${SMART}:${port}:127.0.0.1`, `https://${SMART}:${port}${PATH}`];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'smartlic-probe-'));
  labCa = await mintCa('smartlic test lab CA');
  const inspection = await mintCa('Corp TLS Inspection CA');
  caFile = join(dir, 'lab-ca.pem');
  writeFileSync(caFile, labCa.cert);
  authority = await startHttpsServer(
    await mintServerCert(labCa, [SMART, 'tools.cisco.com']),
    (_req, _body, res) => {
      res.writeHead(405, { allow: 'POST' }).end();
    },
  );
  impostor = await startHttpsServer(await mintServerCert(inspection, [SMART]), (_req, _body, res) => {
    res.writeHead(200).end();
  });
  silent = await startSilentServer();
  blackHole = await startBlackHole();
  closedPort = await refusedPort();
});

afterAll(async () => {
  await Promise.all([authority?.close(), impostor?.close(), silent?.close(), blackHole?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('direct', () => {
  it('passes every step against the lab authority with --ca, and says the chain is private', async () => {
    const { code, report } = await probeJson('--ca', caFile, ...at(authority.port));
    expect(code).toBe(0);
    const [result] = report.results;
    expect(result?.steps.map((s) => [s.step, s.status])).toEqual([
      ['dns', 'pass'],
      ['tcp', 'pass'],
      ['tls', 'pass'],
      ['http', 'pass'],
    ]);
    const tls = result?.steps.find((s) => s.step === 'tls') as TlsStep;
    expect(tls).toMatchObject({
      trust: 'private-trusted',
      authorized: true,
      issuer: 'CN=smartlic test lab CA',
      alpn: 'http/1.1',
    });
    expect(tls.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(result?.steps.at(-1)).toMatchObject({
      statusCode: 405,
      statusLine: 'HTTP/1.1 405 Method Not Allowed',
    });
    expect(result?.steps.every((s) => typeof s.ms === 'number' && s.ms >= 0)).toBe(true);
  });

  it('fails TCP on a refusing port and on a black hole, telling refused from dropped', async () => {
    const { code, report } = await probeJson('--timeout', '0.5', ...at(closedPort), ...at(blackHole.port));
    expect(code).toBe(1);
    const [refused, dropped] = report.results;
    expect(refused?.verdict).toMatchObject({ ok: false, failedStep: 'tcp' });
    expect(refused?.steps[1]).toMatchObject({ step: 'tcp', code: 'ECONNREFUSED' });
    expect(refused?.verdict.explanation).toMatch(/refused.*transport proxy HOST port PORT/);
    expect(dropped?.steps[1]).toMatchObject({ step: 'tcp', code: 'ETIMEDOUT' });
    expect(dropped?.verdict.explanation).toContain(`TCP to ${SMART}:${blackHole.port} timed out`);
    expect(dropped?.verdict.explanation).toContain('upstream firewall drops it');
    expect(dropped?.steps.slice(2).every((s) => s.status === 'skip')).toBe(true);
  });

  it('tells a TLS timeout (TCP accepted, then silence) from a TCP timeout', async () => {
    const { code, report } = await probeJson('--timeout', '0.5', ...at(silent.port));
    expect(code).toBe(1);
    const [result] = report.results;
    expect(result?.steps.map((s) => [s.step, s.status, s.code])).toEqual([
      ['dns', 'pass', null],
      ['tcp', 'pass', null],
      ['tls', 'fail', 'ETIMEDOUT'],
      ['http', 'skip', null],
    ]);
    expect(result?.verdict.explanation).toMatch(/TLS handshake got no answer/);
  });

  it('flags a chain from a foreign CA as intercepted and untrusted', async () => {
    const { code, report } = await probeJson('--ca', caFile, ...at(impostor.port));
    expect(code).toBe(1);
    const tls = report.results[0]?.steps.find((s) => s.step === 'tls') as TlsStep;
    expect(tls).toMatchObject({
      status: 'fail',
      trust: 'untrusted',
      intercepted: true,
      issuer: 'CN=Corp TLS Inspection CA',
      authorized: false,
    });
    expect(report.results[0]?.verdict.explanation).toMatch(/INTERCEPTED.*Corp TLS Inspection CA/);
  });

  it('prints a human table with one verdict per URL', async () => {
    const { code, out } = await probe(
      '--ca',
      caFile,
      '--timeout',
      '0.5',
      ...at(authority.port),
      ...at(closedPort),
    );
    expect(code).toBe(1);
    expect(out).toMatch(/^ {2}tls +ok .*private CA trusted via --ca/m);
    expect(out).toMatch(/PASS: smartreceiver\.cisco\.com:\d+ is reachable directly/);
    expect(out).toMatch(/FAIL at tcp: TCP to smartreceiver\.cisco\.com:\d+ was refused/);
    expect(out).toContain('1 of 2 unreachable');
  });
});

describe('default URLs', () => {
  it('probes the Smart Transport and Call Home URLs when none is given (names pointed at loopback)', async () => {
    const { report } = await probeJson(
      '--timeout',
      '0.5',
      '--resolve',
      `${SMART}:127.0.0.1`,
      '--resolve',
      'tools.cisco.com:127.0.0.1',
    );
    expect(report.results.map((r) => r.url)).toEqual([
      'https://smartreceiver.cisco.com/licservice/license',
      'https://tools.cisco.com/its/service/oddce/services/DDCEService',
    ]);
    expect(report.results.map((r) => r.steps[0])).toMatchObject([
      { step: 'dns', status: 'pass', source: 'resolve', addresses: ['127.0.0.1'] },
      { step: 'dns', status: 'pass', source: 'resolve', addresses: ['127.0.0.1'] },
    ]);
  });
});

describe('usage', () => {
  it('rejects bad arguments with exit 64 (usage) and an unreadable --ca with exit 4, one line each', async () => {
    const cases: [string[], number, RegExp][] = [
      [['--resolve', 'nonsense', 'https://a.example/'], 64, /--resolve "nonsense": expected HOST:ADDR/],
      [['--resolve', 'a.example:not-an-ip', 'https://a.example/'], 64, /is not an IP address/],
      [['http://a.example/'], 64, /only https:\/\/ URLs/],
      [['--timeout', 'soon', 'https://a.example/'], 64, /--timeout "soon"/],
      [['--proxy', 'http://127.0.0.1', 'https://a.example/'], 64, /give the port/],
      [['--ca', 'missing.pem', 'https://a.example/'], 4, /missing\.pem: cannot read CA file/],
    ];
    for (const [argv, status, message] of cases) {
      const { code, err, out } = await probe(...argv);
      expect([code, out]).toEqual([status, '']);
      expect(err).toMatch(message);
      expect(err.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('a proxy that ends its lines with a bare LF (RFC 9112 lets a reader accept it)', () => {
  let tunnels: Running & { seen: string[] };
  let refuses: Running & { seen: string[] };
  beforeAll(async () => {
    tunnels = await startConnectGateway({ [`${SMART}:443`]: authority.port }, { lineEnd: '\n' });
    refuses = await startConnectGateway({}, { lineEnd: '\n', refuse: 'HTTP/1.1 403 Forbidden' });
  });
  afterAll(async () => {
    await Promise.all([tunnels?.close(), refuses?.close()]);
  });

  it('is read as the tunnel it opened, not as a proxy that never answered', async () => {
    const { code, report } = await probeJson(
      '--proxy',
      `http://127.0.0.1:${tunnels.port}`,
      '--ca',
      caFile,
      `https://${SMART}${PATH}`,
    );
    expect(report.results[0]?.steps.map((s) => [s.step, s.status])).toEqual([
      ['dns', 'pass'],
      ['tcp', 'pass'],
      ['proxy', 'pass'],
      ['tls', 'pass'],
      ['http', 'pass'],
    ]);
    expect(report.results[0]?.steps[2]).toMatchObject({ statusCode: 200 });
    expect(code).toBe(0);
  });

  it('is read as the refusal it sent (403), at once', async () => {
    const { report } = await probeJson(
      '--proxy',
      `http://127.0.0.1:${refuses.port}`,
      '--timeout',
      '20',
      `https://${SMART}${PATH}`,
    );
    const step = report.results[0]?.steps[2];
    expect(step).toMatchObject({
      step: 'proxy',
      status: 'fail',
      statusCode: 403,
      statusLine: 'HTTP/1.1 403 Forbidden',
    });
    expect(step?.ms ?? 0).toBeLessThan(20_000);
  });
});

describe.skipIf(!tinyproxyUsable())('through a real tinyproxy', () => {
  let gateway: Running & { seen: string[] };
  let tunnel: RunningTinyproxy;
  let filtering: RunningTinyproxy;
  let authenticating: RunningTinyproxy;
  let direct: RunningTinyproxy;

  beforeAll(async () => {
    gateway = await startConnectGateway({ [`${SMART}:443`]: authority.port });
    const upstream = { host: '127.0.0.1', port: gateway.port };
    [tunnel, filtering, authenticating, direct] = await Promise.all([
      startTinyproxy({ upstream }),
      startTinyproxy({ upstream, filter: ['smartreceiver\\.cisco\\.com'] }),
      startTinyproxy({ upstream, basicAuth: { user: 'ops', password: 'pw' } }),
      // No upstream: CONNECT to a loopback literal only, so tinyproxy never needs DNS.
      startTinyproxy({}),
    ]);
  });
  afterAll(async () => {
    await Promise.all([
      tunnel?.stop(),
      filtering?.stop(),
      authenticating?.stop(),
      direct?.stop(),
      gateway?.close(),
    ]);
  });

  const proxied = (proxy: RunningTinyproxy, ...rest: string[]) => [
    '--proxy',
    `http://127.0.0.1:${proxy.port}`,
    '--ca',
    caFile,
    ...rest,
    `https://${SMART}${PATH}`,
  ];

  it('passes through the proxy by name; the proxy log shows the CONNECT and the name is not resolved here', async () => {
    const { code, report } = await probeJson(...proxied(tunnel));
    expect(code).toBe(0);
    const [result] = report.results;
    expect(result?.steps.map((s) => [s.step, s.status])).toEqual([
      ['dns', 'pass'],
      ['tcp', 'pass'],
      ['proxy', 'pass'],
      ['tls', 'pass'],
      ['http', 'pass'],
    ]);
    expect(result?.steps[0]).toMatchObject({ name: '127.0.0.1' });
    expect(result?.steps[2]).toMatchObject({ statusCode: 200 });
    expect(result?.verdict.notes.join(' ')).toContain('Proxy: Not Supported');
    expect(tunnel.log()).toContain(`CONNECT ${SMART}:443`);
    expect(gateway.seen).toContain(`${SMART}:443`);
  });

  it('reports a filtering proxy with its status line (403 Filtered)', async () => {
    const { code, report } = await probeJson(...proxied(filtering));
    expect(code).toBe(1);
    const [result] = report.results;
    expect(result?.verdict.failedStep).toBe('proxy');
    expect(result?.steps[2]).toMatchObject({
      status: 'fail',
      statusCode: 403,
      statusLine: 'HTTP/1.1 403 Filtered',
    });
    expect(result?.verdict.explanation).toMatch(
      /refused CONNECT smartreceiver\.cisco\.com:443 \(HTTP\/1\.1 403 Filtered\)/,
    );
  });

  it('reports 407 from a proxy that wants credentials', async () => {
    const { report } = await probeJson(...proxied(authenticating));
    expect(report.results[0]?.steps[2]).toMatchObject({ status: 'fail', statusCode: 407 });
    expect(report.results[0]?.verdict.explanation).toMatch(/wants authentication/);
  });

  it('reports the proxy failing to reach the target (5xx)', async () => {
    const { report } = await probeJson(
      '--proxy',
      `http://127.0.0.1:${direct.port}`,
      `https://127.0.0.1:${closedPort}${PATH}`,
    );
    const step = report.results[0]?.steps[2];
    expect(step).toMatchObject({ step: 'proxy', status: 'fail' });
    expect(step && 'statusCode' in step ? step.statusCode : 0).toBeGreaterThanOrEqual(500);
    expect(direct.log()).toContain(`CONNECT 127.0.0.1:${closedPort}`);
  });
});
