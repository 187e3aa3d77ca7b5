import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, loopbackOnlyResolver, staticResolver } from './resolver.ts';

describe('resolvers (never real DNS)', () => {
  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.9.8.7', '::1', '[::1]', '::ffff:127.0.0.1'].map(isLoopbackAddress)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(
      ['10.0.0.1', '8.8.8.8', '::2', 'localhost', 'smartreceiver.cisco.com'].map(isLoopbackAddress),
    ).toEqual([false, false, false, false, false]);
  });

  it('the default resolver passes loopback literals and refuses names and other addresses', () => {
    expect(loopbackOnlyResolver('127.0.0.1', 443)).toEqual({ address: '127.0.0.1', port: 443 });
    expect(() => loopbackOnlyResolver('smartreceiver.cisco.com', 443)).toThrow(/only loopback/);
    expect(() => loopbackOnlyResolver('192.0.2.1', 443)).toThrow(/cannot resolve 192\.0\.2\.1/);
  });

  it('a static table maps name or name:port, port-specific first', () => {
    const resolve = staticResolver({
      'smartreceiver.cisco.com': '127.0.0.2',
      'smartreceiver.cisco.com:443': { address: '127.0.0.1', port: 40443 },
    });
    expect(resolve('SMARTRECEIVER.cisco.com', 443)).toEqual({ address: '127.0.0.1', port: 40443 });
    expect(resolve('smartreceiver.cisco.com', 80)).toEqual({ address: '127.0.0.2', port: 80 });
    expect(() => resolve('tools.cisco.com', 443)).toThrow(/cannot resolve tools\.cisco\.com/);
  });
});
