import { describe, expect, it } from 'vitest';
import {
  CALLHOME_URL,
  defaultTransportFor,
  endpointFor,
  SMART_DEFAULT_SINCE,
  SMART_TRANSPORT_URL,
  transportTarget,
} from './transport.ts';

describe('transports', () => {
  it('knows both URLs and their endpoints', () => {
    expect(SMART_TRANSPORT_URL).toBe('https://smartreceiver.cisco.com/licservice/license');
    expect(CALLHOME_URL).toBe('https://tools.cisco.com/its/service/oddce/services/DDCEService');
    expect(endpointFor('smart')).toMatchObject({ host: 'smartreceiver.cisco.com', port: 443 });
    expect(endpointFor('callhome')).toMatchObject({ host: 'tools.cisco.com', port: 443 });
    expect(endpointFor('smart', 'https://onprem.example:8443/SmartTransport')).toMatchObject({
      host: 'onprem.example',
      port: 8443,
    });
  });

  it.each([
    ['9.20(4)14', 'callhome'],
    ['9.22(1)', 'smart'],
    ['9.22(1.1)', 'smart'],
    ['9.23(1)22', 'smart'],
    ['9.8(4)10', 'callhome'],
  ])('default for %s is %s (one assumed data entry)', (v, t) => {
    expect(defaultTransportFor(v)).toBe(t);
  });

  it('the switch-over release is 9.22 (cited: the upgrade guide), and overridable', () => {
    expect(SMART_DEFAULT_SINCE.source).toMatch(/upgrade guide.*In 9\.22/);
    expect(defaultTransportFor('9.22(1.1)')).toBe('smart');
    expect(defaultTransportFor('9.20(4)14')).toBe('callhome');
    expect(defaultTransportFor('9.20(4)14', { smartDefaultSince: '9.20(1)' })).toBe('smart');
    expect(defaultTransportFor('9.22(1.1)', { smartDefaultSince: '9.24(1)' })).toBe('callhome');
  });

  it('builds the target the driver hands to the transport client, with an optional proxy', () => {
    expect(transportTarget('smart')).toEqual({ type: 'smart', url: SMART_TRANSPORT_URL });
    expect(transportTarget('callhome', { proxy: { host: 'proxy.lab', port: 3128 } })).toEqual({
      type: 'callhome',
      url: CALLHOME_URL,
      proxy: { host: 'proxy.lab', port: 3128 },
    });
  });
});
