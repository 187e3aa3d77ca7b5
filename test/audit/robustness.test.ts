// Damaged input never breaks an audit: truncated, joined and byte-mutated real outputs still give
// one row per device that validates against the contract, at any `now`.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AuditReportSchema } from '../../src/audit/report/contract.ts';
import { renderHtml } from '../../src/audit/report/html.ts';
import { renderPrometheus } from '../../src/audit/report/prometheus.ts';
import { renderTable } from '../../src/audit/report/table.ts';
import { runAudit } from '../../src/audit/run.ts';
import { fileCollection, readCorpus, seedConditions, seedSmartStatus } from './inputs.ts';

function sources(): string[] {
  const s = seedConditions();
  return [
    s.comm,
    s.authExpired,
    s.registrationLost,
    seedSmartStatus(),
    readCorpus('show-license-all__ntc-templates__1.txt'),
    readCorpus('show-license-all__ntc-templates__3.txt'),
    readCorpus('show-license-all__ntc-templates__4.txt'),
  ];
}

const damage = (text: string) =>
  fc.oneof(
    fc.nat({ max: text.length }).map((n) => text.slice(0, n)),
    fc.constant(text.replace(/\r?\n/g, ' ')),
    fc
      .array(fc.tuple(fc.nat({ max: Math.max(0, text.length - 1) }), fc.integer({ min: 0, max: 255 })), {
        maxLength: 8,
      })
      .map((edits) => {
        const chars = [...text];
        for (const [i, b] of edits) chars[i] = String.fromCharCode(b);
        return chars.join('');
      }),
  );

describe('audit robustness', () => {
  it('damaged outputs at any time give a valid report and render everywhere', async () => {
    const texts = sources();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: texts.length - 1 }).chain((i) => damage(texts[i] as string)),
        fc.date({ min: new Date('2015-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
        async (text, now) => {
          const report = await runAudit({
            collections: [fileCollection('d', { 'show license all': text }, '2020-01-01T00:00:00Z')],
            now: now.getTime(),
          });
          expect(report.devices).toHaveLength(1);
          expect(AuditReportSchema.safeParse(report).success).toBe(true);
          renderTable(report, { color: false });
          renderHtml(report);
          renderPrometheus(report);
        },
      ),
      { numRuns: 150 },
    );
  });
});
