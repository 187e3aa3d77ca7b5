import { describe, expect, it } from 'vitest';
import { classifyTail, extractOutput, parsePrompt } from '../../../src/audit/collect/prompt.ts';
import { cleanScreen as cleanTerminal } from '../../../src/text/index.ts';

describe('ASA prompts', () => {
  it('parses user, privileged, failover and context prompts', () => {
    expect(parsePrompt('fw1>')).toMatchObject({ hostname: 'fw1', privileged: false });
    expect(parsePrompt('banner\r\nfw1# ')).toMatchObject({ hostname: 'fw1', privileged: true, text: 'fw1#' });
    expect(parsePrompt('fw1/pri/act#')).toMatchObject({ unit: 'primary', state: 'active' });
    expect(parsePrompt('fw1/sec/stby#')).toMatchObject({ unit: 'secondary', state: 'standby' });
    expect(parsePrompt('fw1/cust-a#')).toMatchObject({ context: 'cust-a' });
    expect(parsePrompt('fw1/cust-a/sec/act#')).toMatchObject({
      context: 'cust-a',
      unit: 'secondary',
      state: 'active',
    });
    expect(parsePrompt('user@linux:~$ ')).toBeUndefined();
  });

  it('classifies what the device waits for', () => {
    expect(classifyTail('...\r\n<--- More --->')).toBe('more');
    expect(classifyTail('...\r\n<--- More --->\r\nlast line\r\nfw1# ')).toBe('prompt');
    expect(classifyTail('fw1(config)# ')).toBe('config');
    expect(classifyTail('fw1> enable\r\nPassword: ')).toBe('password');
    expect(classifyTail('Username: ')).toBe('login');
    expect(classifyTail('text\r\nfw1# ')).toBe('prompt');
    expect(classifyTail('$ ')).toBe('none');
  });

  it('cleans pager erasures and extracts one output', () => {
    const raw = 'show clock\r\nline1\r\n<--- More --->\r              \rline2\r\nfw1# ';
    expect(cleanTerminal(raw)).toBe('show clock\nline1\nline2\nfw1# ');
    expect(extractOutput(raw, 'show clock', 'fw1#')).toBe('line1\nline2\n');
  });
});
