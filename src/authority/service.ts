// The License Authority's rules: what each agent request does to the store and what the device
// hears back. Synchronous and transactional: one request = one SQLite transaction, so concurrent
// HTTPS requests are serialised here and no entitlement is lost or counted twice.

import type {
  AgentReply,
  AgentRequest,
  Clock,
  EntitlementGrant,
  EntitlementRequest,
  Instant,
} from '../core/agent/protocol.ts';
import { registrationExpiry } from '../core/agent/timers.ts';
import { DAY } from '../core/time.ts';
import { randomSecret } from '../random-secret.ts';
import { AuthorityStore, hashSecret, openAuthorityDb, type RegistrationRow, secretMatches } from './store.ts';

/** Default ID token validity when the caller gives none (CSSM offers 1-365 days; we pick 30). */
export const DEFAULT_TOKEN_VALIDITY_MS = 30 * DAY;
/** The longest ID token validity (CSSM's 365 days). */
export const MAX_TOKEN_VALIDITY_MS = 365 * DAY;

export interface AuthorityOptions {
  /** SQLite file, or `:memory:`. */
  dbPath: string;
  /** The lab's clock: the authority's only notion of "now". */
  clock: Clock;
  /** Called once per handled request with no secrets in it (for logs and counters). */
  onEvent?: (event: AuthorityEvent) => void;
}

/** What happened, without tokens or certificate secrets. */
export interface AuthorityEvent {
  at: Instant;
  kind: AgentRequest['kind'];
  udi: string;
  outcome: AgentReply['kind'];
  reason?: string;
}

export interface MintTokenOptions {
  smartAccount?: string;
  virtualAccount?: string;
  uses?: number;
  validForMs?: number;
  description?: string;
}

/** Defaults for the lab's one smart account (the seed's sample names). */
export const DEFAULT_SMART_ACCOUNT = 'Cisco Systems, TAC';
export const DEFAULT_VIRTUAL_ACCOUNT = 'EU TAC';

/**
 * The certificate id a device presents is `<id>.<secret>`: the id names the registration and the
 * secret (stored hashed) proves the device holds the certificate the authority issued. Every
 * certificate carries a secret; anything else names none.
 */
function splitCertificateId(presented: string): { id: string; secret: string } | undefined {
  const dot = presented.indexOf('.');
  if (dot <= 0 || dot === presented.length - 1) return undefined;
  return { id: presented.slice(0, dot), secret: presented.slice(dot + 1) };
}

/** A registration a device already holds when the lab starts (from a scenario): see `adopt`. */
export interface AdoptedRegistration {
  udi: { pid: string; sn: string };
  issuedAt: Instant;
  expiresAt: Instant;
  hostname?: string;
  smartAccount?: string;
  virtualAccount?: string;
}

const reject = (reason: string): AgentReply => ({ kind: 'rejected', reason });

export class Authority {
  readonly store: AuthorityStore;
  readonly clock: Clock;
  private readonly onEvent: ((event: AuthorityEvent) => void) | undefined;

  constructor(opts: AuthorityOptions) {
    this.store = new AuthorityStore(openAuthorityDb(opts.dbPath));
    this.clock = opts.clock;
    this.onEvent = opts.onEvent;
  }

  /** Handle one validated agent request at the clock's current time. */
  handle(request: AgentRequest): AgentReply {
    const now = this.clock.now();
    const reply = this.store.transaction(() => this.dispatch(request, now));
    this.onEvent?.({
      at: now,
      kind: request.kind,
      udi: `${request.udi.pid}:${request.udi.sn}`,
      outcome: reply.kind,
      ...(reply.kind === 'rejected' ? { reason: reply.reason } : {}),
    });
    return reply;
  }

  private dispatch(request: AgentRequest, now: Instant): AgentReply {
    if (request.kind === 'register') return this.register(request, now);
    const reg = this.authenticate(request.certificateId, request.udi, now);
    if ('reason' in reg) return reject(reg.reason);
    switch (request.kind) {
      case 'renewId': {
        const expiresAt = registrationExpiry(now);
        this.store.renewCertificate(reg.cert_id, now, expiresAt);
        return { kind: 'idRenewed', certificateId: request.certificateId, issuedAt: now, expiresAt };
      }
      case 'renewAuth':
        return this.authorize(reg, request.entitlements, now);
      case 'deregister':
        this.release(reg.cert_id, reg.va_id);
        this.store.revoke(reg.cert_id, now);
        return { kind: 'deregistered' };
    }
  }

