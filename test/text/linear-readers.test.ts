// The one-pass readers that replaced backtracking regular expressions give exactly what those
// expressions gave (the expressions are kept here as the reference): arrows, pager remnants, CR
// overwrites, usage entries, the UDI, feature lines, durations, the prompt a screen ends at, the
// cuts of a collapsed line. Inputs are drawn from the characters each expression cares about, so
// the edge cases (blanks of every kind, line terminators, near misses) come up often.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelMatcher, splitCollapsedLine } from '../../src/text/collapsed.ts';
import { looseDuration } from '../../src/text/dates.ts';
import { cleanScreen, stripPager, waitingPrompt } from '../../src/text/index.ts';
import { udiOf } from '../../src/text/license/fields.ts';
import { LICENSE_LABELS, MATCHER } from '../../src/text/license/parse.ts';
import { usageHeader, usageRow } from '../../src/text/license/usage.ts';
import { removeArrows } from '../../src/text/normalize.ts';
import { parsePromptLine } from '../../src/text/prompt.ts';
import { featureLineOf } from '../../src/text/version/features.ts';

/** Strings of up to `max` pieces drawn from `pieces`. */
const textOf = (pieces: string[], max = 24) =>
  fc.array(fc.constantFrom(...pieces), { maxLength: max }).map((p) => p.join(''));

const RUNS = { numRuns: 4000 };

describe('one-pass readers agree with the regular expressions they replaced', () => {
  it('annotation arrows', () => {
    const ARROWS = /[ \t]*(?:<-{2,}|<{3,}|-{2,}>|>{3,})(?=[ \t]|$)/g;
    fc.assert(
      fc.property(textOf([' ', '\t', '<', '-', '>', 'x', '<<', '--', '>>', '<--', '-->']), (s) => {
        expect(removeArrows(s)).toBe(s.replace(ARROWS, ''));
      }),
      RUNS,
    );
  });

  it('CR overwrites on a screen', () => {
    // The overwrite loop it replaced: each segment after a CR overwrites the start of the line.
    const overwrite = (line: string) => {
      let result = '';
      for (const seg of line.split('\r')) result = seg + result.slice(seg.length);
      return result.trimEnd();
    };
    fc.assert(
      fc.property(textOf(['a', 'bc', 'defgh', ' ', '\r', '\r\r']), (line) => {
        expect(cleanScreen(line)).toBe(line.includes('\r') ? overwrite(line) : line);
      }),
      RUNS,
    );
  });

  it('pager remnants', () => {
    const PAGER = '(?:<-+\\s*More\\s*-+>|--More--)';
    const old = (text: string) =>
      text
        .replace(new RegExp(`^[ \\t]*${PAGER}[ \\t]*\\n`, 'gm'), '')
        .replace(new RegExp(`[ \\t]*${PAGER}[ \\t]*`, 'g'), '');
    fc.assert(
      fc.property(textOf([' ', '\t', '\n', 'x', '<--- More --->', '--More--', ' More ', '<-', '->']), (s) => {
        expect(stripPager(s)).toBe(old(s));
      }),
      RUNS,
    );
  });

  const USAGE = ['(', ')', ':', ' ', '\t', '\u2028', '\r', 'a', 'AB', '1', '42', 'x y', '):', ') 1 '];
  it('usage entry headings', () => {
    const HEADER = /^(.*?)\s*\(([^()\s]+)\):$/;
    fc.assert(
      fc.property(textOf(USAGE), (t) => {
        const m = HEADER.exec(t);
        expect(usageHeader(t)).toEqual(m ? { name: m[1], tag: m[2] } : undefined);
      }),
      RUNS,
    );
  });

  it('usage summary rows', () => {
    const ROW = /^(.*?)\s*\(([^()\s]+)\)\s+(\d+)\s+(\S.*)$/;
    fc.assert(
      fc.property(textOf([...USAGE, 'AUTHORIZED', ') 2 OK', '(T)']), (t) => {
        const m = ROW.exec(t);
        expect(usageRow(t)).toEqual(
          m ? { name: m[1], tag: m[2], count: Number(m[3]), status: m[4] } : undefined,
        );
      }),
      RUNS,
    );
  });

  it('the UDI', () => {
    const UDI = /PID:([^,\s]+)\s*,\s*SN:(\S+)/i;
    fc.assert(
      fc.property(
        textOf(['PID:', 'pid:', 'SN:', 'sn:', 'ſn:', ',', ' ', '\t', 'ASA5516', 'JAD1', ':', 'S', 'N']),
        (v) => {
          const m = UDI.exec(v);
          expect(udiOf(v)).toEqual(m ? { pid: m[1], sn: m[2] } : undefined);
        },
      ),
      RUNS,
    );
  });

  it('feature lines', () => {
    const FEATURE_LINE = /^([A-Za-z][^:]*?)\s*:\s*(\S+(?: \S+)*?)(?:\s+(perpetual|\d+ days?))?$/;
    fc.assert(
      fc.property(
        textOf([
          'Failover',
          'A',
          ' ',
          '  ',
          '\t',
          ':',
          ' : ',
          'Enabled',
          '5',
          ' days',
          ' day',
          'perpetual',
          '1',
          'x',
          '\u2028',
        ]),
        (t) => {
          const m = FEATURE_LINE.exec(t);
          const want = m
            ? m[3] === undefined
              ? { name: m[1], value: m[2] }
              : { name: m[1], value: m[2], term: m[3] }
            : undefined;
          expect(featureLineOf(t)).toEqual(want);
        },
      ),
      RUNS,
    );
  });

  it('durations', () => {
    const old = (text: string) => {
      const units: Record<string, number> = { day: 86400, hour: 3600, minute: 60, second: 1 };
      let total = 0;
      let seen = false;
      for (const m of text.matchAll(/(\d+)\s*(day|hour|minute|min|second|sec)s?/gi)) {
        const unit = (m[2] ?? '').toLowerCase();
        const key = unit === 'min' ? 'minute' : unit === 'sec' ? 'second' : unit;
        total += Number(m[1]) * (units[key] ?? 0);
        seen = true;
      }
      return seen ? total : undefined;
    };
    fc.assert(
      fc.property(textOf(['1', '23', ' ', 'days', 'day', 'hours', 'min', 'sec', ',', 'x', 'S']), (t) => {
        expect(looseDuration(t)).toBe(old(t));
      }),
      RUNS,
    );
  });

  it('the prompt a screen ends at', () => {
    const old = (screen: string) => {
      const text = screen.replace(/[ \t]+$/, '');
      const last = text.slice(text.lastIndexOf('\n') + 1);
      const p = parsePromptLine(last);
      return p && p.text.length === last.length ? p : undefined;
    };
    fc.assert(
      fc.property(textOf(['fw1#', 'fw1>', ' ', '\t', '\n', 'x', 'fw1(config)#', 'show']), (s) => {
        expect(waitingPrompt(s)).toEqual(old(s));
      }),
      RUNS,
    );
  });

  it('the cuts of a collapsed show license line (the underline rule without its lookbehind)', () => {
    const oldMatcher = labelMatcher(LICENSE_LABELS, ['={3,}', '(?<==\\s+)(?=[^=\\s])']);
    fc.assert(
      fc.property(
        textOf([
          '=',
          '===',
          ' ',
          '  ',
          '\t',
          'Status:',
          'Registration:',
          'x',
          'REGISTERED',
          'Smart Licensing Status',
          '-',
        ]),
        (t) => {
          expect(splitCollapsedLine(t, MATCHER)).toEqual(splitCollapsedLine(t, oldMatcher));
        },
      ),
      RUNS,
    );
  });
});
