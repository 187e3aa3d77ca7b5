// The fast paths of the text layer against the slow, obvious code they stand in for: the line
// scanner against split + cleanLine, the printed-shape date/duration readers against the regular
// expressions, and the offset-reading parsers against the same parsers reading line strings.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startMarker, startMarkerAt } from '../../src/text/commands.ts';
import { looseDuration, parseCiscoDate, parseCiscoDuration, parseLoose } from '../../src/text/dates.ts';
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
import { LineScanner } from '../../src/text/line-scanner.ts';
import { parseFeatureLine, readFeature } from '../../src/text/version/features.ts';
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
  while (s.next()) out.push({ n: s.n, src: s.src, start: s.start, end: s.end, text: s.lineText() });
  return out;
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
  const same = <T>(
    parser: OutputParser<T>,
    parse: (lines: ReturnType<typeof normalizeLines>) => unknown,
    text: string,
  ) => {
    for (const l of scan(text)) parser.line(l.src, l.start, l.end, l.n);
    expect(parser.result()).toEqual(parse(normalizeLines(text)));
  };
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
