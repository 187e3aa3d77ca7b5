// The ASA's output filters and its regular-expression dialect (src/text/asa-regex.ts,
// output-filter.ts): what each filter lets through, where the dialect differs from JavaScript, and
// that a hostile pattern costs time linear in the line.

import { describe, expect, it } from 'vitest';
import { AsaRegexError, compileAsaRegex } from '../../src/text/asa-regex.ts';
import { lineFilter, parseFilter, readTypedFilter } from '../../src/text/output-filter.ts';

const m = (pattern: string, line: string) => compileAsaRegex(pattern).test(line);

describe('ASA regular expressions', () => {
  it('matches anywhere in the line, case-sensitively', () => {
    expect(m('Authorized', 'Encryption-3DES-AES : Enabled')).toBe(false);
    expect(m('Status', '  Status: AUTHORIZED on Jan 12 2026')).toBe(true);
    expect(m('status', '  Status: AUTHORIZED')).toBe(false);
  });

  it('reads the table: . ? * + alternation, groups, classes, ^', () => {
    expect(m('Reg.stration', 'Registration:')).toBe(true);
    expect(m('colou?r', 'color')).toBe(true);
    expect(m('colou?r', 'colour')).toBe(true);
    expect(m('ab*c', 'ac')).toBe(true);
    expect(m('ab+c', 'ac')).toBe(false);
    expect(m('interface|nameif', ' nameif outside')).toBe(true);
    expect(m('(REGIST|AUTHOR)ERED', 'Status: REGISTERED')).toBe(true);
    expect(m('[0-9]+ days', 'up 3 days 22 hours')).toBe(true);
    expect(m('[^a-z]days', 'updays')).toBe(false);
    expect(m('^license', 'license smart')).toBe(true);
    expect(m('^license', ' no license')).toBe(false);
  });

  it('reads {x} as a minimum, as the ASA does (JavaScript: exactly x)', () => {
    // The guide's own example: ab(xy){2,}z matches abxyxyz and abxyxyxyz.
    expect(m('ab(xy){2,}z', 'abxyxyz')).toBe(true);
    expect(m('ab(xy){2,}z', 'abxyxyxyz')).toBe(true);
    expect(m('ab(xy){2}z', 'abxyxyxyz')).toBe(true);
    expect(/ab(xy){2}z/.test('abxyxyxyz')).toBe(false);
    expect(m('ab(xy){2}z', 'abxyz')).toBe(false);
  });

  it('reads escapes the ASA way: \\d is the letter d, \\1 octal, \\x41 hex, \\. a dot', () => {
    expect(m('\\d', 'd')).toBe(true);
    expect(m('\\d', '7')).toBe(false);
    expect(m('\\101', 'A')).toBe(true);
    expect(m('\\x41', 'A')).toBe(true);
    expect(m('9\\.22', '9.22(1)1')).toBe(true);
    expect(m('9\\.22', '9x22')).toBe(false);
    expect(m('a\\tb', 'a\tb')).toBe(true);
  });

  it('refuses what it cannot read, saying where', () => {
    for (const [p, at] of [
      ['(abc', 0],
      ['abc)', 3],
      ['*a', 0],
      ['[a-', 0],
      ['(?=x)', 1],
      ['a{9999}', 1],
      // 9 × 900 copies: past the state budget, refused rather than slow.
      ['(ab{900}){9}', 0],
    ] as const) {
      const e = (() => {
        try {
          compileAsaRegex(p);
        } catch (error) {
          return error;
        }
      })();
      expect(e, p).toBeInstanceOf(AsaRegexError);
      expect((e as AsaRegexError).offset, p).toBe(at);
    }
  });

  it('answers in one pass where a backtracking engine would not finish', () => {
    // (a+)+b on 5000 a's: a backtracking engine tries 2^5000 ways; the NFA walks the line once.
    expect(compileAsaRegex('(a+)+b').test('a'.repeat(5000))).toBe(false);
    expect(compileAsaRegex('(a|a)*c').test(`${'a'.repeat(5000)}c`)).toBe(true);
  });
});

describe('output filters', () => {
  const lines = [
    'Smart Licensing Status',
    '',
    'Registration:',
    '  Status: REGISTERED',
    'License Authorization:',
    '  Status: AUTHORIZED',
  ];
  const run = (typed: string) => {
    const r = readTypedFilter(typed);
    if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
    return lineFilter(r.live)(lines);
  };

  it('include, exclude, begin and grep [-v], each by any prefix', () => {
    expect(run(' include Status')).toEqual([
      'Smart Licensing Status',
      '  Status: REGISTERED',
      '  Status: AUTHORIZED',
    ]);
    expect(run(' i Status:')).toEqual(['  Status: REGISTERED', '  Status: AUTHORIZED']);
    expect(run(' inc Status:')).toEqual(run(' include Status:'));
    expect(run(' e Status')).toEqual(['', 'Registration:', 'License Authorization:']);
    expect(run(' ex ^ ')).toEqual(['Smart Licensing Status', '', 'Registration:', 'License Authorization:']);
    expect(run(' b License Auth')).toEqual(['License Authorization:', '  Status: AUTHORIZED']);
    expect(run(' be ^Reg')).toEqual(lines.slice(2));
    expect(run(' grep REGISTERED')).toEqual(['  Status: REGISTERED']);
    expect(run(' g -v Status')).toEqual(run(' exclude Status'));
  });

  it('keeps trailing blanks as part of the pattern, and | inside it', () => {
    expect(run(' include REGISTERED ')).toEqual([]);
    expect(run(' include REGISTERED|AUTHORIZED')).toEqual(['  Status: REGISTERED', '  Status: AUTHORIZED']);
  });

  it('begin keeps its state across the prints of one output', () => {
    const r = readTypedFilter(' begin Registration');
    if (!r.ok) throw new Error('refused');
    const f = lineFilter(r.live);
    expect(f(['a', 'Registration:'])).toEqual(['Registration:']);
    expect(f(['b'])).toEqual(['b']);
  });

  it('refuses a missing word or pattern as incomplete, an unknown word or bad regex at its column', () => {
    expect(readTypedFilter('')).toEqual({ ok: false, kind: 'incomplete' });
    expect(readTypedFilter(' include')).toEqual({ ok: false, kind: 'incomplete' });
    expect(readTypedFilter(' grep -v ')).toEqual({ ok: false, kind: 'incomplete' });
    expect(readTypedFilter(' count x')).toEqual({ ok: false, kind: 'invalid', column: 1 });
    expect(readTypedFilter(' include (abc')).toEqual({ ok: false, kind: 'invalid', column: 9 });
  });

  it('reads a filter in a capture the way the collector saw it (pattern trimmed, unknown word kept)', () => {
    expect(parseFilter(' i Serial ')).toEqual({ type: 'include', invert: false, pattern: 'Serial' });
    expect(parseFilter(' grep -v Status')).toEqual({ type: 'grep', invert: true, pattern: 'Status' });
    expect(parseFilter(' redirect disk0:/x')).toEqual({
      type: 'redirect',
      invert: false,
      pattern: 'disk0:/x',
    });
  });
});
