// Verdict wording for failures the socket tests cannot stage without real DNS or a real proxy
// chain (this host's resolver is never queried in tests): the explanation must name the host,
// the step, who was asked and what to change.

import { describe, expect, it } from 'vitest';
import { explain } from './explain.ts';
import { dnsFailureOf } from './name-lookup.ts';
import type { ProbeStep } from './types.ts';

const host = 'smartreceiver.cisco.com';
const skip = (step: 'tcp' | 'tls' | 'http') =>
  ({ step, status: 'skip', ms: null, code: null, summary: '' }) as ProbeStep;

describe('explain', () => {
  const dnsFail = (code: string, source: 'system' | 'server', resolvers: string[], name = host) =>
    ({
      step: 'dns',
      status: 'fail',
      ms: 1,
      code,
      summary: '',
      name,
      addresses: [],
      source,
      resolvers,
      failure: dnsFailureOf(code),
    }) as ProbeStep;
  const verdict = (dns: ProbeStep, proxy: { host: string; port: number } | null = null) =>
    explain({ host, port: 443, proxy, steps: [dns, skip('tcp')] }, 10_000);

  it("this host's resolver: an unknown name is this host's view, not the ASA's", () => {
    const v = verdict(dnsFail('ENOTFOUND', 'system', ['127.0.0.53']));
    expect(v).toMatchObject({ ok: false, failedStep: 'dns', notes: [] });
    expect(v.explanation).toBe(
      "DNS: this host's resolver (127.0.0.53 in /etc/resolv.conf) says smartreceiver.cisco.com does not exist (ENOTFOUND); that is this host's view: the ASA resolves smartreceiver.cisco.com with its own `dns domain-lookup <interface>` and a `name-server` in `dns server-group DefaultDNS`; ask that name-server with --dns-server ADDR, and fix this host's DNS if it should resolve here",
    );
  });

  it("this host's resolver unreachable (EAI_AGAIN): nothing is known about the name yet", () => {
    expect(verdict(dnsFail('EAI_AGAIN', 'system', ['10.9.9.9', '10.9.9.10'])).explanation).toBe(
      "DNS: this host's resolver (10.9.9.9, 10.9.9.10 in /etc/resolv.conf) did not answer (EAI_AGAIN), so nothing is known about smartreceiver.cisco.com yet; fix this host's resolver, or probe with --dns-server (the ASA's name-server) or --resolve smartreceiver.cisco.com:ADDR",
    );
  });

  it("the ASA's name-server (--dns-server): unknown name, unreachable, failing", () => {
    expect(verdict(dnsFail('ENOTFOUND', 'server', ['10.1.1.53:53'])).explanation).toMatch(
      /^DNS: the name-server 10\.1\.1\.53:53 \(--dns-server\) says smartreceiver\.cisco\.com does not exist \(ENOTFOUND\): an ASA using this name-server cannot resolve it either; point the ASA's `dns domain-lookup/,
    );
    expect(verdict(dnsFail('ETIMEOUT', 'server', ['10.1.1.53:53'])).explanation).toMatch(
      /did not answer \(ETIMEOUT\): it is unreachable from here; if the ASA uses it, check that UDP and TCP port 53 reach it/,
    );
    expect(verdict(dnsFail('ESERVFAIL', 'server', ['10.1.1.53:53'])).explanation).toMatch(
      /answered with an error for smartreceiver\.cisco\.com \(ESERVFAIL\).*an ASA using this name-server fails the same way/,
    );
  });

  it('names the proxy when the proxy name does not resolve', () => {
    const v = verdict(dnsFail('ENOTFOUND', 'system', ['127.0.0.53'], 'proxy.corp'), {
      host: 'proxy.corp',
      port: 3128,
    });
    expect(v.explanation).toMatch(
      /^DNS: this host's resolver \(127\.0\.0\.53 in \/etc\/resolv\.conf\) says the proxy name proxy\.corp does not exist \(ENOTFOUND\): fix the proxy address/,
    );
    expect(v.notes.join(' ')).toMatch(/Proxy: Not Supported.*CSCwr56980/);
  });

  it("a name this host's resolver answered gets a note that the ASA asks its own", () => {
    const dns = {
      ...(dnsFail('ENOTFOUND', 'system', ['127.0.0.53']) as object),
      status: 'pass',
      code: null,
      failure: null,
    };
    const v = explain({ host, port: 443, proxy: null, steps: [dns as ProbeStep] }, 10_000);
    expect(v.notes).toEqual([
      "smartreceiver.cisco.com was resolved by this host's resolver (127.0.0.53 in /etc/resolv.conf); the ASA asks its own name-server (`dns domain-lookup <interface>` and a `name-server` in `dns server-group DefaultDNS`): to see that server's answer from here, add --dns-server ADDR.",
    ]);
  });

  it('explains proxy answers by status', () => {
    const proxyStep = (statusCode: number, statusLine: string) =>
      ({
        step: 'proxy',
        status: 'fail',
        ms: 1,
        code: `PROXY_${statusCode}`,
        summary: '',
        statusLine,
        statusCode,
      }) as ProbeStep;
    const verdict = (statusCode: number, line: string) =>
      explain(
        { host, port: 443, proxy: { host: '127.0.0.1', port: 3128 }, steps: [proxyStep(statusCode, line)] },
        10_000,
      ).explanation;
    expect(verdict(403, 'HTTP/1.1 403 Filtered')).toMatch(
      /refused CONNECT smartreceiver\.cisco\.com:443 \(HTTP\/1\.1 403 Filtered\)/,
    );
    expect(verdict(407, 'HTTP/1.0 407 Proxy Authentication Required')).toMatch(/wants authentication/);
    expect(verdict(502, 'HTTP/1.1 502 Bad Gateway')).toMatch(/could not reach smartreceiver\.cisco\.com:443/);
  });

  it('a TCP timeout says the firewall drops it and offers the proxy, as the seed advises', () => {
    const tcp = {
      step: 'tcp',
      status: 'fail',
      ms: 10_000,
      code: 'ETIMEDOUT',
      summary: '',
      address: '192.0.2.1',
      port: 443,
    } as ProbeStep;
    expect(explain({ host, port: 443, proxy: null, steps: [tcp] }, 10_000).explanation).toBe(
      'TCP to smartreceiver.cisco.com:443 timed out after 10 s: an upstream firewall drops it; permit it or use `transport proxy HOST port PORT` under `license smart` (see CSCwr56980)',
    );
  });
});
