import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS, MAX_TYPE_AHEAD_CHARS, TerminalInput } from './terminal-input.ts';

function input() {
  let echoed = '';
  const t = new TerminalInput((s) => {
    echoed += s;
  });
  return { t, echoed: () => echoed };
}

describe('TerminalInput', () => {
  it.each([
    ['CR', 'show version\r'],
    ['LF', 'show version\n'],
    ['CR LF', 'show version\r\n'],
  ])('ends a line once with %s', async (_name, typed) => {
    const { t } = input();
    t.feed(`${typed}next\r`);
    expect(await t.readLine()).toBe('show version');
    expect(await t.readLine()).toBe('next');
  });

  it('keeps type-ahead until it is read, and echoes it then', async () => {
    const { t, echoed } = input();
    t.feed('conf t\rlicense smart\r');
    expect(echoed()).toBe('');
    expect(await t.readLine()).toBe('conf t');
    expect(echoed()).toBe('conf t\r\n');
  });

  it('erases with backspace/DEL, a word with ctrl-W, the line with ctrl-U', async () => {
    const { t, echoed } = input();
    t.feed('shox\x7fw ver\bR\r');
    expect(await t.readLine()).toBe('show veR');
    t.feed('show license\x17version\r');
    expect(await t.readLine()).toBe('show version');
    t.feed('garbage\x15ok\r');
    expect(await t.readLine()).toBe('ok');
    expect(echoed()).toContain('\b \b');
  });

  it('swallows arrow-key escape sequences and masks secrets', async () => {
    const { t, echoed } = input();
    t.feed('a\x1b[Ab\r');
    expect(await t.readLine()).toBe('ab');
    t.feed('secret\r');
    expect(await t.readLine({ echo: 'star' })).toBe('secret');
    expect(echoed()).toContain('******\r\n');
    expect(echoed()).not.toContain('secret');
  });

  it('answers ? with help and redraws the prompt and the partial line', async () => {
    const { t, echoed } = input();
    t.feed('transport type ?callhome\r');
    const line = await t.readLine({ prefix: 'ASA# ', onHelp: (p) => `help for [${p}]\r\n` });
    expect(line).toBe('transport type callhome');
    expect(echoed()).toContain('?\r\nhelp for [transport type ]\r\nASA# transport type ');
  });

  it('reads single keys for the pager, CR LF as one CR', async () => {
    const { t } = input();
    t.feed('\r\n q');
    expect(await t.readKey()).toBe('\r');
    expect(await t.readKey()).toBe(' ');
    expect(await t.readKey()).toBe('q');
  });

  it('echoes a whole chunk in one write, and keeps a line to MAX_LINE_CHARS (bell once, then silence)', async () => {
    const writes: string[] = [];
    const t = new TerminalInput((text) => writes.push(text));
    const line = t.readLine();
    const chunk = 'x'.repeat(32 * 1024);
    const chunks = 160; // 5 MB typed without Enter
    for (let i = 0; i < chunks; i++) t.feed(chunk);
    expect(writes.length).toBeLessThanOrEqual(1);
    expect(writes.join('')).toBe(`${'x'.repeat(MAX_LINE_CHARS)}\x07`);
    t.feed('\x15show clock\r');
    expect(await line).toBe('show clock');
    expect(writes.length).toBe(2);
  });

  it('asks the client to wait while unread type-ahead is over its limit, and to go on once read', async () => {
    const signals: boolean[] = [];
    const t = new TerminalInput(
      () => undefined,
      '\r\n',
      (full) => signals.push(full),
    );
    t.feed(`${'y'.repeat(MAX_TYPE_AHEAD_CHARS - 1)}\r`);
    expect(signals).toEqual([]);
    t.feed('more\r');
    expect(signals).toEqual([true]);
    expect(await t.readLine()).toHaveLength(MAX_LINE_CHARS);
    expect(signals).toEqual([true, false]);
    expect(await t.readLine()).toBe('more');
  });
});
