// Verdict wording for failures the socket tests cannot stage without real DNS or a real proxy
// chain: the explanation must name the host, the step and what to change.

import { describe, expect, it } from 'vitest';
import { explain } from './explain.ts';
import type { ProbeStep } from './types.ts';

const host = 'smartreceiver.cisco.com';
const skip = (step: 'tcp' | 'tls' | 'http') =>
  ({ step, status: 'skip', ms: null, code: null, summary: '' }) as ProbeStep;

describe('explain', () => {
  it('names DNS as the culprit, for the target or for the proxy', () => {
    const dns = {
      step: 'dns',
      status: 'fail',
      ms: 1,
      code: 'ENOTFOUND',
      summary: '',
      name: host,
      addresses: [],
      source: 'system',
    } as ProbeStep;
    const direct = explain({ host, port: 443, proxy: null, steps: [dns, skip('tcp')] }, 10_000);
    expect(direct).toMatchObject({ ok: false, failedStep: 'dns', notes: [] });
    expect(direct.explanation).toMatch(
      /smartreceiver\.cisco\.com does not resolve \(ENOTFOUND\).*name-server/,
    );
    const viaProxy = explain(
      { host, port: 443, proxy: { host: 'proxy.corp', port: 3128 }, steps: [dns] },
      10_000,
    );
    expect(viaProxy.explanation).toMatch(/proxy name proxy\.corp does not resolve/);
    expect(viaProxy.notes.join(' ')).toMatch(/Proxy: Not Supported.*CSCwr56980/);
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
