// What `smartlic lab status` and `GET /v1/status` show: the clock, the authority's counts and
// pools, each device (SSH port, host key fingerprint, licensing state, exchanges) and the network
// rules. Never passwords, tokens or certificate secrets.

import { z } from 'zod';
import type { RunningServer } from '../authority/server.ts';
import type { Authority } from '../authority/service.ts';
import type { Instant } from '../core/agent/protocol.ts';
import { BLOCK_MODES } from '../transport/policy.ts';
import type { VirtualClock } from './clock.ts';
import type { LabDeviceHandle } from './devices.ts';
import type { RunningGateway } from './gateway.ts';
import type { LabPolicy } from './policy.ts';
import type { LabTransports } from './transports.ts';

// The contract of `smartlic lab status --json` and `GET /v1/status` (docs/lab-api.md), written once
// as zod: the types below, the committed schema/lab-status.schema.json (scripts/gen-schema.ts) and
// the tests' validation all come from it. Additions are fine; renaming a field breaks scripts.

const count = z.number().int().min(0);

/** One device as the lab reports it. */
export const LabDeviceStatusSchema = z.object({
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  username: z.string().optional(),
  /** `SHA256:…`, as OpenSSH prints it. */
  hostKeyFingerprint: z.string().optional(),
  /** A unit of a failover pair: the pair (the lab file's entry), the unit's role and state. */
  failover: z
    .object({
      pair: z.string(),
      role: z.enum(['primary', 'secondary']),
      state: z.enum(['active', 'standby']),
    })
    .optional(),
  /** Multiple context mode: the user contexts, the admin context (where SSH lands) first. */
  contexts: z.array(z.string()).optional(),
  /** The registration status word the device prints now (`REGISTERED`, …). */
  registration: z.string().optional(),
  /** The authorization status word the device prints now (`AUTHORIZED`, …). */
  authorization: z.string().optional(),
  /** `RESULT ISO-TIME (failure reason)`, as `show license all` says it. */
  lastCommunication: z.string().optional(),
  /** ISO-8601 UTC time of the agent's next own action. */
  nextDueAt: z.string().optional(),
  exchanges: z.object({ sent: count, failed: count }),
});
export type LabDeviceStatus = z.infer<typeof LabDeviceStatusSchema>;

export const LabStatusSchema = z
  .object({
    /** The virtual clock, ISO-8601 UTC. */
    now: z.string(),
    /** Multiple of real time the clock runs at; 0 when it only moves on request. */
    speed: z.number().min(0),
    authority: z.object({
      origin: z.string(),
      registrations: count,
      active: count,
      tokens: count,
      pools: z.array(z.object({ tag: z.string(), name: z.string(), total: count, inUse: count })),
    }),
    /** The lab's CONNECT gateway and its last CONNECTs (target and status, no payloads). */
    gateway: z.object({
      host: z.string(),
      port: z.number().int(),
      recent: z.array(
        z.object({ target: z.string(), status: z.number().int(), detail: z.string().optional() }),
      ),
    }),
    /** The lab CA file devices and probes trust; absent when the CA lives in memory only. */
    caFile: z.string().optional(),
    devices: z.array(LabDeviceStatusSchema),
    /** Blocked hosts: `device` is `*` for a rule that holds for every device. */
    network: z.array(
      z.object({
        device: z.string(),
        host: z.string(),
        port: z.number().int().optional(),
        mode: z.enum(BLOCK_MODES),
      }),
    ),
  })
  .describe('smartlic lab status --json, GET /v1/status');
export type LabStatus = z.infer<typeof LabStatusSchema>;

/** The parts of a running lab its status is read from (a `Lab` is one). */
export interface LabStatusSource {
  clock: Pick<VirtualClock, 'now' | 'speed'>;
  authority: Pick<Authority, 'snapshot'>;
  authorityServer: Pick<RunningServer, 'origin'>;
  gateway: Pick<RunningGateway, 'host' | 'port' | 'events'>;
  caFile: string | undefined;
  devices: readonly LabDeviceHandle[];
  transports: Pick<LabTransports, 'counts'>;
  policy: Pick<LabPolicy, 'rules'>;
}

const iso = (at: Instant | undefined) => (at === undefined ? undefined : new Date(at).toISOString());

/** Build the status of a running lab at its clock's current time. */
export function labStatus(lab: LabStatusSource): LabStatus {
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
    ...(lab.caFile === undefined ? {} : { caFile: lab.caFile }),
    devices: lab.devices.map((d) => {
      const view = d.licenseView(now);
      const last = view.authorization?.lastCommunicationAttempt;
      return {
        name: d.name,
        host: d.host,
        port: d.port,
        ...(d.username ? { username: d.username } : {}),
        ...(d.hostKeyFingerprint ? { hostKeyFingerprint: d.hostKeyFingerprint } : {}),
        ...(d.failover ? { failover: { ...d.failover } } : {}),
        ...(d.contexts ? { contexts: [...d.contexts] } : {}),
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
