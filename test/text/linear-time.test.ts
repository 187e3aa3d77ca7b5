// Reading text costs time linear in its size, whatever it holds. Each reader (a capture through
// the splitter and parsers, one collected output through its parser, a live session's screen
// through the collector) is fed lines made of long runs of each hostile character class, in each
// place of an output where a different rule reads the line, with lines of n and of 4n characters
// in the same run. Linear code reads a line of 4n in about 4x the time of a line of n; code that
// rescans the line from each position (a backtracking regular expression, an overwrite loop)
// takes about 16x. The two texts hold the same number of characters (4 lines of n for each line of
// 4n), so the machine's costs per character (caches, the garbage collector's regimes for large
// strings) are alike in both and the per-line ratio is read from the ratio of the totals. The
// limit sits between 4x and 16x, with slack for a loaded machine; a case over it is measured again,
// best of several runs, before it fails.
//
// Lines here stay under MAX_LINE_CHARS, where only the readers' own cost counts; a last case
// feeds lines far over it, which are cut and must cost no more than reading them.

import { describe, expect, it } from 'vitest';
import { classifyTail, extractOutput, parsePrompt } from '../../src/audit/collect/prompt.ts';
import type { CommandName } from '../../src/core/model.ts';
import { MAX_LINE_CHARS, parseCapture, parseOutput } from '../../src/text/index.ts';

const VERSION = 'Cisco Adaptive Security Appliance Software Version 9.20(2)\n';
const LICENSE = 'Smart Licensing Status\n';

/** Where a line sits: what comes before it, and how the line itself starts. */
const PLACES: [name: string, before: string, lineStart: string][] = [
  ['a bare line', '', ''],
  ['under Smart Licensing Status', LICENSE, ''],
  ['a registration Status:', `${LICENSE}Registration:\n`, '  Status: '],
  ['a label that starts a collapsed line', LICENSE, 'Registration: '],
  ['an authorization status and its date', `${LICENSE}License Authorization:\n`, '  Status: AUTHORIZED'],
  ['a date value', `${LICENSE}Registration:\n`, '  Next Renewal Attempt: Jan '],
  ['a duration value', `${LICENSE}License Authorization:\n`, '  Evaluation Period Remaining: '],
  ['a usage entry', `${LICENSE}License Usage\n`, 'ASAv30 '],
  ['the UDI', `${LICENSE}Product Information\n`, 'UDI: '],
  ['a show version header', VERSION, 'Hardware: '],
  ['a feature line', `${VERSION}Licensed features for this platform:\n`, 'Failover : '],
  ['a feature name', `${VERSION}Licensed features for this platform:\n`, 'F'],
  ['license smart', 'license smart\n', ' '],
  ['a call-home profile', 'call-home\n profile CiscoTAC-1\n', '  '],
  ['a typed command', '', 'fw1# '],
];

/** Runs of what makes readers backtrack or rescan: blanks, arrows, separators, terminal controls. */
const RUNS = [
  ' ',
  '\t',
  '\u00a0',
  '<',
  '>',
  '-',
  '=',
  ':',
  '(',
  ')',
  ',',
  '\r',
  '\b',
  '\x1b[',
  '0',
  'a',
  'a ',
  ': ',
  '<-',
  'x\r',
  '1 ',
  'PID:',
  '(a)',
];

/** What follows the run on its line: nothing, or a character that makes a match fail late. */
const ENDS = ['', 'x'];

/** Lines of n characters in a text (a quarter as many of 4n). */
const LINES = 24;
const N = 1000;

/** `lines` lines of a run of about `chars` characters, after `before`. */
function textOf(
  before: string,
  lineStart: string,
  run: string,
  end: string,
  chars: number,
  lines: number,
): string {
  const line = `${lineStart}${run.repeat(Math.ceil(chars / run.length))}${end}\n`;
  return before + line.repeat(lines);
}

/**
 * CPU milliseconds `read` takes on `text`, best of `runs`: CPU time rather than wall time, so that
 * other work on a shared machine (which delays this process without costing it CPU) is not counted.
 */
function cost(read: (text: string) => unknown, text: string, runs: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    read(text);
    const used = process.cpuUsage(c0);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

// Per line, linear is ~4x and quadratic ~16x. Below FLOOR_MS a measurement is mostly noise.
const LIMIT = 9;
const FLOOR_MS = 2;

/**
 * The case, when reading a line of 4n cost more than LIMIT times a line of n (confirmed by a
 * second measurement, best of seven).
 */
function superLinear(
  read: (text: string) => unknown,
  make: (chars: number, lines: number) => string,
  label: string,
  n = N,
  lines = LINES,
): string[] {
  const short = make(n, lines);
  const long = make(4 * n, lines / 4);
  read(short); // compiled and warm before timing
  const perLine = (a: number, b: number) => (4 * b) / Math.max(a, 0.05);
  const a = cost(read, short, 1);
  const b = cost(read, long, 1);
  if (b < FLOOR_MS || perLine(a, b) <= LIMIT) return [];
  const a2 = cost(read, short, 7);
  const b2 = cost(read, long, 7);
  if (b2 < FLOOR_MS || perLine(a2, b2) <= LIMIT) return [];
  return [
    `${label}: ${lines} lines of ${n} characters ${a2.toFixed(2)} ms, ${lines / 4} of ${4 * n} ${b2.toFixed(2)} ms: a line of 4n costs ${perLine(a2, b2).toFixed(1)}x a line of n`,
  ];
}

const READERS: [string, (text: string) => unknown][] = [
  ['smartlic parse (splitter and parsers)', (t) => parseCapture(t, 'hostile.txt')],
  ...(['show license all', 'show version', 'show running-config'] as CommandName[]).map(
    (command): [string, (text: string) => unknown] => [
      `one collected ${command} output`,
      (t) => parseOutput(command, t),
    ],
  ),
  [
    'a live session screen (collector)',
    (t) => {
      classifyTail(t);
      parsePrompt(t);
      return extractOutput(t, 'show license all', 'fw1#');
    },
  ],
];

describe('reading costs time linear in the size of the text', () => {
  it.each(READERS)('%s', (_name, read) => {
    const slow: string[] = [];
    for (const [place, before, lineStart] of PLACES)
      for (const run of RUNS)
        for (const end of ENDS)
          slow.push(
            ...superLinear(
              read,
              (chars, lines) => textOf(before, lineStart, run, end, chars, lines),
              `${JSON.stringify(run)} runs ending ${JSON.stringify(end)} in ${place}`,
            ),
          );
    expect(slow).toEqual([]);
  });

  it('lines far over MAX_LINE_CHARS are cut, at a cost linear in their length', () => {
    const slow: string[] = [];
    for (const [name, read] of READERS)
      for (const [place, before, lineStart] of PLACES)
        for (const run of [' ', '<', ':', 'a ', '\r', '(a)'])
          slow.push(
            ...superLinear(
              read,
              (chars, lines) => textOf(before, lineStart, run, 'x', chars, lines),
              `${name}: ${JSON.stringify(run)} lines in ${place}`,
              3 * MAX_LINE_CHARS,
              8,
            ),
          );
    expect(slow).toEqual([]);
  });
});