  private register(request: Extract<AgentRequest, { kind: 'register' }>, now: Instant): AgentReply {
    const token = this.store.token(request.idToken);
    if (!token) return reject('Invalid ID token');
    if (token.expires_at <= now) return reject('ID token expired');
    if (token.uses_left <= 0) return reject('ID token has no registrations left (already used)');
    const va = this.store.virtualAccount(token.va_id);
    if (!va) return reject('Virtual account no longer exists');
    const existing = this.store.activeRegistrationFor(request.udi.pid, request.udi.sn);
    // An expired ID certificate no longer holds the product: a plain registration replaces it.
    if (existing && !request.force && existing.expires_at > now) {
      return reject('Product already registered; use force to register again');
    }
    // Every check is done: from here on nothing refuses, so a rejection never changes anything.
    this.store.useToken(request.idToken);
    if (existing) {
      // force (or expired): the old ID certificate is revoked and its entitlements go back.
      this.release(existing.cert_id, existing.va_id);
      this.store.revoke(existing.cert_id, now);
    }
    const id = randomSecret(12);
    const secret = randomSecret(24);
    const expiresAt = registrationExpiry(now);
    this.store.insertRegistration({
      cert_id: id,
      secret_hash: hashSecret(secret),
      va_id: va.id,
      udi_pid: request.udi.pid,
      udi_sn: request.udi.sn,
      hostname: request.hostname ?? null,
      registered_at: now,
      issued_at: now,
      expires_at: expiresAt,
    });
    return {
      kind: 'registered',
      certificateId: `${id}.${secret}`,
      smartAccount: va.smart_account,
      virtualAccount: va.name,
      exportControlAllowed: va.export_allowed === 1,
      issuedAt: now,
      expiresAt,
    };
  }

  private authenticate(
    presented: string,
    udi: { pid: string; sn: string },
    now: Instant,
  ): RegistrationRow | { reason: string } {
    const parts = splitCertificateId(presented);
    const reg = parts ? this.store.registration(parts.id) : undefined;
    if (!parts || !reg || !secretMatches(parts.secret, reg.secret_hash))
      return { reason: 'Unknown ID certificate' };
    if (reg.udi_pid !== udi.pid || reg.udi_sn !== udi.sn)
      return { reason: 'ID certificate belongs to another product' };
    if (reg.revoked_at !== null) return { reason: 'ID certificate revoked (product deregistered)' };
    if (reg.expires_at <= now) return { reason: 'ID certificate expired' };
    return reg;
  }

  /** Give back what a registration holds. */
  private release(certId: string, vaId: number): void {
    for (const h of this.store.holdings(certId)) this.store.addInUse(vaId, h.tag, -h.count);
    this.store.dropHoldings(certId);
  }

  /**
   * Re-evaluate the whole request: release what the device held, then take what it asks for when
   * the pool has room. A tag with no room (or unknown) is NOT AUTHORIZED, the rest still is.
   */
  private authorize(reg: RegistrationRow, wanted: EntitlementRequest[], now: Instant): AgentReply {
    this.release(reg.cert_id, reg.va_id);
    const va = this.store.virtualAccount(reg.va_id);
    const merged = new Map<string, number>();
    for (const e of wanted) merged.set(e.tag, (merged.get(e.tag) ?? 0) + e.count);
    const grants: EntitlementGrant[] = [];
    for (const [tag, count] of merged) {
      const pool = this.store.pool(reg.va_id, tag);
      const fits = pool !== undefined && pool.total - pool.in_use >= count;
      if (fits) {
        this.store.addInUse(reg.va_id, tag, count);
        this.store.addHolding(reg.cert_id, tag, count);
      }
      const restricted = pool?.export_restricted === 1;
      grants.push({
        tag,
        name: pool?.name ?? tag,
        count,
        status: fits ? 'AUTHORIZED' : 'NOT AUTHORIZED',
        exportStatus: !restricted
          ? 'NOT RESTRICTED'
          : va?.export_allowed === 1
            ? 'RESTRICTED - ALLOWED'
            : 'RESTRICTED - NOT ALLOWED',
      });
    }
    this.store.touchAuthorization(reg.cert_id, now);
    return { kind: 'authorized', entitlements: grants, at: now };
  }

