// Reports over a real fleet (the seed's conditions and the corpus): the JSON validates against
// the committed schema, the Prometheus text follows the exposition format, the HTML escapes
// device text, the table shows one row per device.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DeviceCollection } from '../../src/audit/collect/types.ts';
import { AuditReportSchema } from '../../src/audit/report/contract.ts';
import { renderHtml } from '../../src/audit/report/html.ts';
import { renderJson } from '../../src/audit/report/json.ts';
import { renderPrometheus } from '../../src/audit/report/prometheus.ts';
import { auditOutputJsonSchema } from '../../src/audit/report/schema.ts';
import { renderTable } from '../../src/audit/report/table.ts';
import { reportExitStatus, runAudit } from '../../src/audit/run.ts';
import {
  fileCollection,
  readCorpus,
  seedConditions,
  seedFleet,
  seedProxyConfig,
  seedSmartStatus,
} from './inputs.ts';

const SCHEMA_FILE = fileURLToPath(new URL('../../schema/audit-output.schema.json', import.meta.url));

function fleet(): DeviceCollection[] {
  return [
    ...seedFleet(),
    fileCollection(
      'ntc4',
      { 'show license all': readCorpus('show-license-all__ntc-templates__4.txt') },
      '2023-01-24T00:00:00Z',
    ),
    {
      device: 'edge <b>"x"</b>',
      source: { kind: 'ssh', host: '127.0.0.1', port: 1 },
      ok: false,
      error: { phase: 'connect', code: 'REFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' },
      outputs: [],
      collectedAt: '2026-02-01T00:00:00Z',
      durationMs: 3,
    },
  ];
}

const NOW = Date.parse('2026-02-01T00:00:00Z');

