import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';
import type { ParsedCommand } from '../../src/core/model.ts';
import { parseCapture } from '../../src/text/index.ts';
import { FIXTURES_DIR } from './corpus.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-parse-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function captureIo(cwd: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c) => out.push(String(c)));
  stderr.on('data', (c) => err.push(String(c)));
  return { io: { stdout, stderr, env: {}, cwd }, out: () => out.join(''), err: () => err.join('') };
}

const seed = (name: string) => join(FIXTURES_DIR, name);

describe('smartlic parse', () => {
  it('prints a readable summary per command found', async () => {
    const cap = captureIo(dir);
    const code = await main(['parse', seed('seed-condition-1.txt'), seed('seed-condition-3.txt')], cap.io);
    expect(code).toBe(0);
    expect(cap.err()).toBe('');
    const out = cap.out();
    expect(out).toMatch(/seed-condition-1\.txt: show license status \(line 1\)/);
    expect(out).toMatch(/Authorization: +AUTHORIZED since 2026-01-12 13:11:25 UTC/);
    expect(out).toMatch(/Comm\. deadline: +2026-04-12 13:04:55 UTC/);
    expect(out).toMatch(/Last comm\.: +FAILED 2026-01-12 13:11:25 UTC \(Communication message send error\)/);
    expect(out).toMatch(/Registration: +REGISTERING - REGISTRATION IN PROGRESS/);
    expect(out).toMatch(/Export-ctrl: +NOT ALLOWED/);
  });

  it('--json prints the documented array [{file, command, data, warnings}]', async () => {
    const cap = captureIo(dir);
    const code = await main(['parse', '--json', seed('seed-condition-2.txt')], cap.io);
    expect(code).toBe(0);
    const parsed = JSON.parse(cap.out()) as ParsedCommand[];
    expect(parsed.map((p) => p.command)).toEqual(['show license status', 'show license features']);
    expect(parsed[0]).toMatchObject({
      file: seed('seed-condition-2.txt'),
      data: { authorization: { status: 'AUTH EXPIRED', communicationDeadline: { exceeded: true } } },
      warnings: [],
    });
  });

  it('--json streams, output by output, exactly the text JSON.stringify gives for the whole array', async () => {
    const files = [
      seed('seed-condition-2.txt'),
      seed('seed-status-callhome-collapsed.txt'),
      seed('seed-condition-1.txt'),
    ];
    const cap = captureIo(dir);
    expect(await main(['parse', '--json', ...files], cap.io)).toBe(0);
    const all = files.flatMap((f) => parseCapture(readFileSync(f, 'utf8'), f));
    expect(all.length).toBeGreaterThan(3);
    expect(cap.out()).toBe(`${JSON.stringify(all, null, 2)}\n`);
  });

  it('--json with no usable file prints an empty array', async () => {
    writeFileSync(join(dir, 'milk.txt'), 'remember to buy milk\n');
    const cap = captureIo(dir);
    expect(await main(['parse', '--json', 'milk.txt'], cap.io)).toBe(4);
    expect(cap.out()).toBe('[]\n');
  });

  it('bad files get one line each on stderr and exit 4, the good file is still printed', async () => {
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'blank.txt'), '\n  \n');
    writeFileSync(join(dir, 'image.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]));
    writeFileSync(join(dir, 'notes.txt'), 'remember to buy milk\n');
    const cap = captureIo(dir);
    const code = await main(
      [
        'parse',
        '--json',
        'missing.txt',
        'empty.txt',
        'blank.txt',
        'image.bin',
        'notes.txt',
        seed('seed-run-license.txt'),
      ],
      cap.io,
    );
    expect(code).toBe(4);
    const lines = cap.err().trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(
      /^smartlic: missing\.txt: cannot read: no such file; expected a saved ASA output/,
    );
    expect(lines[1]).toMatch(/^smartlic: empty\.txt: empty file; expected/);
    expect(lines[2]).toMatch(/^smartlic: blank\.txt: empty file; expected/);
    expect(lines[3]).toMatch(/^smartlic: image\.bin: binary data, not text; expected/);
    expect(lines[4]).toMatch(/^smartlic: notes\.txt: no licensing command output found; expected/);
    const parsed = JSON.parse(cap.out()) as ParsedCommand[];
    expect(parsed).toEqual([
      {
        file: seed('seed-run-license.txt'),
        command: 'show running-config license',
        data: { license: { smart: true, transport: { type: 'callhome' } } },
        warnings: [],
      },
    ]);
  });

  it('reports unknown lines as warnings with the file line, without failing', async () => {
    writeFileSync(
      join(dir, 'odd.txt'),
      'asa# show license status\nSmart Licensing is ENABLED\nWhat is this?\nasa#\n',
    );
    const cap = captureIo(dir);
    expect(await main(['parse', 'odd.txt'], cap.io)).toBe(0);
    expect(cap.out()).toContain(
      'warning: odd.txt:3: unrecognised line in a show license output: What is this?',
    );
  });
});
