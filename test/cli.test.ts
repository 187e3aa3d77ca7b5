import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli.ts';

function captureIo() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  return {
    io: { stdout, stderr, env: {}, cwd: process.cwd() },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

describe('smartlic CLI entry', () => {
  it('lists every face of the tool in --help and exits 0', async () => {
    const cap = captureIo();
    const code = await main(['--help'], cap.io);
    expect(code).toBe(0);
    for (const command of ['parse', 'audit', 'history', 'probe', 'emulate', 'lab', 'demo']) {
      expect(cap.out()).toContain(command);
    }
  });

  it('answers an unknown command with a usage error (exit 3), not a stack trace', async () => {
    const cap = captureIo();
    const code = await main(['frobnicate'], cap.io);
    expect(code).toBe(3);
    expect(cap.err()).toMatch(/unknown command/);
    expect(cap.err()).not.toMatch(/\bat .+:\d+:\d+\)/);
  });
});
