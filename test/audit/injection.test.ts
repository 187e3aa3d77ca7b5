// Text from devices is data in every view. A capture whose hostname, platform, proxy and file name
// carry terminal escape sequences (OSC 0 retitles the window, OSC 52 writes the clipboard, CSI
// moves the cursor) and markup: the table and its fix lines, warnings on stderr, `smartlic
// history`, `smartlic parse` and the HTML report pass none of it on; JSON escapes it.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { deviceIds, esc, terminalText } from '../../src/audit/report/escape.ts';
import { renderHtml } from '../../src/audit/report/html.ts';
import { runAudit } from '../../src/audit/run.ts';
import { runCli } from '../helpers/cli.ts';
import { fileCollection, readCorpus } from './inputs.ts';

const OSC_TITLE = '\x1b]0;pwned\x07';
const OSC_CLIPBOARD = '\x1b]52;c;cm0gLXJmIH4K\x1b\\';
const CSI = '\x1b[2J\x1b[1;1H';
const C1_CSI = '\x9b31m';
const HOSTILE = `${OSC_TITLE}${OSC_CLIPBOARD}${CSI}${C1_CSI}\u202e<script>alert(1)</script>`;

/** Any control character a terminal acts on (newline and tab are the views' own). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminalText', () => {
  it('removes escape sequences whole and other control characters, and keeps everything else', () => {
    expect(terminalText(`fw1${OSC_TITLE}-a`)).toBe('fw1-a');
    expect(terminalText(`fw1${OSC_CLIPBOARD}`)).toBe('fw1');
    expect(terminalText(`${CSI}fw1`)).toBe('fw1');
    expect(terminalText(`${C1_CSI}fw1`)).toBe('fw1');
    expect(terminalText('\x1bP1$r0m\x1b\\dcs')).toBe('dcs');
    // Unterminated: everything after the introducer goes.
    expect(terminalText('fw1\x1b]0;no end')).toBe('fw1');
    expect(terminalText('a\tb\nc\rd\x00e\x7f\u202eé')).toBe('a b c deé');
    expect(terminalText('ASA5516 – Ünïcødé 日本')).toBe('ASA5516 – Ünïcødé 日本');
  });

  it('never lets a control character through, and changes nothing else', () => {
    const piece = fc.constantFrom(
      '\x1b',
      '\x9b',
      '\x9d',
      '\x07',
      '\\',
      '[',
      ']',
      'P',
      '0',
      ';',
      'm',
      'a',
      ' ',
      'é',
      '\t',
      '\x00',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 30 }).map((a) => a.join('')),
        (s) => {
          const out = terminalText(s);
          expect(CONTROL.test(out)).toBe(false);
          expect(terminalText(out)).toBe(out);
          if (!CONTROL.test(s) && !/[\t\n\r]/.test(s)) expect(out).toBe(s);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('HTML: escaped, with no control character; ids never shared', () => {
    expect(esc(HOSTILE)).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    const ids = deviceIds(['fw 1', 'fw_1', 'fw-1', 'dup', 'dup', 'dup', 'dup.2']);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^dev-[A-Za-z0-9_.-]+$/);
  });
});

describe('hostile device text in every view', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smartlic-injection-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (args: string[]) => runCli(args, { cwd: dir, env: { XDG_DATA_HOME: join(dir, 'xdg') } });
  const NOW = '2019-01-15T00:00:00Z';

  // show version whose hostname and hardware carry the sequences; a config whose proxy does.
  const version = readCorpus('show-version__ntc-templates__1.txt')
    .replace('asa1 up', `asa1${HOSTILE} up`)
    .replace(/^Hardware:\s+/m, `Hardware:   ${OSC_CLIPBOARD}`);
  const capture = [
    'show version',
    version.trimEnd(),
    readCorpus('show-license-all__ntc-templates__1.txt').trimEnd(),
    'license smart',
    ` transport proxy ${OSC_TITLE}evil port 8080`,
    '',
  ].join('\n');
  // A file whose name carries them too (it names a device that prints no hostname).
  const fileName = `fw9${OSC_TITLE}${CSI}.txt`;
  mkdirSync(join(dir, 'captures'));
  writeFileSync(join(dir, 'captures', 'hostile.txt'), capture);
  writeFileSync(join(dir, 'captures', fileName), readCorpus('show-license-all__ntc-templates__3.txt'));

  it('the table with its fix lines, stderr, history and parse carry none of it', async () => {
    const audit = await cli(['audit', '--from', 'captures', '--now', NOW, '--db', 'h.db']);
    expect(audit.out).toContain('asa1');
    expect(audit.out).toContain('fix:');
    expect(audit.out).toContain('fw9');
    expect(CONTROL.test(audit.out)).toBe(false);
    expect(CONTROL.test(audit.err)).toBe(false);
    const summary = await cli(['audit', '--from', 'captures', '--now', NOW, '--no-history', '--summary']);
    expect(CONTROL.test(summary.out)).toBe(false);
    const history = await cli(['history', '--db', 'h.db']);
    expect(history.out).toContain('asa1');
    expect(CONTROL.test(history.out)).toBe(false);
    const parse = await cli(['parse', join('captures', 'hostile.txt'), join('captures', fileName)]);
    expect(parse.out).toContain('Hostname');
    expect(CONTROL.test(parse.out)).toBe(false);
    expect(CONTROL.test(parse.err)).toBe(false);
  });

  it('JSON escapes it, and the HTML report holds it as text only', async () => {
    const json = await cli(['audit', '--from', 'captures', '--now', NOW, '--no-history', '--json']);
    expect(CONTROL.test(json.out)).toBe(false);
    expect(json.out).toContain('\\u001b]0;pwned');
    const report = await runAudit({
      collections: [fileCollection(`asa1${HOSTILE}`, { 'show version': version }, '2019-01-01T00:00:00Z')],
      now: Date.parse(NOW),
    });
    const html = renderHtml(report);
    expect(CONTROL.test(html)).toBe(false);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
