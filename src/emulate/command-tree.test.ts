import { describe, expect, it } from 'vitest';
import { type CommandNode, describeMismatch, helpFor, matchLine } from './command-tree.ts';

type H = string;
const roots: CommandNode<H>[] = [
  {
    word: 'show',
    help: 'Show running system information',
    children: [
      {
        word: 'license',
        help: 'Show license information',
        children: [{ word: 'all', help: 'All', run: 'show-all' }],
      },
      { word: 'logging', help: 'Show logging', run: 'show-logging' },
    ],
  },
  {
    word: 'transport',
    help: 'Configure transport',
    children: [
      {
        word: 'proxy',
        help: 'Proxy',
        run: 'proxy',
        negatedOnly: true,
        children: [
          {
            arg: { name: 'WORD', help: 'Host' },
            help: 'Host',
            children: [
              {
                word: 'port',
                help: 'Port',
                children: [
                  {
                    arg: { name: '<1-65535>', help: 'Port number', pattern: /^\d+$/ },
                    help: 'Port number',
                    run: 'proxy',
                  },
                ],
              },
            ],
          },
        ],
      },
    ],
  },
];

describe('matchLine', () => {
  it('accepts unique prefixes and reports full words', () => {
    const r = matchLine(roots, 'sh lic a');
    expect(r).toEqual({
      ok: true,
      line: { handler: 'show-all', words: ['show', 'license', 'all'], args: {}, negated: false },
    });
  });

  it('says ambiguous when a prefix fits two words', () => {
    expect(matchLine(roots, 'show l')).toEqual({ ok: false, kind: 'ambiguous', text: 'show l' });
  });

  it('points at the first bad word', () => {
    expect(matchLine(roots, 'show  lisence all')).toEqual({ ok: false, kind: 'invalid', column: 6 });
    expect(matchLine(roots, 'show license all extra')).toEqual({ ok: false, kind: 'invalid', column: 17 });
  });

  it('collects arguments and checks their pattern', () => {
    const ok = matchLine(roots, 'transport proxy proxy.lab port 3128');
    expect(ok.ok && ok.line.args).toEqual({ WORD: 'proxy.lab', '<1-65535>': '3128' });
    expect(matchLine(roots, 'transport proxy proxy.lab port http')).toMatchObject({
      kind: 'invalid',
      column: 31,
    });
  });

  it('allows the short no form only when negated', () => {
    expect(matchLine(roots, 'transport proxy')).toEqual({ ok: false, kind: 'incomplete' });
    expect(matchLine(roots, 'no transport proxy', roots)).toMatchObject({
      ok: true,
      line: { negated: true },
    });
  });
});

describe('describeMismatch', () => {
  it('puts the caret under the column, after the prompt', () => {
    expect(describeMismatch({ ok: false, kind: 'invalid', column: 5 }, 5)).toEqual([
      '          ^',
      "ERROR: % Invalid input detected at '^' marker.",
    ]);
  });
});

describe('helpFor', () => {
  it('prints the ASA help layout, <cr> when complete', () => {
    expect(helpFor(roots, 'show ', 'exec', 6)).toEqual([
      '',
      'exec mode commands/options:',
      '  license  Show license information',
      '  logging  Show logging',
    ]);
    expect(helpFor(roots, 'show license all ', 'exec', 6)).toContain('  <cr>');
    expect(helpFor(roots, 'sh', 'exec', 6)).toEqual([
      '',
      'exec mode commands/options:',
      '  show  Show running system information',
    ]);
  });
});

describe('the show words of the text layer command table', () => {
  it('accept the ASA minimum prefixes and call shorter ones ambiguous, as the ASA does', async () => {
    const { EXEC_ROOTS } = await import('./cli-exec.ts');
    const ok = (line: string) => matchLine(EXEC_ROOTS, line).ok;
    expect(ok('sh lic all')).toBe(true);
    expect(ok('sh ver')).toBe(true);
    expect(ok('sh run call')).toBe(true);
    expect(ok('sh clo')).toBe(true);
    expect(matchLine(EXEC_ROOTS, 'sh l all')).toMatchObject({ ok: false, kind: 'ambiguous' });
    expect(matchLine(EXEC_ROOTS, 'sh ve')).toMatchObject({ ok: false, kind: 'ambiguous' });
  });
});
