// The fast paths of the text layer against the slow, obvious code they stand in for: the line
// scanner against split + cleanLine, the printed-shape date/duration readers against the regular
// expressions, and the offset-reading parsers against the same parsers reading line strings.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ShowVersionData } from '../../src/core/model.ts';
import {
  MARKER_FIRST_CHARS,
  type OutputFamily,
  startMarker,
  startMarkerAt,
} from '../../src/text/commands.ts';
import {
  looseDuration,
  parseCiscoDate,
  parseCiscoDuration,
  parseLoose,
  printedIsoAt,
} from '../../src/text/dates.ts';
import {
  normalizeLines,
  type OutputParser,
  parseShowVersionLines,
  parseSmartLicenseLines,
  renderShowLicenseAll,
  renderShowLicenseStatus,
  renderShowVersion,
  ShowVersionParser,
  SmartLicenseParser,
} from '../../src/text/index.ts';
import { FIELD_HANDLERS, statusOf } from '../../src/text/license/fields.ts';
import { LicenseReader } from '../../src/text/license/reader.ts';
import {
  AUTHORIZATION_WORDS,
  EXPORT_PRINTED,
  exportWord,
  FLAG_PRINTED,
  flagOf,
  parseAttempt,
  printedAttemptAt,
  REGISTRATION_WORDS,
  TRANSPORT_TYPE_PRINTED,
  transportTypeOf,
} from '../../src/text/license/words.ts';
import { LineScanner } from '../../src/text/line-scanner.ts';
import { PROMPT, promptAt, promptCommand } from '../../src/text/prompt.ts';
import { parseFeatureLine, readFeature } from '../../src/text/version/features.ts';
import { applyHeaderRule, looksCollapsed, readPrintedHeader } from '../../src/text/version/parse.ts';
import { showVersionData, smartLicenseData } from './arbitraries.ts';

// Pieces real captures and damaged pastes hold: every character the cleaner acts on, blanks the
// trim rule cares about, prompts and labels.
const piece = fc.constantFrom(
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\b',
  '\x1b[1m',
  '<--- More --->',
  ' <----',
  '>>>',
  '<none>',
  ' ',
  '  ',
  '\u00a0',
  '\v',
  'é',
  '#',
  'fw1# ',
  'Status: REGISTERED',
  'License Usage',
  'x',
  'abc def',
  ':',
);
const capture = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));

/** The scanner's spans, each with the line it stands for. */
function scan(text: string) {
  const s = new LineScanner(text);
  const out = [];
  while (s.next())
    out.push({ n: s.n, src: s.src, start: s.start, end: s.end, text: s.src.slice(s.start, s.end) });
  return out;
}

/** A parser fed spans of `text` reads what it reads from the same lines as strings of their own. */
function same<T>(
  parser: OutputParser<T>,
  parse: (lines: ReturnType<typeof normalizeLines>) => unknown,
  text: string,
): void {
  for (const l of scan(text)) parser.line(l.src, l.start, l.end, l.n);
  expect(parser.result()).toEqual(parse(normalizeLines(text)));
}

