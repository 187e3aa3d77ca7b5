import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.ts';

const cli = (...argv: string[]) => runCli(argv, { cwd: process.cwd() });

describe('smartlic CLI entry', () => {
  it('lists every face of the tool in --help and exits 0', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    for (const command of ['parse', 'audit', 'fix', 'history', 'probe', 'emulate', 'lab', 'demo']) {
      expect(out).toContain(command);
    }
  });

  it('answers an unknown command with a usage error (exit 64, EX_USAGE), not a stack trace', async () => {
    const { code, err } = await cli('frobnicate');
    expect(code).toBe(64);
    expect(err).toMatch(/unknown command/);
    expect(err).not.toMatch(/\bat .+:\d+:\d+\)/);
  });
});
