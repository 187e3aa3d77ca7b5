// A line beyond MAX_LINE_CHARS is cut with one warning naming its line and length; warnings quote
// a short excerpt; an output with thousands of bad lines keeps MAX_WARNINGS warnings and one that
// counts the rest. The same whichever way the text is read (a capture, one collected output, lines).

import { describe, expect, it } from 'vitest';
import {
  EXCERPT_CHARS,
  MAX_LINE_CHARS,
  normalizeLines,
  parseCapture,
  parseOutput,
  parseSmartLicenseLines,
} from '../../src/text/index.ts';
import { MAX_WARNINGS } from '../../src/text/limits.ts';

const HUGE = 200_000;
const capture = [
  'fw1# show license all',
  'Smart Licensing Status',
  '======================',
  '',
  'Registration:',
  `  Status: REGISTERED${' <'.repeat(HUGE / 2)}`,
  '  Smart Account: Example Corp',
  '',
].join('\n');

describe('line cap', () => {
  it('cuts a 200 KB line with one warning that quotes a short excerpt, and reads the rest', () => {
    const [entry] = parseCapture(capture, 'huge.txt');
    const viaOutput = parseOutput('show license all', capture.slice(capture.indexOf('\n') + 1), 2);
    const viaLines = parseSmartLicenseLines(normalizeLines(capture.slice(capture.indexOf('\n') + 1), 2));
    for (const r of [entry, viaOutput, viaLines]) {
      if (!r) throw new Error('no output parsed');
      const cut = r.warnings.filter((w) => w.message.includes('cut to'));
      expect(cut).toHaveLength(1);
      expect(cut[0]?.line).toBe(6);
      expect(cut[0]?.message).toBe(
        `line of ${'  Status: REGISTERED'.length + HUGE} characters cut to ${MAX_LINE_CHARS} (ASA output lines are short)`,
      );
      for (const w of r.warnings) expect((w.text ?? '').length).toBeLessThanOrEqual(EXCERPT_CHARS);
      expect((r.data as { registration?: { smartAccount?: string } }).registration?.smartAccount).toBe(
        'Example Corp',
      );
    }
    expect(viaOutput).toEqual({ data: entry?.data, warnings: entry?.warnings });
  });

  it('keeps MAX_WARNINGS warnings of an output and counts the rest in one more', () => {
    const bad = 1000;
    const text = `Smart Licensing Status\n${'what is this\n'.repeat(bad)}`;
    const [entry] = parseCapture(text, 'noise.txt');
    expect(entry?.warnings).toHaveLength(MAX_WARNINGS + 1);
    expect(entry?.warnings.at(-1)).toEqual({
      line: MAX_WARNINGS + 2,
      message: `${bad - MAX_WARNINGS} more warnings in this output not listed (lines ${MAX_WARNINGS + 2}-${bad + 1})`,
      text: '',
    });
  });
});