describe('line scanner', () => {
  it('gives the lines of split + cleanLine, as spans of the capture where the line is verbatim in it', () => {
    fc.assert(
      fc.property(capture, (text) => {
        const lines = scan(text);
        expect(lines.map(({ n, text }) => ({ n, text }))).toEqual(normalizeLines(text));
        // A span of the capture itself, or a cleaned line on its own.
        for (const l of lines) if (l.src !== text) expect([l.start, l.end]).toEqual([0, l.src.length]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('printed-shape readers agree with the regular expressions', () => {
  const digits = (n: number) =>
    fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));
  const blank = fc.constantFrom(' ', '  ', '\t');
  const mon = fc.constantFrom('Jan', 'feb', 'MAR', 'Apr', 'Sep', 'Dec', 'Foo', 'Ma');
  const zone = fc.constantFrom('', ' UTC', ' CET', ' U T C', '  UTC', ' é');
  it('dates', () => {
    fc.assert(
      fc.property(
        mon,
        fc.oneof(digits(2), digits(1)),
        digits(4),
        fc.tuple(fc.oneof(digits(2), digits(1)), digits(2), digits(2)),
        blank,
        zone,
        fc.boolean(),
        (m, d, y, [hh, mm, ss], b, z, oneX) => {
          const time = `${hh}:${mm}:${ss}`;
          const s = oneX ? `${m} ${d}${b}${time} ${y}${z}` : `${m} ${d} ${y}${b}${time}${z}`;
          expect(parseCiscoDate(s)).toEqual(parseLoose(s.trim()));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('durations', () => {
    const n = fc.oneof(fc.nat(100).map(String), fc.constant('123456789012345678'));
    fc.assert(
      fc.property(n, n, n, n, fc.constantFrom('', ' ', 's', 'x'), (d, h, m, s, tail) => {
        const text = `${d} days, ${h} hours, ${m} minutes, ${s} seconds${tail}`;
        expect(parseCiscoDuration(text)).toBe(looseDuration(text));
      }),
    );
  });
});

describe('parsers reading spans of the capture agree with reading line strings', () => {
  // Rendered outputs, some with damage the in-place reads must get right too.
  const damage = fc.constantFrom('', '\t', '<----', '  ', ' : x', 'Status: x', '\u00a0x');
  const damaged = (text: string, at: number, what: string) =>
    text.slice(0, at % (text.length + 1)) + what + text.slice(at % (text.length + 1));
  it('show license', () => {
    fc.assert(
      fc.property(smartLicenseData, fc.nat(), damage, fc.boolean(), (d, at, what, crlf) => {
        const text = renderShowLicenseAll(d) + renderShowLicenseStatus(d, { layout: '1x' });
        same(
          new SmartLicenseParser(),
          parseSmartLicenseLines,
          damaged(crlf ? text.replace(/\n/g, '\r\n') : text, at, what),
        );
      }),
    );
  });
  it('show version', () => {
    fc.assert(
      fc.property(showVersionData, fc.nat(), damage, (d, at, what) => {
        same(new ShowVersionParser(), parseShowVersionLines, damaged(renderShowVersion(d), at, what));
      }),
    );
  });
});

describe('output start markers', () => {
  // The regex form the character dispatch replaced.
  function reference(t: string): string | undefined {
    if (/^Smart Licensing (Status|is )/.test(t) || /^Status: (UN)?REGIST/.test(t)) return 'license';
    if (/^(Registration:|License Authorization:)/.test(t)) return 'license';
    if (/^(Licensed features for this|License mode:)/.test(t)) return 'features';
    if (t.startsWith('Cisco Adaptive Security Appliance Software Version')) return 'version';
    if (/^(license smart|call-home|(no )?call-home reporting)( |$)/.test(t)) return 'config';
    if (/^(hostname |: Saved|ASA Version )/.test(t)) return 'config';
    return undefined;
  }
  const head = fc.constantFrom(
    'Smart Licensing Status',
    'Smart Licensing is ',
    'Smart Licensing',
    'Status: REGISTERED',
    'Status: UNREGISTERED',
    'Status: REG',
    'Registration:',
    'License Authorization:',
    'Licensed features for this',
    'License mode:',
    'Cisco Adaptive Security Appliance Software Version',
    'license smart',
    'license smartx',
    'call-home',
    'call-home reporting',
    'no call-home reporting',
    'no call-home',
    'hostname ',
    ': Saved',
    'ASA Version ',
    'x',
  );
  const tail = fc.constantFrom('', ' ', 'x', ' anonymous', 's');
  it('agree with the regular expressions, on the line and in place inside a capture', () => {
    fc.assert(
      fc.property(head, tail, fc.constantFrom('', ' ', '  \r\n', 'x\n'), (h, t, after) => {
        const line = h + t;
        expect(startMarker(line)).toBe(reference(line));
        // The first-character table the session splitter filters lines with covers every marker.
        const family = reference(line) as OutputFamily | undefined;
        if (family) expect(MARKER_FIRST_CHARS[family]).toContain(line.charAt(0));
        const capture = `ab\n${line}${after}`;
        expect(startMarkerAt(capture, 3, 3 + line.length)).toBe(reference(line));
      }),
    );
  });
});

describe('feature lines read in place', () => {
  // What follows a line in a capture (colons, double blanks of the next line's column padding)
  // must not change how the line reads: searches stay inside the line.
  const part = fc.constantFrom(
    'Maximum VLANs',
    'Failover',
    ' ',
    '  ',
    ':',
    ' : ',
    'Enabled',
    'x',
    '5',
    ' days',
    'perpetual',
    '\t',
  );
  const line = fc.array(part, { maxLength: 8 }).map((p) => p.join(''));
  const after = fc.constantFrom('', '\n', '\r\n  x  :  y', '\nA : B', '  ', ':');
  it('agree with reading the line on its own', () => {
    fc.assert(
      fc.property(fc.constantFrom('', 'ab\n', ' : '), line, after, (before, l, a) => {
        const capture = before + l + a;
        expect(readFeature(capture, before.length, before.length + l.length)).toEqual(parseFeatureLine(l));
      }),
    );
  });
});

describe('show license values read in place agree with the general readers', () => {
  // Values as agents print them, and the near misses around them (case, blanks, zones, junk).
  const date = fc.constantFrom(
    'Jan 12 2026 13:09:43 UTC',
    'Dec 03 16:43:48 2018 UTC',
    'Jan 12 2026 13:09:43',
    'Jan 12 2026 13:09:43 CET',
    'Jan 12 2026 13:09:43 UTCX',
    'Feb 30 2026 13:09:43 UTC',
    'Jan 2 2026 13:09:43 UTC',
    ' Jan 12 2026 13:09:43 UTC',
    'Jan 12 2026  13:09:43 UTC',
    'soon',
  );
  const word = fc.constantFrom(
    ...REGISTRATION_WORDS,
    ...AUTHORIZATION_WORDS,
    'ENABLED',
    'DISABLED',
    'Registered',
    'REGISTRATION',
    'AUTHORIZED ON',
    'SUCCEEDED',
    'SUCCESS',
    'FAILED',
    'FAILURE',
    'None',
    'none',
    'Allowed',
    'Not Allowed',
    'NOT ALLOWED',
    'ALLOWED ',
    'yes',
    'no',
    'Yes',
    'Enabled',
    'Smart',
    'Callhome',
    'Call Home',
    'CSLU',
    'Off',
    'URL',
    'smart',
    'DEADLINE EXCEEDED',
    'deadline exceeded',
    'x',
    '',
  );
  const joint = fc.constantFrom('', ' on ', ' - ', ' ', '  on ', ' on', '\t', ' ON ', '\u00a0');
  const value = fc
    .tuple(word, joint, fc.oneof(date, word), fc.constantFrom('', ' ', ' x', ' - IN PROGRESS'))
    .map(([w, j, rest, tail]) => w + j + rest + tail);
  const inCapture = (v: string) => ({ src: `ab: ${v}\ncd`, from: 4, to: 4 + v.length });

  it('words, flags, attempts and numbers', () => {
    fc.assert(
      fc.property(value, (v) => {
        const { src, from, to } = inCapture(v);
        expect(EXPORT_PRINTED.get(src, from, to) ?? exportWord(v)).toBe(exportWord(v));
        expect(FLAG_PRINTED.get(src, from, to) ?? flagOf(v)).toBe(flagOf(v));
        expect(TRANSPORT_TYPE_PRINTED.get(src, from, to) ?? transportTypeOf(v)).toBe(transportTypeOf(v));
        const printed = printedAttemptAt(src, from, to);
        const general = parseAttempt(v);
        if (printed !== undefined) expect(general).toEqual({ ok: true, value: printed });
        const iso = printedIsoAt(src, from, to);
        if (iso !== undefined) expect(parseCiscoDate(v)?.iso).toBe(iso);
      }),
      { numRuns: 3000 },
    );
  });

  it('Status: under each heading', () => {
    const section = fc.constantFrom(
      'registration',
      'authorization',
      'utility',
      'usage',
      'top',
    ) as fc.Arbitrary<LicenseReader['section']>;
    const handler = FIELD_HANDLERS.get('status');
    // Mostly a status word, a separator and what may follow one (blanks at either end included).
    const status = fc.oneof(
      value,
      fc
        .tuple(
          fc.constantFrom(...REGISTRATION_WORDS, ...AUTHORIZATION_WORDS, 'ENABLED', 'DISABLED'),
          joint,
          fc.oneof(date, fc.constantFrom(' IN PROGRESS', 'IN PROGRESS ', 'x', '')),
        )
        .map(([w, j, rest]) => w + j + rest),
    );
    fc.assert(
      fc.property(status, section, (v, s) => {
        const { src, from, to } = inCapture(v);
        const viaHandler = new LicenseReader();
        const viaGeneral = new LicenseReader();
        for (const r of [viaHandler, viaGeneral]) {
          r.section = s;
          r.src = src;
          r.lineStart = 0;
          r.lineEnd = to;
        }
        handler?.(viaHandler, src, from, to, 'Status');
        statusOf(viaGeneral, v);
        expect({ data: viaHandler.data, warnings: viaHandler.warnings, section: viaHandler.section }).toEqual(
          {
            data: viaGeneral.data,
            warnings: viaGeneral.warnings,
            section: viaGeneral.section,
          },
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('whole outputs: a value read in place from the capture or from its own line', () => {
    const label = fc.constantFrom(
      'Status',
      'Communication Deadline',
      'Next Renewal Attempt',
      'Last Communication Attempt',
      'Initial Registration',
      'Export-Controlled Functionality',
      'Sending Hostname',
      'Type',
      'Count',
      'Port',
      'Evaluation Period Remaining',
    );
    const heading = fc.constantFrom(
      'Registration:',
      'License Authorization:',
      'Utility:',
      'Transport:',
      'Proxy:',
    );
    const duration = fc.constantFrom(
      '89 days, 1 hours, 33 minutes, 51 seconds',
      '1 day',
      '12',
      '007',
      '1e3',
      ' 5',
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(heading, label, fc.oneof(value, duration)), { maxLength: 6 }),
        (entries) => {
          // In place, values are read from the capture with other lines around them.
          const text = entries.map(([h, l, v]) => `${h}\n  ${l}: ${v}`).join('\n');
          same(new SmartLicenseParser(), parseSmartLicenseLines, text);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('show version lines read in place agree with the regular expressions', () => {
  const label = fc.constantFrom(
    'Model Id:',
    'Serial Number:',
    'License mode:',
    'License state:',
    'ASAv Platform License State:',
    'License Mode:',
    'Model Id',
    'Device Manager Version',
    'Firepower Extensible Operating System Version',
    'Licensed features for this platform:',
    'Failover cluster licensed features for this user context:',
    'Licensed features for this PLATFORM:',
    'features for this  Platform user:',
    'Maximum VLANs                     :',
  );
  const gap = fc.constantFrom('', ' ', '   ', '\t', ' \u00a0', '\u00a0');
  const text = fc.constantFrom(
    'ASAv30',
    'Smart Licensing',
    '7.8(2)',
    'JAD12345',
    'Licensed',
    'a\u2028b',
    'é',
    'x\x01y',
    '1024',
    'Maximum VLANs : 50',
    'features for this platform: x',
    'inside : 5',
    '',
  );
  const line = fc
    .tuple(fc.constantFrom('', 'x '), label, gap, text, fc.constantFrom('', ' tail', ': more'))
    .map(([pre, l, g, t, post]) => (pre + l + g + t + post).trimEnd());
  const colons = (t: string) => {
    const c1 = t.indexOf(':');
    return [c1, c1 < 0 ? -1 : t.indexOf(':', c1 + 1)] as const;
  };

  it('header lines as the rules read them', () => {
    fc.assert(
      fc.property(line, (t) => {
        const fast: ShowVersionData = {};
        if (!readPrintedHeader(fast, t, 0, t.length, colons(t)[0])) return;
        const rules: ShowVersionData = {};
        expect(applyHeaderRule(rules, t)).toBe(true);
        expect(fast).toEqual(rules);
      }),
      { numRuns: 3000 },
    );
  });

  it('collapsed lines as the regular expressions tell them', () => {
    // The check before lines were read in place: a substring and two regular expressions.
    const reference = (t: string) =>
      t.length > 90 ||
      (t.includes(':') &&
        (t.split(' : ').length > 2 ||
          (t.includes('features for this') && /features for this [a-z ]+: \S/.test(t))));
    fc.assert(
      fc.property(line, fc.constantFrom('', 'ab\n'), (t, before) => {
        const src = `${before}${t}\nLicensed features for this platform: x`;
        const [c1, c2] = colons(t);
        const at = before.length;
        const shift = (c: number) => (c < 0 ? -1 : c + at);
        expect(looksCollapsed(src, at, at + t.length, shift(c1), shift(c2))).toBe(reference(t));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('prompts read in place', () => {
  const part = fc.constantFrom(
    'fw',
    'FW1',
    '_x',
    '.a',
    '-b',
    'a.b-c_d',
    '/',
    '/pri',
    '/act',
    '(',
    ')',
    '(config)',
    '#',
    '>',
    ' ',
    '  ',
    'sh lic all',
    'x',
    'é',
    '\u2028',
    '\r',
    '\n',
    '\t',
  );
  it('agree with the prompt regular expression, on the line and inside a capture', () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), fc.constantFrom('', 'ab\n'), (parts, before) => {
        const line = parts.join('');
        const m = PROMPT.exec(line);
        expect(promptCommand(line)).toBe(m ? (m[3] ?? '') : undefined);
        const src = `${before}${line}\nnext# x`;
        const at = promptAt(src, before.length, before.length + line.length);
        expect(at < 0 ? undefined : src.slice(at, before.length + line.length)).toBe(
          m ? (m[3] ?? '') : undefined,
        );
      }),
      { numRuns: 5000 },
    );
  });
});
