// configureLines (src/audit/collect/configure.ts) against a scripted shell: the cases the
// emulator does not produce. ASA 9.x may ask about anonymous reporting at `configure terminal`
// (the question as our research notes quote Unicon's ASA mock data; no full capture of it is in
// test/fixtures): it is deferred with "A", which changes no configuration. A refused line stops
// the change there, says which and why, and leaves configuration mode.

import { describe, expect, it } from 'vitest';
import { configureLines } from '../../src/audit/collect/configure.ts';
import { Expect, type ShellChannel } from '../../src/audit/collect/expect.ts';
import type { ExecSession } from '../../src/audit/collect/session.ts';
import { INVALID_INPUT, parsePromptLine } from '../../src/text/index.ts';

const QUESTION =
  'Would you like to enable anonymous error reporting to help improve the product? [Y]es, [N]o, [A]sk later: ';

/** An ASA-like CLI, enough for configuration mode: prompts per mode, an optional question, a refused line. */
class ScriptedAsa implements ShellChannel {
  readonly typed: string[] = [];
  private mode = '';
  private asking = false;
  private readonly listeners: ((chunk: string) => void)[] = [];
  constructor(private readonly opts: { ask?: boolean; refuse?: string } = {}) {}

  on(event: 'data' | 'close', cb: (() => void) | ((chunk: Buffer | string) => void)): unknown {
    if (event === 'data') this.listeners.push(cb as (chunk: string) => void);
    return this;
  }

  write(data: string): unknown {
    const line = data.replace(/\r$/, '');
    this.typed.push(line);
    setImmediate(() => this.answer(line));
    return true;
  }

  private print(text: string) {
    for (const l of this.listeners) l(text);
  }

  private prompt() {
    return `fw1${this.mode ? `(${this.mode})` : ''}# `;
  }

  private answer(line: string) {
    if (this.asking) {
      this.asking = false;
      this.mode = 'config';
      return this.print(`${line}\r\n${this.prompt()}`);
    }
    if (line === 'configure terminal') {
      if (this.opts.ask) {
        this.asking = true;
        return this.print(`${line}\r\n${QUESTION}`);
      }
      this.mode = 'config';
    } else if (line === 'end') this.mode = '';
    else if (line === this.opts.refuse)
      return this.print(
        `${line}\r\n${' '.repeat(this.prompt().length)}^\r\n${INVALID_INPUT}\r\n${this.prompt()}`,
      );
    else if (line === 'license smart') this.mode = 'config-smart-lic';
    return this.print(`${line}\r\n${this.prompt()}`);
  }
}

function session(asa: ScriptedAsa): ExecSession {
  return {
    ex: new Expect(asa),
    prompt: parsePromptLine('fw1#') as ExecSession['prompt'],
    commandTimeoutMs: 2000,
  };
}

describe('configureLines', () => {
  it('types the lines under their parents and returns to exec', async () => {
    const asa = new ScriptedAsa();
    const s = session(asa);
    const r = await configureLines(s, { parents: ['license smart'], lines: ['transport type callhome'] });
    expect(r).toEqual({ accepted: ['license smart', 'transport type callhome'] });
    expect(asa.typed).toEqual(['configure terminal', 'license smart', 'transport type callhome', 'end']);
    expect(s.prompt.text).toBe('fw1#');
  });

  it('defers the anonymous-reporting question with "ask later", which changes nothing', async () => {
    const asa = new ScriptedAsa({ ask: true });
    const r = await configureLines(session(asa), {
      parents: ['license smart'],
      lines: ['transport type smart'],
    });
    expect(r.refused).toBeUndefined();
    expect(asa.typed).toEqual(['configure terminal', 'A', 'license smart', 'transport type smart', 'end']);
  });

  it('stops at a refused line, names it and the reason, and leaves configuration mode', async () => {
    const asa = new ScriptedAsa({ refuse: 'transport proxy p port 3128' });
    const s = session(asa);
    const r = await configureLines(s, {
      parents: ['license smart'],
      lines: ['transport type smart', 'transport proxy p port 3128', 'never typed'],
    });
    expect(r).toEqual({
      accepted: ['license smart', 'transport type smart'],
      refused: { line: 'transport proxy p port 3128', reason: INVALID_INPUT },
    });
    expect(asa.typed.at(-1)).toBe('end');
    expect(asa.typed).not.toContain('never typed');
    expect(s.prompt.text).toBe('fw1#');
  });
});
