// The state of one `show license …` read in progress, with the small helpers every field handler
// needs. Kept as a class (not closures) so the hot loop creates no functions per output.

import type {
  AttemptInfo,
  AuthorizationInfo,
  ParseWarning,
  RegistrationInfo,
  SmartLicenseData,
  TransportInfo,
  UsageEntry,
} from '../../core/model.ts';
import { parseCiscoDate, printedInUtc, printedIsoAt } from '../dates.ts';
import { addWarning, excerpt } from '../limits.ts';
import { parseAttempt, printedAttemptAt } from './words.ts';

export type Section =
  | 'top'
  | 'registration'
  | 'authorization'
  | 'exportKey'
  | 'utility'
  | 'privacy'
  | 'transport'
  | 'proxy'
  | 'vrf'
  | 'usage'
  | 'product'
  | 'agent'
  | 'reservation';

export class LicenseReader {
  readonly data: SmartLicenseData = {};
  readonly warnings: ParseWarning[] = [];
  section: Section = 'top';
  /**
   * True when `section` was guessed from a bare `Status:` word rather than read from a heading
   * (a pasted or filtered output without its headings): the next `Status:` is guessed afresh.
   */
  inferred = false;
  /** The attempt a following `Failure reason:` line belongs to. */
  lastAttempt: AttemptInfo | undefined;
  /** The usage entry whose fields are being read. */
  entry: UsageEntry | undefined;

  /** The line being read (`src.slice(lineStart, lineEnd)`, line `n`): what warnings point at. */
  src = '';
  lineStart = 0;
  lineEnd = 0;
  n = 0;

  /** A warning about the line being read. */
  warn(message: string): void {
    addWarning(this.warnings, {
      line: this.n,
      message,
      text: excerpt(this.src.slice(this.lineStart, this.lineEnd).trim()),
    });
  }

  reg(): RegistrationInfo {
    this.data.registration ??= { status: 'UNKNOWN' };
    return this.data.registration;
  }

  auth(): AuthorizationInfo {
    this.data.authorization ??= { status: 'UNKNOWN' };
    return this.data.authorization;
  }

  transport(): TransportInfo {
    this.data.transport ??= { type: 'unknown' };
    return this.data.transport;
  }

  /** A date value, or a warning naming the field and the expected form. */
  date(value: string, what: string): string | undefined {
    const d = parseCiscoDate(value);
    if (!d) this.warn(`expected a date like "Jan 12 2026 13:09:43 UTC" for ${what}`);
    // The Smart Agent prints UTC; any other zone word is read as UTC, and said so.
    else if (d.zone !== undefined && d.zone !== 'UTC')
      this.warn(`time zone ${d.zone} read as UTC for ${what}`);
    return d?.iso;
  }

  /** {@link date} of src[v, end), read in place when it is a date as printed, in UTC. */
  dateAt(src: string, v: number, end: number, what: string): string | undefined {
    const iso = printedIsoAt(src, v, end);
    if (iso !== undefined && printedInUtc(src, v, end)) return iso;
    return this.date(src.slice(v, end), what);
  }

  /** {@link attempt} of src[v, end), read in place when it is an attempt as printed. */
  attemptAt(src: string, v: number, end: number, what: string): AttemptInfo | null | undefined {
    const a = printedAttemptAt(src, v, end);
    if (a === undefined) return this.attempt(src.slice(v, end), what);
    this.lastAttempt = a ?? undefined;
    return a;
  }

  /** An attempt value (`None` -> null); remembers it for a following `Failure reason:`. */
  attempt(value: string, what: string): AttemptInfo | null | undefined {
    const a = parseAttempt(value);
    if (!a.ok) {
      this.warn(`expected SUCCEEDED|FAILED [on <date>] or None for ${what}`);
      return undefined;
    }
    this.lastAttempt = a.value ?? undefined;
    return a.value;
  }
}
