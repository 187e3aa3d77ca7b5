import { describe, expect, it } from 'vitest';
import { BlockList, parseBlockTarget } from './policy.ts';

describe('BlockList', () => {
  it('blocks a whole host or one port, case-insensitively, and unblocks exactly what was added', () => {
    const list = new BlockList();
    expect(list.decide('smartreceiver.cisco.com', 443)).toBe('allow');
    list.block('SmartReceiver.cisco.com');
    list.block('tools.cisco.com:443', 'reject');
    expect(list.decide('smartreceiver.cisco.com', 443)).toBe('drop');
    expect(list.decide('smartreceiver.cisco.com', 8443)).toBe('drop');
    expect(list.decide('tools.cisco.com', 443)).toBe('reject');
    expect(list.decide('tools.cisco.com', 80)).toBe('allow');
    expect(list.unblock('tools.cisco.com')).toBe(false);
    expect(list.unblock('tools.cisco.com:443')).toBe(true);
    expect(list.decide('tools.cisco.com', 443)).toBe('allow');
    expect(list.rules()).toEqual([{ host: 'smartreceiver.cisco.com', mode: 'drop' }]);
  });

  it('a port rule wins over the host rule for that port', () => {
    const list = new BlockList();
    list.block('h.example', 'drop');
    list.block('h.example:443', 'reject');
    expect([list.decide('h.example', 443), list.decide('h.example', 80)]).toEqual(['reject', 'drop']);
  });
});

describe('parseBlockTarget', () => {
  it('reads host, host:port and [v6]:port and refuses bad ports', () => {
    expect(parseBlockTarget('a.example')).toEqual({ host: 'a.example' });
    expect(parseBlockTarget('a.example:443')).toEqual({ host: 'a.example', port: 443 });
    expect(parseBlockTarget('[::1]:8443')).toEqual({ host: '::1', port: 8443 });
    expect(() => parseBlockTarget('a.example:99999')).toThrow(/bad port/);
    expect(() => parseBlockTarget('')).toThrow(/empty/);
  });
});