  /** Create a virtual account (and its smart account) if missing. */
  ensureVirtualAccount(
    smartAccount = DEFAULT_SMART_ACCOUNT,
    name = DEFAULT_VIRTUAL_ACCOUNT,
    exportAllowed = true,
  ) {
    return this.store.transaction(() => this.store.ensureVirtualAccount(smartAccount, name, exportAllowed));
  }

  /** Set the size of an entitlement pool (creating the virtual account if needed). */
  setPool(
    tag: string,
    name: string,
    total: number,
    opts: { smartAccount?: string; virtualAccount?: string; exportRestricted?: boolean } = {},
  ): void {
    this.store.transaction(() => {
      const va = this.accountFor(opts);
      this.store.setPool(va.id, tag, name, total, opts.exportRestricted ?? false);
    });
  }

  /** Mint an ID token for a virtual account; the token itself is returned once and stored hashed. */
  mintToken(opts: MintTokenOptions = {}): {
    token: string;
    expiresAt: Instant;
    uses: number;
    virtualAccount: string;
  } {
    const now = this.clock.now();
    const uses = opts.uses ?? 1;
    const validFor = opts.validForMs ?? DEFAULT_TOKEN_VALIDITY_MS;
    if (!(validFor > 0 && validFor <= MAX_TOKEN_VALIDITY_MS))
      throw new RangeError(`an ID token is valid for up to 365 days, not ${validFor} ms`);
    const expiresAt = now + validFor;
    // The shape of a CSSM token (long base64 with a %0A-separated tail) matters to no one; ours
    // is simply long and random.
    const token = randomSecret(48);
    const va = this.store.transaction(() => {
      const row = this.accountFor(opts);
      this.store.insertToken(token, row.id, now, expiresAt, uses, opts.description);
      return row;
    });
    return { token, expiresAt, uses, virtualAccount: va.name };
  }

  /**
   * Lab only: record a registration that a device starts with (a scenario that was registered
   * "in the past", before this authority existed), so its later renewals are recognised. The
   * authority issues it a new certificate id with a random secret, like a registration, and
   * returns it: the device must present that one from now on (the scenario's own id, made from
   * its serial number and a time `show license all` prints, could be guessed). Another active
   * registration of the UDI is revoked.
   */
  adopt(reg: AdoptedRegistration): string {
    const now = this.clock.now();
    const id = randomSecret(12);
    const secret = randomSecret(24);
    this.store.transaction(() => {
      const existing = this.store.activeRegistrationFor(reg.udi.pid, reg.udi.sn);
      if (existing) {
        this.release(existing.cert_id, existing.va_id);
        this.store.revoke(existing.cert_id, now);
      }
      const va = this.accountFor(reg);
      this.store.insertRegistration({
        cert_id: id,
        secret_hash: hashSecret(secret),
        va_id: va.id,
        udi_pid: reg.udi.pid,
        udi_sn: reg.udi.sn,
        hostname: reg.hostname ?? null,
        registered_at: reg.issuedAt,
        issued_at: reg.issuedAt,
        expires_at: reg.expiresAt,
      });
    });
    return `${id}.${secret}`;
  }

  /** The virtual account named (default: the lab's), created when missing; its flags kept. */
  private accountFor(opts: { smartAccount?: string | undefined; virtualAccount?: string | undefined }) {
    const sa = opts.smartAccount ?? DEFAULT_SMART_ACCOUNT;
    const name = opts.virtualAccount ?? DEFAULT_VIRTUAL_ACCOUNT;
    return this.store.findVirtualAccount(sa, name) ?? this.store.ensureVirtualAccount(sa, name);
  }

  /** Pools and registration counts, for `lab status` and tests. */
  snapshot() {
    return { pools: this.store.pools(), ...this.store.counts() };
  }

  close(): void {
    this.store.close();
  }
}
