// Status words and their spellings across agent versions. The JSON contract uses the newest
// agents' upper-case words; older agents printed `SUCCESS`, `Allowed`, `Not Allowed`.

import type { AttemptInfo, ExportControlWord, TransportType } from '../../core/model.ts';
import { parseCiscoDate, printedIsoAt } from '../dates.ts';
import { SpanLookup } from '../span-lookup.ts';

export const REGISTRATION_WORDS = ['REGISTRATION EXPIRED', 'UNREGISTERED', 'REGISTERING', 'REGISTERED'];
export const AUTHORIZATION_WORDS = [
  'NO LICENSES IN USE',
  'OUT OF COMPLIANCE',
  'EVAL EXPIRED',
  'AUTH EXPIRED',
  'EVAL MODE',
  'AUTHORIZED',
];

// The spellings agents print, read in place, each to the word the general readers below give
// for it (one shared string each, rather than a substring per line).
const same = (words: readonly string[]) => new SpanLookup(words.map((w): [string, string] => [w, w]));
export const REGISTRATION_PRINTED = same(REGISTRATION_WORDS);
export const AUTHORIZATION_PRINTED = same(AUTHORIZATION_WORDS);
export const UTILITY_PRINTED = same(['ENABLED', 'DISABLED']);
export const EXPORT_PRINTED = new SpanLookup<ExportControlWord>([
  ['ALLOWED', 'ALLOWED'],
  ['NOT ALLOWED', 'NOT ALLOWED'],
  ['Allowed', 'ALLOWED'],
  ['Not Allowed', 'NOT ALLOWED'],
]);
export const FLAG_PRINTED = new SpanLookup<boolean>([
  ['yes', true],
  ['no', false],
  ['ENABLED', true],
  ['DISABLED', false],
  ['Enabled', true],
  ['Disabled', false],
]);
export const TRANSPORT_TYPE_PRINTED = new SpanLookup<string>([
  ['Smart', 'smart'],
  ['Callhome', 'callhome'],
  ['Off', 'off'],
  ['CSLU', 'cslu'],
  ['URL', 'url'],
]);

/** `Allowed` / `ALLOWED` / `Not Allowed` -> the contract's upper-case words. */
export function exportWord(text: string): ExportControlWord | undefined {
  const s = text.trim().toUpperCase().replace(/\s+/g, ' ');
  if (s === 'ALLOWED') return 'ALLOWED';
  if (s === 'NOT ALLOWED') return 'NOT ALLOWED';
  return undefined;
}

/** The lines that print the last exchange of each kind with the License Authority and its result. */
export const ATTEMPT_LABELS = {
  communication: 'Last Communication Attempt',
  renewal: 'Last Renewal Attempt',
} as const;

/** How agents print a successful attempt: `SUCCEEDED` (4.x), `SUCCESS` (1.x communication attempts). */
export const SUCCESS_SPELLINGS = ['SUCCEEDED', 'SUCCESS'] as const;

export type AttemptParse = { ok: true; value: AttemptInfo | null } | { ok: false };

/**
 * An attempt exactly as agents print it, read in place from src[v, end): `SUCCEEDED`, `SUCCESS`,
 * `FAILED`, `FAILURE`, alone or with ` on <date as printed>`, or `None`. Undefined for anything
 * else, which {@link parseAttempt} reads (and agrees with this on the printed shapes).
 */
export function printedAttemptAt(src: string, v: number, end: number): AttemptInfo | null | undefined {
  const c = src.charCodeAt(v);
  let result: 'SUCCEEDED' | 'FAILED';
  let len: number;
  if (c === 83 /* S */) {
    result = 'SUCCEEDED';
    len = src.startsWith('SUCCEEDED', v) ? 9 : src.startsWith('SUCCESS', v) ? 7 : 0;
  } else if (c === 70 /* F */) {
    result = 'FAILED';
    len = src.startsWith('FAILED', v) ? 6 : src.startsWith('FAILURE', v) ? 7 : 0;
  } else return end - v === 4 && src.startsWith('None', v) ? null : undefined;
  if (len === 0 || v + len > end) return undefined;
  if (v + len === end) return { result };
  if (!src.startsWith(' on ', v + len)) return undefined;
  const at = printedIsoAt(src, v + len + 4, end);
  return at === undefined ? undefined : { result, at };
}

const PRINTED_RESULTS: [string, 'SUCCEEDED' | 'FAILED'][] = [
  ...SUCCESS_SPELLINGS.map((w): [string, 'SUCCEEDED'] => [w, 'SUCCEEDED']),
  ['FAILED', 'FAILED'],
  ['FAILURE', 'FAILED'],
];

/** `SUCCEEDED on <date>`, `SUCCESS on <date>`, `FAILED on <date>`, `None`. */
export function parseAttempt(text: string): AttemptParse {
  const s = text.trim();
  // The words as the agent prints them, without the case-insensitive regex below.
  for (const [word, result] of PRINTED_RESULTS) {
    if (!s.startsWith(word)) continue;
    if (s.length === word.length) return { ok: true, value: { result } };
    if (!s.startsWith(' on ', word.length) || s.length === word.length + 4) break;
    const at = parseCiscoDate(s.slice(word.length + 4));
    return at ? { ok: true, value: { result, at: at.iso } } : { ok: false };
  }
  if (/^none$/i.test(s)) return { ok: true, value: null };
  const m = /^(SUCCEEDED|SUCCESS|FAILED|FAILURE)\b(?:\s+on\s+(.+))?$/i.exec(s);
  if (!m) return { ok: false };
  const result = /^succ/i.test(m[1] ?? '') ? 'SUCCEEDED' : 'FAILED';
  if (m[2] === undefined) return { ok: true, value: { result } };
  const at = parseCiscoDate(m[2]);
  return at ? { ok: true, value: { result, at: at.iso } } : { ok: false };
}

const TRANSPORT_PRINTED: Record<string, string> = {
  smart: 'Smart',
  callhome: 'Callhome',
  off: 'Off',
  cslu: 'CSLU',
  url: 'URL',
};

/** `Smart` -> `smart`, `Callhome` / `Call Home` -> `callhome`. */
export function transportTypeOf(text: string): TransportType | string {
  const s = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '');
  return s;
}

/** The inverse of {@link transportTypeOf}. */
export function printTransportType(type: string): string {
  return TRANSPORT_PRINTED[type] ?? type.charAt(0).toUpperCase() + type.slice(1);
}

/** `ENABLED`/`yes` -> true, `DISABLED`/`no` -> false. */
export function flagOf(text: string): boolean | undefined {
  const s = text.trim().toLowerCase();
  if (s === 'enabled' || s === 'yes' || s === 'true') return true;
  if (s === 'disabled' || s === 'no' || s === 'false') return false;
  return undefined;
}
