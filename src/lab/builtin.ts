// The built-in lab (`smartlic lab up` with no file, and `smartlic demo`): one device in each
// situation of the seed, plus a multiple-context device and a failover pair, all alive: their agents keep talking to the lab's authority as the clock
// moves, through the network policy below (which is what keeps the failing ones failing).

import { CALLHOME_URL } from '../core/transport.ts';
import type { LabFile } from './spec.ts';

/** The name the proxy device is configured with; the lab resolves it to its CONNECT gateway. */
export const BUILTIN_PROXY_HOST = 'proxy.lab.example';
export const BUILTIN_PROXY_PORT = 3128;

const asavLicense = (extra: string[] = []) =>
  ['license smart', ' feature tier standard', ' throughput level 1G', ...extra].join('\n');

/** Devices of the built-in lab, by role. */
export const BUILTIN_DEVICES = {
  healthy: 'asa-healthy',
  commFailing: 'asa-comm-failing',
  authExpired: 'asa-auth-expired',
  registrationLost: 'asa-reg-lost',
  callhome: 'asa-callhome',
  proxy: 'asa-proxy',
  fpr2100: 'fpr2130-affected',
  unregistered: 'asa-unregistered',
  /** Multiple context mode (contexts admin, dmz): SSH lands in admin, licensing is in the system context. */
  multiContext: 'fpr3110-multi',
  /** The two units of the failover pair BUILTIN_FAILOVER_PAIR (src/emulate/failover.ts names them). */
  failoverActive: 'fpr2130-ha-pri',
  failoverStandby: 'fpr2130-ha-sec',
} as const;

/** The failover pair's lab entry: it runs as BUILTIN_DEVICES.failoverActive and failoverStandby. */
export const BUILTIN_FAILOVER_PAIR = 'fpr2130-ha';

/** The user contexts of BUILTIN_DEVICES.multiContext, the admin context first. */
export const BUILTIN_CONTEXTS = ['admin', 'dmz'] as const;

/**
 * The built-in lab file. `password` is every device's login and enable password (the caller
 * generates one per lab; it is never written into the lab file on disk).
 */
export function builtinLab(opts: { password: string; start?: string }): LabFile {
  const login = { username: 'admin', password: opts.password, enablePassword: opts.password };
  const asav = (name: string, scenario: string, startupConfig: string, version = '9.22(2)14') => ({
    name,
    hostname: name,
    platform: 'ASAv10',
    version,
    ...login,
    licensing: scenario,
    startupConfig,
  });
  const d = BUILTIN_DEVICES;
  return {
    ...(opts.start ? { start: opts.start } : {}),
    hosts: { [`${BUILTIN_PROXY_HOST}:${BUILTIN_PROXY_PORT}`]: 'gateway' },
    network: [
      // Seed conditions 1-3: the upstream firewall drops smartreceiver.cisco.com:443.
      { block: 'smartreceiver.cisco.com', device: d.commFailing, mode: 'drop' },
      { block: 'smartreceiver.cisco.com', device: d.authExpired, mode: 'drop' },
      { block: 'smartreceiver.cisco.com', device: d.registrationLost, mode: 'drop' },
      // Call Home works (tools.cisco.com reachable); Smart Transport would not.
      { block: 'smartreceiver.cisco.com', device: d.callhome, mode: 'drop' },
      // Only the proxy gets out: the direct path is blocked.
      { block: 'smartreceiver.cisco.com', device: d.proxy, mode: 'reject' },
    ],
    devices: [
      asav(d.healthy, 'registered', asavLicense()),
      asav(d.commFailing, 'comm-failing', asavLicense()),
      asav(d.authExpired, 'auth-expired', asavLicense()),
      asav(d.registrationLost, 'registration-lost', asavLicense()),
      asav(
        d.callhome,
        'registered',
        [
          asavLicense([' transport type callhome']),
          'call-home',
          ' profile License',
          '  destination transport-method http',
          `  destination address http ${CALLHOME_URL}`,
        ].join('\n'),
      ),
      asav(
        d.proxy,
        'registered',
        asavLicense([` transport proxy ${BUILTIN_PROXY_HOST} port ${BUILTIN_PROXY_PORT}`]),
      ),
      {
        name: d.fpr2100,
        hostname: d.fpr2100,
        platform: 'FPR-2130',
        // Below 9.20(4)22 (CSCws62173, FP2100) and 9.20(4)14 (CSCwp10957).
        version: '9.20(4)10',
        ...login,
        licensing: 'registered',
        startupConfig: ['license smart', ' feature tier standard'].join('\n'),
      },
      asav(d.unregistered, 'unregistered-eval', asavLicense()),
      {
        name: d.multiContext,
        hostname: 'fpr3110',
        platform: 'FPR-3110',
        version: '9.22(2)14',
        ...login,
        licensing: 'registered',
        startupConfig: ['license smart', ' feature tier standard'].join('\n'),
        contexts: [...BUILTIN_CONTEXTS],
      },
      {
        // One ASA, two units sharing one licence (src/emulate/failover.ts); 9.20(4)22 carries the
        // fixes of both Firepower 2100 advisories, so the pair is a healthy one.
        name: BUILTIN_FAILOVER_PAIR,
        hostname: 'fpr2130-ha',
        platform: 'FPR-2130',
        version: '9.20(4)22',
        ...login,
        licensing: 'registered',
        startupConfig: ['license smart', ' feature tier standard'].join('\n'),
        failover: true,
      },
    ],
  };
}
