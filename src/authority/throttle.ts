// Slowing down whoever keeps being refused. A caller (source address + the product it speaks for)
// that collects refusals (unknown certificate, bad token, …) gets a few for free; after that each
// further refusal locks it out for twice as long as the last, up to a ceiling, and while locked
// out its requests are answered 429 without being looked at, so a guess cannot even be tried.
// Keyed by product as well as address: in the lab every device comes from 127.0.0.1, and one
// device's refusals must not lock the others out. A success does not wipe the count (a guesser
// may share the address of the device it guesses for); only time does. Real (wall-clock) time,
// not the lab's clock:
// this is about how fast someone can guess, not about licensing time. Memory is bounded.
// The numbers are ours; Cisco does not publish what its cloud does.

export interface ThrottleOptions {
  /** Refusals allowed before the first lock-out, within `windowMs` (default 5). */
  freeFailures?: number;
  /** Refusals older than this are forgotten (default 10 minutes). */
  windowMs?: number;
  /** The first lock-out (default 1 s); each further refusal doubles it. */
  firstLockMs?: number;
  /** The longest lock-out (default 5 minutes). */
  maxLockMs?: number;
  /** Callers remembered at most; the oldest is forgotten first (default 10,000). */
  maxCallers?: number;
  /** The real clock, injectable for tests. */
  now?: () => number;
}

interface Caller {
  failures: number;
  lastAt: number;
  lockedUntil: number;
}

export class FailureThrottle {
  private readonly callers = new Map<string, Caller>();
  private readonly o: Required<ThrottleOptions>;

  constructor(opts: ThrottleOptions = {}) {
    this.o = {
      freeFailures: opts.freeFailures ?? 5,
      windowMs: opts.windowMs ?? 10 * 60_000,
      firstLockMs: opts.firstLockMs ?? 1000,
      maxLockMs: opts.maxLockMs ?? 5 * 60_000,
      maxCallers: opts.maxCallers ?? 10_000,
      now: opts.now ?? Date.now,
    };
  }

  /** Milliseconds `key` must still wait before it is heard again (0: go ahead). */
  lockedFor(key: string): number {
    const c = this.callers.get(key);
    return c ? Math.max(0, c.lockedUntil - this.o.now()) : 0;
  }

  /** `key` was refused: count it, and lock it out once past the free refusals. */
  refused(key: string): void {
    const now = this.o.now();
    let c = this.callers.get(key);
    if (!c || now - c.lastAt > this.o.windowMs) c = { failures: 0, lastAt: now, lockedUntil: 0 };
    c.failures++;
    c.lastAt = now;
    const over = c.failures - this.o.freeFailures;
    if (over > 0) c.lockedUntil = now + Math.min(this.o.maxLockMs, this.o.firstLockMs * 2 ** (over - 1));
    // Re-inserted last, so the Map's order is oldest first for eviction.
    this.callers.delete(key);
    this.callers.set(key, c);
    while (this.callers.size > this.o.maxCallers) {
      const oldest = this.callers.keys().next().value as string;
      this.callers.delete(oldest);
    }
  }
}
