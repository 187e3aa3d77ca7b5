// The contract suite: every capture in test/fixtures (bare outputs, session logs, collapsed pastes,
// filtered outputs), as saved and with CRLF line ends and pager remnants, goes through
// `smartlic parse --json` and through `smartlic audit --from --json`; both must find the same
// commands (with the same filters), and the audit must read the same data from each as parse.

import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSaved } from '../../src/audit/collect/index.ts';
import type { ParsedCommand } from '../../src/core/model.ts';
import { isLicensingCommand, parseOutput } from '../../src/text/index.ts';
import { runCli } from '../helpers/cli.ts';
import { CORPUS_DIR, DERIVED_DIR, SEED_DIR } from '../helpers/fixtures.ts';

const DIRS = [SEED_DIR, CORPUS_DIR, DERIVED_DIR];
let tmp: string;
const captures: { name: string; path: string }[] = [];

/** The same capture as a terminal log would hold it: a pager stop erased in the middle. */
function withPager(text: string): string {
  const lines = text.split('\n');
  const at = Math.floor(lines.length / 2);
  lines[at] = `<--- More --->\r              \r${lines[at]}`;
  return lines.join('\n');
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'smartlic-contract-'));
  // NAME.expected.json beside a corpus output is its checked parse, not a capture.
  for (const dir of DIRS)
    for (const f of (await readdir(dir)).filter((name) => !name.endsWith('.expected.json')).sort()) {
      const text = await readFile(join(dir, f), 'utf8');
      const stem = f.replace(/\.[a-z]+$/, '');
      const variants: [string, string][] = [
        ['', text],
        ['.crlf', text.replace(/\r?\n/g, '\r\n')],
        ['.pager', withPager(text)],
      ];
      for (const [suffix, body] of variants) {
        // Named so that the file name names no command: the content alone decides, as for parse.
        const path = join(tmp, `capture-${stem}${suffix}.txt`);
        await writeFile(path, body);
        captures.push({ name: `${f}${suffix}`, path });
      }
    }
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

const key = (command: string, filter: unknown) => `${command}${filter ? ` | ${JSON.stringify(filter)}` : ''}`;

describe('parse and audit --from read every capture alike', () => {
  it('covers every fixture, in three shapes', () => {
    expect(captures.length).toBeGreaterThanOrEqual(3 * 20);
  });

  it('find the same commands and the same data', async () => {
    for (const { name, path } of captures) {
      const parsed = await runCli(['parse', '--json', path], { cwd: tmp });
      expect([name, parsed.code, parsed.err]).toEqual([name, 0, '']);
      const entries = JSON.parse(parsed.out) as ParsedCommand[];
      expect([name, entries.length > 0]).toEqual([name, true]);

      const audited = await runCli(
        ['audit', '--from', path, '--json', '--no-history', '--now', '2026-01-20'],
        {
          cwd: tmp,
        },
      );
      expect([name, audited.err]).toEqual([name, '']);
      const [device] = JSON.parse(audited.out).devices;
      const fromParse = entries.map((e) => key(e.command, e.filter)).sort();
      const fromAudit = (device.outputs as { command: string; filter?: unknown }[])
        .map((o) => key(o.command, o.filter))
        .sort();
      expect([name, fromAudit]).toEqual([name, fromParse]);
      expect([name, device.findings.map((f: { code: string }) => f.code)]).not.toContainEqual(
        'NO_LICENSE_DATA',
      );

      // The data: each output the audit loaded, read with the parser parse gives its command.
      const [collection] = await loadSaved([path]);
      const licensing = (collection?.outputs ?? []).filter((o) => isLicensingCommand(o.command));
      const data = licensing.map((o) =>
        isLicensingCommand(o.command) ? parseOutput(o.command, o.text, o.source?.textLine ?? 1) : undefined,
      );
      expect([name, data.map((d) => d?.data)]).toEqual([name, entries.map((e) => e.data)]);
      expect([name, data.map((d) => d?.warnings)]).toEqual([name, entries.map((e) => e.warnings)]);
    }
  }, 120_000);
});