describe('audit reports', () => {
  it('the committed JSON Schema is the one generated from the contract', () => {
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(auditOutputJsonSchema());
  });

  it('--json validates against the committed schema; a broken report does not', async () => {
    const report = await runAudit({ collections: fleet(), now: NOW });
    const validator = z.fromJSONSchema(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
    const json = JSON.parse(renderJson(report));
    expect(validator.safeParse(json).success).toBe(true);
    expect(AuditReportSchema.safeParse(json).success).toBe(true);
    const broken = structuredClone(json);
    broken.devices[0].findings[0].severity = 'fatal';
    expect(validator.safeParse(broken).success).toBe(false);
    // Worst first (critical, warning, unknown, info, ok), then by name.
    expect(json.devices.map((d: { device: string }) => d.device)).toEqual([
      'asa-eval',
      'asa-expired',
      'ntc4',
      'asa-comm',
      'edge <b>"x"</b>',
    ]);
    // ntc4's 2023 snapshot read in 2026 is long past its deadline: critical too. The device that
    // could not be collected is unknown, not a warning.
    expect(json.summary.bySeverity).toEqual({ ok: 0, info: 0, unknown: 1, warning: 1, critical: 3 });
    expect(json.summary.byState).toEqual({ ok: 0, unknown: 1, warning: 1, critical: 3 });
    expect(reportExitStatus(report)).toBe(2);
  });

  it('the exit status follows the worst device: warning only -> 1, info only -> 0', async () => {
    const seed = seedConditions();
    const warn = await runAudit({
      collections: [fileCollection('a', { 'show license all': seed.comm }, '2026-01-12T14:00:00Z')],
      now: NOW,
    });
    expect(reportExitStatus(warn)).toBe(1);
    const info = await runAudit({
      collections: [
        fileCollection(
          'b',
          { 'show license all': readCorpus('show-license-all__ntc-templates__4.txt') },
          '2023-01-24T00:00:00Z',
        ),
      ],
      now: Date.parse('2023-02-01T00:00:00Z'),
    });
    expect(reportExitStatus(info)).toBe(0);
  });

  it('Prometheus textfile: HELP/TYPE per metric, well-formed samples, escaped labels', async () => {
    const text = renderPrometheus(await runAudit({ collections: fleet(), now: NOW }));
    const sample =
      /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? -?[0-9.e+]+$|^[a-zA-Z_:][a-zA-Z0-9_:]* NaN$/;
    for (const line of text.trimEnd().split('\n')) {
      if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
      expect(line, line).toMatch(sample);
    }
    expect(text).toContain(
      `smartlic_communication_deadline_remaining_seconds{device="asa-comm"} ${(Date.parse('2026-04-12T13:04:55Z') - NOW) / 1000}`,
    );
    expect(text).toContain('smartlic_worst_severity{device="asa-eval"} 3');
    expect(text).toContain('smartlic_authorization_info{device="asa-expired",status="AUTH EXPIRED"} 1');
    expect(text).toContain('smartlic_device_up{device="edge <b>\\"x\\"</b>"} 0');
    // A device that could not be collected has no state series: its state is unknown, not zero.
    for (const line of text.split('\n').filter((l) => l.includes('edge <b>')))
      expect(line, line).toMatch(/^smartlic_(device_up|finding)\{/);
    expect(text).toContain('smartlic_finding{device="asa-comm",code="COMM_FAILING",severity="warning"} 1');
    const types = text.split('\n').filter((l) => l.startsWith('# TYPE '));
    expect(new Set(types).size).toBe(types.length);
  });

  it('HTML: self-contained, device text escaped, fleet table and timeline chart present', async () => {
    const html = renderHtml(await runAudit({ collections: fleet(), now: NOW }));
    expect(html).not.toMatch(/<b>"x"<\/b>/);
    expect(html).toContain('edge &lt;b&gt;&quot;x&quot;&lt;/b&gt;');
    expect(html).not.toMatch(/<script|https?:\/\/(?!json-schema|www\.w3\.org)[^"'\s<]*\.(js|css)/);
    expect(html).not.toMatch(/\bsrc="http/);
    expect(html).toContain('id="fleet-table"');
    expect(html).toContain('<svg id="timeline-chart"');
    expect(html).toContain('2026-04-12 authorization expires');
  });

  it('table: one row per device with its worst finding, details with the fix', async () => {
    const text = renderTable(await runAudit({ collections: fleet(), now: NOW }), { color: false });
    expect(text).not.toContain('\x1b[');
    expect(text).toMatch(/asa-comm.*REGISTERED.*AUTHORIZED.*70d.*warning COMM_FAILING/);
    expect(text).toMatch(/asa-eval.*critical REGISTRATION_LOST/);
    // Advisories that apply are named under the worst finding (the proxy device of the seed example).
    const proxied = renderTable(
      await runAudit({
        collections: [
          fileCollection(
            'px',
            { 'show license status': seedSmartStatus(), 'show running-config license': seedProxyConfig() },
            '2026-01-12T14:00:00Z',
          ),
        ],
        now: NOW,
      }),
      { color: false },
    );
    expect(proxied).toMatch(/\+ CSCwr56980/);
    expect(text).toMatch(/\n {8}license smart renew auth\n/);
    expect(text).toContain('after 2027-01-12 a reload comes back in EVAL MODE');
  });
});

describe('atomic report files', () => {
  it('replaces the file whole and leaves no temporary file behind; a failed write names the path', async () => {
    const { mkdtempSync, readdirSync, readFileSync: read, rmSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { writeFileAtomic } = await import('../../src/audit/report/write-atomic.ts');
    const dir = mkdtempSync(join(tmpdir(), 'smartlic-atomic-'));
    try {
      const file = join(dir, 'smartlic.prom');
      writeFileSync(file, 'old\n');
      await writeFileAtomic(file, 'new\n');
      expect(read(file, 'utf8')).toBe('new\n');
      expect(readdirSync(dir)).toEqual(['smartlic.prom']);
      await expect(writeFileAtomic(join(dir, 'no', 'such', 'x.prom'), 'x')).rejects.toThrow(
        /no\/such\/x\.prom/,
      );
      expect(readdirSync(dir)).toEqual(['smartlic.prom']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('pipeline isolation', () => {
  it('a parser or rule that throws costs only its own device a row with the error', async () => {
    const good = fileCollection(
      'good',
      { 'show license all': 'Smart Licensing is ENABLED' },
      '2026-01-01T00:00:00Z',
    );
    const parseBoom = fileCollection('parse-boom', {}, '2026-01-01T00:00:00Z');
    const ruleBoom = fileCollection('rule-boom', {}, '2026-01-01T00:00:00Z');
    const report = await runAudit({
      collections: [good, parseBoom, ruleBoom],
      now: Date.parse('2026-01-02T00:00:00Z'),
      parse: (c) => {
        if (c.device === 'parse-boom') throw new Error('parser exploded');
        if (c.device === 'rule-boom')
          return {
            parseWarnings: 0,
            get license(): never {
              throw new Error('rule exploded');
            },
          };
        return { parseWarnings: 0 };
      },
    });
    const row = (n: string) => report.devices.find((d) => d.device === n);
    expect(row('good')?.ok).toBe(true);
    expect(row('parse-boom')?.error?.code).toBe('PARSE_FAILED');
    expect(row('rule-boom')?.error?.code).toBe('DIAGNOSE_FAILED');
    expect(row('rule-boom')?.error?.message).toMatch(/rule exploded/);
    expect(AuditReportSchema.safeParse(report).success).toBe(true);
  });
});
