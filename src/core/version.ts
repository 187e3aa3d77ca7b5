// ASA software versions: parse every form seen in outputs and documents, order them totally, and
// answer Cisco's per-train "fixed in" questions ("lower than 9.20(4)14, 9.22(2)14, or 9.23(1)22").
//
// The comparison rule is ours, not Cisco's (docs/ARCHITECTURE.md, "Versions"): a numeric tuple
// (major, minor, maint, sub, interim) with missing parts = 0, compared element-wise, so
// 9.20(4) < 9.20(4)14 and 9.22(1) < 9.22(1.1) < 9.22(2).

import { VersionFormatError } from './errors.ts';

export interface AsaVersion {
  major: number;
  minor: number;
  maint: number;
  sub: number;
  interim: number;
  /** The text as given (trimmed, without the context suffix). */
  raw: string;
  /** Multi-context suffix from `show version` (e.g. `<context>`), when present. */
  context?: string;
}

// 9.20(4)14, 9.22(1.1), 8.4(1), 2.2(2.121)
const PAREN = /^(\d+)\.(\d+)\((\d+)(?:\.(\d+))?\)(\d+)?$/;
// 9.22.3, 9.23.1, 9.20.4.14
const DOTTED = /^(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?$/;
// asa9-14-2-14-smp-k8.bin, asa9-16-3-19-lfbff-k8.SPA
const IMAGE_DASHED = /^asa(\d+)-(\d+)-(\d+)(?:-(\d+))?-[a-z]/i;
// asa984-10-smp-k8.bin, asa992-32-lfbff-k8.SPA, asa9122-smp-k8.bin
const IMAGE_COMPACT = /^asa(\d)(\d{2,4})(?:-(\d+))?-[a-z]/i;

const num = (s: string | undefined): number => (s === undefined ? 0 : Number.parseInt(s, 10));

function make(parts: (string | undefined)[], raw: string, context?: string): AsaVersion {
  const [major, minor, maint, sub, interim] = parts.map(num) as [number, number, number, number, number];
  return { major, minor, maint, sub, interim, raw, ...(context ? { context } : {}) };
}

/** Splits "major minor maint" digits of a compact image name: 984 → 9.8(4), 9122 → 9.12(2). */
function compactDigits(major: string, rest: string): (string | undefined)[] {
  if (rest.length === 2) return [major, rest.slice(0, 1), rest.slice(1)];
  return [major, rest.slice(0, 2), rest.slice(2)];
}

/**
 * Parses `9.20(4)14`, `9.22(1.1)`, `9.22.3`, `8.4(1)`, `9.14(2)15 <context>` (context kept apart),
 * `Version 9.8(4)10`, and image names `asa9-14-2-14-smp-k8.bin`, `asa984-10-smp-k8.bin`,
 * `asa992-32-lfbff-k8.SPA` (a path before the name is ignored).
 * @throws VersionFormatError when the text matches none of these forms.
 */
export function parseAsaVersion(input: string): AsaVersion {
  const text = input.trim().replace(/^(?:Version|v)\s*/i, '');
  const [first = '', ...restWords] = text.split(/\s+/);
  const context = restWords.join(' ') || undefined;
  let m = PAREN.exec(first);
  if (m) return make([m[1], m[2], m[3], m[4], m[5]], first, context);
  m = DOTTED.exec(first);
  if (m) return make([m[1], m[2], m[3], undefined, m[4]], first, context);
  const image = first.replace(/^.*[/:]/, '');
  m = IMAGE_DASHED.exec(image);
  if (m && !context) return make([m[1], m[2], m[3], undefined, m[4]], image);
  m = IMAGE_COMPACT.exec(image);
  if (m?.[1] && m[2] && !context) return make([...compactDigits(m[1], m[2]), undefined, m[3]], image);
  throw new VersionFormatError(input);
}

/** Parses like `parseAsaVersion` but returns `undefined` instead of throwing. */
export function tryParseAsaVersion(input: string | undefined): AsaVersion | undefined {
  if (input === undefined) return undefined;
  try {
    return parseAsaVersion(input);
  } catch {
    return undefined;
  }
}

const asVersion = (v: string | AsaVersion): AsaVersion => (typeof v === 'string' ? parseAsaVersion(v) : v);

/** Canonical ASA form: `9.20(4)14`, `9.22(1.1)`, `9.22(3)` (from `9.22.3`). */
export function formatAsaVersion(v: string | AsaVersion): string {
  const x = asVersion(v);
  return `${x.major}.${x.minor}(${x.maint}${x.sub ? `.${x.sub}` : ''})${x.interim ? x.interim : ''}`;
}

/** Total order: negative when a < b, 0 when equal as tuples, positive when a > b. */
export function compareAsaVersions(a: string | AsaVersion, b: string | AsaVersion): number {
  const x = asVersion(a);
  const y = asVersion(b);
  return (
    x.major - y.major || x.minor - y.minor || x.maint - y.maint || x.sub - y.sub || x.interim - y.interim
  );
}

/** The release train, `major.minor` (e.g. `9.20`). */
export function trainOf(v: string | AsaVersion): string {
  const x = asVersion(v);
  return `${x.major}.${x.minor}`;
}

const compareTrains = (a: AsaVersion, b: AsaVersion): number => a.major - b.major || a.minor - b.minor;

export interface FixVerdict {
  affected: boolean;
  /** One sentence a report can print as is. */
  reason: string;
  /** The listed fix in this version's train, when there is one. */
  fixedIn?: string;
  /** The release to move to when affected. */
  upgradeTo?: string;
}

/**
 * Cisco's per-train "fixed in" rule. Affected when the version's train has a listed fix above it,
 * or its train has no listed fix and is older than the newest fixed train (then: move to the fix
 * of the nearest newer train). A train newer than every listed fixed train is not affected.
 */
export function checkFixedIn(version: string | AsaVersion, fixedIn: readonly string[]): FixVerdict {
  const v = asVersion(version);
  const shown = v.raw;
  const fixes = fixedIn.map(parseAsaVersion).sort(compareAsaVersions);
  if (fixes.length === 0) return { affected: false, reason: 'no fixed releases listed' };
  const sameTrain = fixes.filter((f) => compareTrains(f, v) === 0);
  if (sameTrain.length > 0) {
    const fix = sameTrain[0] as AsaVersion;
    if (compareAsaVersions(v, fix) < 0) {
      return {
        affected: true,
        reason: `${shown} is lower than ${fix.raw}, the fix in the ${trainOf(v)} train`,
        fixedIn: fix.raw,
        upgradeTo: fix.raw,
      };
    }
    return {
      affected: false,
      reason: `${shown} is at or above ${fix.raw}, the fix in the ${trainOf(v)} train`,
      fixedIn: fix.raw,
    };
  }
  const newer = fixes.find((f) => compareTrains(f, v) > 0);
  if (newer) {
    return {
      affected: true,
      reason: `no fix in the ${trainOf(v)} train; move to ${newer.raw} or later`,
      upgradeTo: newer.raw,
    };
  }
  return { affected: false, reason: `the ${trainOf(v)} train is newer than every listed fixed train` };
}

/** Whether a software version is at or above `since` (false for unknown versions). */
export function versionAtLeast(version: string | undefined, since: string): boolean {
  const v = tryParseAsaVersion(version);
  return v !== undefined && compareAsaVersions(v, since) >= 0;
}

/**
 * The image file name a release boots (`show version`'s `System image file is`), the inverse of
 * the image forms `parseAsaVersion` reads. [observed] compact names up to 9.12 (`asa952-204-smp-k8.bin`
 * 9.5(2)204, `asa984-10-smp-k8.bin`, `asa9122-smp-k8.bin` 9.12(2)), dashed ones from 9.14
 * (`asa9-14-2-14-smp-k8.bin`, `asa9-16-3-19-lfbff-k8.SPA`); 9.13 taking the dashed form is
 * [assumed]. `smp` images end in `.bin`, `lfbff` (ISA 3000, 5506/5508/5516-X) in `.SPA`.
 */
export function asaImageName(version: string | AsaVersion, build: 'smp' | 'lfbff'): string {
  const v = asVersion(version);
  const suffix = build === 'smp' ? 'smp-k8.bin' : 'lfbff-k8.SPA';
  const interim = v.interim ? `-${v.interim}` : '';
  if (v.major === 9 && v.minor <= 12) return `asa${v.major}${v.minor}${v.maint}${interim}-${suffix}`;
  return `asa${v.major}-${v.minor}-${v.maint}${interim}-${suffix}`;
}
