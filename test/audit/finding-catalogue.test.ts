// The finding codes are one catalogue (src/audit/diagnose/catalogue.ts): the docs' tables, the
// JSON Schema enum and the remediation steps derive from it, and no code the original design
// named is lost.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FINDING_CODES,
  FINDINGS,
  findingTableMarkdown,
  REMEDY_STEPS,
  TABLE_BEGIN,
  TABLE_END,
  withFindingTable,
} from '../../src/audit/diagnose/catalogue.ts';
import { remediationFor } from '../../src/audit/diagnose/remediation.ts';
import { REPO_ROOT } from '../helpers/fixtures.ts';

describe('the finding catalogue', () => {
  it('keeps every code the design contract names', () => {
    // The original design's table (never renamed), plus the codes the audit has raised since.
    for (const code of [
      'COMM_FAILING',
      'AUTH_EXPIRED',
      'REGISTRATION_LOST',
      'RENEWAL_FAILING',
      'EVAL_MODE',
      'EXPORT_CONTROL_NOT_ALLOWED',
      'UNREGISTERED',
      'PLATFORM_UNLICENSED',
      'TRANSPORT_CALLHOME',
      'TRANSPORT_SMART',
      'OUT_OF_COMPLIANCE',
      'NO_LICENSE_DATA',
      'COLLECTION_FAILED',
      'USER_CONTEXT',
    ])
      expect(FINDING_CODES).toContain(code);
  });

  it.each(['README.md', 'docs/ARCHITECTURE.md'])(
    '%s holds the generated table between its markers',
    (rel) => {
      const path = join(REPO_ROOT, rel);
      // docs/ARCHITECTURE.md is checked once it exists; README.md must have the table.
      if (rel !== 'README.md' && !existsSync(path)) return;
      const text = readFileSync(path, 'utf8');
      expect(text).toContain(TABLE_BEGIN);
      expect(text).toContain(TABLE_END);
      expect(text).toContain(findingTableMarkdown());
      expect(withFindingTable(text)).toBe(text);
    },
  );

  it('the audit JSON Schema enumerates exactly the catalogue', () => {
    const schema = readFileSync(join(REPO_ROOT, 'schema', 'audit-output.schema.json'), 'utf8');
    const findingCode = JSON.parse(schema).$defs?.Finding?.properties?.code ?? findCode(JSON.parse(schema));
    expect(findingCode.enum).toEqual([...FINDING_CODES]);
  });

  it('every remediation step is called for by some finding, and prints only for those', () => {
    const called = new Set(FINDING_CODES.flatMap((c) => FINDINGS[c].remedies));
    expect([...called].sort()).toEqual([...REMEDY_STEPS].sort());
    const facts = { name: 'fw', transport: { type: 'smart', url: null, proxy: null } } as never;
    expect(remediationFor(facts, [])).toEqual([]);
    for (const code of FINDING_CODES) {
      const steps = remediationFor(facts, [{ code, severity: 'info', summary: '', detail: '' }]);
      if (FINDINGS[code].remedies.length === 0) expect([code, steps]).toEqual([code, []]);
    }
  });

  it('its prose takes durations from the core timers, not typed numbers', () => {
    const source = readFileSync(join(REPO_ROOT, 'src/audit/diagnose/catalogue.ts'), 'utf8');
    const findings = readFileSync(join(REPO_ROOT, 'src/audit/diagnose/findings.ts'), 'utf8');
    for (const text of [source, findings])
      expect(text).not.toMatch(/\b(90|180|365) days\b|\b6 months\b|hourly/);
  });
});

/** The `code` property of the finding object anywhere in a JSON Schema. */
function findCode(node: unknown): { enum: string[] } {
  const stack = [node];
  while (stack.length) {
    const n = stack.pop();
    if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      const props = o.properties as Record<string, { enum?: string[] }> | undefined;
      if (props?.code?.enum && props.severity) return props.code as { enum: string[] };
      stack.push(...Object.values(o));
    }
  }
  throw new Error('no finding code in the schema');
}
