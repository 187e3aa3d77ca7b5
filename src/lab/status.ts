// What `smartlic lab status` and `GET /v1/status` show: the clock, the authority's counts and
// pools, each device (SSH port, host key fingerprint, licensing state, exchanges) and the network
// rules. Never passwords, tokens or certificate secrets.

import type { Instant } from '../core/agent/protocol.ts';
import type { Lab } from './lab.ts';

/** One device as the lab reports it. */
export interface LabDeviceStatus {
  name: string;
  host: string;
  port: number;
  username?: string;
  hostKeyFingerprint?: string;
  registration?: string;
  authorization?: string;
  lastCommunication?: string;
  nextDueAt?: string;
  exchanges: { sent: number; failed: number };
}

export interface LabStatus {
  now: string;
  speed: number;
  authority: {
    origin: string;
    registrations: number;
    active: number;
    tokens: number;
    pools: { tag: string; name: string; total: number; inUse: number }[];
  };
  /** The lab's CONNECT gateway and its last CONNECTs (target and status, no payloads). */
  gateway: { host: string; port: number; recent: { target: string; status: number; detail?: string }[] };
  caFile: string | undefined;
  devices: LabDeviceStatus[];
  network: { device: string; host: string; port?: number; mode: string }[];
}

const iso = (at: Instant | undefined) => (at === undefined ? undefined : new Date(at).toISOString());

/** Build the status of a running lab at its clock's current time. */
export function labStatus(lab: Lab): LabStatus {
  const now = lab.clock.now();
  const snap = lab.authority.snapshot();
  return {
    now: new Date(now).toISOString(),
    speed: lab.clock.speed,
    authority: {
      origin: lab.authorityServer.origin,
      registrations: snap.registrations,
      active: snap.active,
      tokens: snap.tokens,
      pools: snap.pools.map((p) => ({ tag: p.tag, name: p.name, total: p.total, inUse: p.in_use })),
    },
    gateway: {
      host: lab.gateway.host,
      port: lab.gateway.port,
      recent: lab.gateway
        .events()
        .slice(-20)
        .map(({ target, status, detail }) => ({ target, status, ...(detail ? { detail } : {}) })),
    },
    caFile: lab.caFile,
    devices: lab.devices.map((d) => {
      const view = d.licenseView(now);
      const last = view.authorization?.lastCommunicationAttempt;
      return {
        name: d.name,
        host: d.host,
        port: d.port,
        ...(d.username ? { username: d.username } : {}),
        ...(d.hostKeyFingerprint ? { hostKeyFingerprint: d.hostKeyFingerprint } : {}),
        ...(view.registration?.status ? { registration: view.registration.status } : {}),
        ...(view.authorization?.status ? { authorization: view.authorization.status } : {}),
        ...(last
          ? {
              lastCommunication: `${last.result}${last.at ? ` ${last.at}` : ''}${last.failureReason ? ` (${last.failureReason})` : ''}`,
            }
          : {}),
        ...(d.nextDueAt() !== undefined ? { nextDueAt: iso(d.nextDueAt()) } : {}),
        exchanges: { sent: 0, failed: 0, ...lab.transports.counts.get(d.name) },
      };
    }),
    network: lab.policy.rules().map((r) => ({
      device: r.device,
      host: r.host,
      ...(r.port !== undefined ? { port: r.port } : {}),
      mode: r.mode,
    })),
  };
}
