// The lab gateway is a real CONNECT endpoint: names map through the lab resolver to loopback.

import { connect, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningGateway, startGateway } from '../../src/lab/gateway.ts';
import { staticResolver } from '../../src/transport/resolver.ts';

let echo: Server;
let echoPort = 0;
let gw: RunningGateway;

beforeAll(async () => {
  echo = createServer((s) => s.pipe(s));
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
  echoPort = (echo.address() as { port: number }).port;
  gw = await startGateway({
    resolve: staticResolver({
      'smartreceiver.cisco.com:443': { address: '127.0.0.1', port: echoPort },
      'evil.example': '10.0.0.1',
    }),
  });
});
afterAll(async () => {
  await gw.close();
  await new Promise((r) => echo.close(r));
});

function talk(request: string, payload?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port: gw.port });
    let out = '';
    s.on('data', (d) => {
      out += d.toString();
      if (payload && out.includes('\r\n\r\n') && !out.includes(payload)) s.write(payload);
      if (!payload || out.includes(payload, out.indexOf('\r\n\r\n'))) {
        if (!payload || out.endsWith(payload)) s.end();
      }
    });
    s.on('end', () => resolve(out));
    s.on('error', reject);
    s.write(request);
  });
}

describe('lab gateway', () => {
  it('tunnels CONNECT to the name the resolver maps, and records it', async () => {
    const out = await talk(
      'CONNECT smartreceiver.cisco.com:443 HTTP/1.1\r\nHost: smartreceiver.cisco.com:443\r\n\r\n',
      'ping',
    );
    expect(out.startsWith('HTTP/1.1 200')).toBe(true);
    expect(out.endsWith('ping')).toBe(true);
    expect(gw.events().at(-1)).toMatchObject({ target: 'smartreceiver.cisco.com:443', status: 200 });
  });

  it('answers 502 for names the lab does not know (never real DNS) and 403 for non-loopback mappings', async () => {
    expect(await talk('CONNECT www.example.com:443 HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1.1 502/);
    expect(await talk('CONNECT evil.example:443 HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1.1 403/);
  });

  it('refuses what is not CONNECT, and malformed targets', async () => {
    expect(await talk('GET http://x/ HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1.1 405/);
    expect(await talk('CONNECT nohostport HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1.1 400/);
  });
});
