// The one place diagnosis asks the licensing core about advisories. Kept small so that the
// core's own advisory data and version order can replace the interim rules below without
// touching the rest of diagnosis.

import type { Advisory } from '../report/contract.ts';

export interface AdvisoryQuery {
  version: string | null;
  platform: string | null;
  proxyConfigured: boolean;
}

interface AdvisoryRule {
  id: string;
  summary: string;
  fixedIn: string[];
  platform?: RegExp;
  /** Applies regardless of version when a proxy is configured. */
  whenProxy?: boolean;
}

// The seed's text, verbatim in substance (no public bug text exists, domain.md §5).
const RULES: AdvisoryRule[] = [
  {
    id: 'CSCwp10957',
    summary:
      'Smart Licensing issue: susceptible when the ASA version is lower than 9.20(4)14, 9.22(2)14 or 9.23(1)22',
    fixedIn: ['9.20(4)14', '9.22(2)14', '9.23(1)22'],
  },
  {
    id: 'CSCws62173',
    summary: 'Smart Licensing issue on Secure Firewall 2100 (FP2100) below 9.20(4)22, 9.22.3 or 9.24(1)9',
    fixedIn: ['9.20(4)22', '9.22.3', '9.24(1)9'],
    platform: /FPR-?21\d\d|FP21\d\d|Firepower 21\d\d/i,
  },
  {
    id: 'CSCwr56980',
    summary: 'Be aware of this bug while checking the Smart Licensing proxy settings (transport proxy)',
    fixedIn: [],
    whenProxy: true,
  },
];

/** Advisories that apply to a device. */
export function applicableAdvisories(q: AdvisoryQuery): Advisory[] {
  const out: Advisory[] = [];
  for (const rule of RULES) {
    if (rule.whenProxy) {
      if (q.proxyConfigured) out.push(toAdvisory(rule));
      continue;
    }
    if (rule.platform && !(q.platform && rule.platform.test(q.platform))) continue;
    const v = q.version ? parseVersion(q.version) : null;
    if (!v) continue;
    if (
      isAffected(
        v,
        rule.fixedIn.map(parseVersion).filter((x): x is number[] => x !== null),
      )
    ) {
      out.push(toAdvisory(rule));
    }
  }
  return out;
}

function toAdvisory(rule: AdvisoryRule): Advisory {
  return { id: rule.id, summary: rule.summary, fixedIn: rule.fixedIn };
}

/** `9.20(4)14` -> [9,20,4,0,14]; `9.22.3` -> [9,22,3,0,0]; `9.22(1.1)` -> [9,22,1,1,0]. */
export function parseVersion(text: string): number[] | null {
  const s = text.trim().split(/\s+/)[0] ?? '';
  const paren = /^(\d+)\.(\d+)\((\d+)(?:\.(\d+))?\)(\d+)?$/.exec(s);
  if (paren) return [paren[1], paren[2], paren[3], paren[4], paren[5]].map((p) => Number(p ?? 0));
  const dotted = /^(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(s);
  if (dotted) return [dotted[1], dotted[2], dotted[3], '0', dotted[4]].map((p) => Number(p ?? 0));
  return null;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Cisco's "lower than X, Y or Z": affected when the version's train (major.minor) has a listed
 * fix above it, or its train has no listed fix and is older than the newest fixed train.
 */
function isAffected(v: number[], fixes: number[][]): boolean {
  const sameTrain = fixes.find((f) => f[0] === v[0] && f[1] === v[1]);
  if (sameTrain) return compare(v, sameTrain) < 0;
  const newest = fixes.reduce<number[] | null>((m, f) => (m === null || compare(f, m) > 0 ? f : m), null);
  return newest !== null && compare(v.slice(0, 2), newest.slice(0, 2)) < 0;
}
