import { describe, expect, it } from 'vitest';
import { lookupName } from './name-lookup.ts';
import { parseResolveEntry } from './resolve-map.ts';

describe('--resolve', () => {
  it('parses HOST:ADDR and HOST:PORT:ADDR (v4 and v6)', () => {
    expect(parseResolveEntry('SmartReceiver.cisco.com:127.0.0.1')).toEqual({
      host: 'smartreceiver.cisco.com',
      address: '127.0.0.1',
    });
    expect(parseResolveEntry('tools.cisco.com:443:[::1]')).toEqual({
      host: 'tools.cisco.com',
      port: 443,
      address: '::1',
    });
    expect(parseResolveEntry('tools.cisco.com:::1')).toEqual({ host: 'tools.cisco.com', address: '::1' });
  });

  it('refuses what is not HOST:[PORT:]ADDR', () => {
    expect(() => parseResolveEntry('tools.cisco.com')).toThrow(/expected HOST:ADDR/);
    expect(() => parseResolveEntry('tools.cisco.com:somewhere')).toThrow(/not an IP address/);
    expect(() => parseResolveEntry('tools.cisco.com:70000:127.0.0.1')).toThrow(/port must be/);
  });

  it('answers from the entries (port-specific first) and passes IP literals through', async () => {
    const entries = [parseResolveEntry('a.example:127.0.0.2'), parseResolveEntry('a.example:443:127.0.0.3')];
    const at = (host: string, port: number, resolve = entries) =>
      lookupName(host, port, { resolve, timeoutMs: 1000 });
    expect(await at('a.example', 443)).toEqual({
      addresses: ['127.0.0.3'],
      source: 'resolve',
      resolvers: [],
    });
    expect(await at('A.example', 80)).toEqual({ addresses: ['127.0.0.2'], source: 'resolve', resolvers: [] });
    expect(await at('[::1]', 80, [])).toEqual({ addresses: ['::1'], source: 'literal', resolvers: [] });
  });
});
