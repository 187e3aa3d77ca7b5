// `smartlic fix` refusing what it cannot do safely or was asked wrongly, before any device is
// contacted: one line naming the flag or the file, exit 64 for usage and 4 for bad input.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors.ts';
import { runCli } from '../helpers/cli.ts';
import { readSeedFixture } from '../helpers/fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-fix-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fix = (...argv: string[]) => runCli(['fix', '--no-history', ...argv], { cwd: dir, env: {} });

describe('smartlic fix: usage and bad input', () => {
  writeFileSync(join(dir, 'hosts.yaml'), 'devices:\n  - { name: fw1, host: 127.0.0.1, port: 1 }\n');

  it.each([
    [[], /give --inventory FILE .* or --from-audit JSON/],
    [['--from-audit', 'a.json', '--apply', '--yes'], /--apply needs --inventory FILE/],
    [
      ['-i', 'hosts.yaml', '--apply'],
      /--apply asks for confirmation on a terminal: give --yes .*\(nothing was changed\)/,
    ],
    [
      ['-i', 'hosts.yaml', '--strategy', 'tftp'],
      /--strategy: expected one of callhome, proxy, smart, renew, got "tftp"/,
    ],
    [['-i', 'hosts.yaml', '--strategy', 'proxy'], /--strategy proxy needs --proxy HOST:PORT/],
    [['-i', 'hosts.yaml', '--proxy', 'p:3128'], /--proxy goes with --strategy proxy/],
    [['-i', 'hosts.yaml', '--strategy', 'proxy', '--proxy', 'p:99999'], /--proxy: expected HOST:PORT/],
    [['-i', 'hosts.yaml', '--poll', '0'], /--poll: expected a positive number of seconds, got "0"/],
  ])('%j is a usage error', async (argv, message) => {
    const r = await fix(...argv);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.code).toBe(EXIT.USAGE);
  });

  it('a saved audit that is missing, not JSON or not an audit is one line naming it, exit 4', async () => {
    writeFileSync(join(dir, 'not-json.json'), '{ nope');
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ generatedAt: 'x', devices: 3 }));
    for (const [file, why] of [
      ['missing.json', /missing\.json: cannot read the saved audit \(ENOENT\)/],
      ['not-json.json', /not-json\.json: not JSON: expected the output of smartlic audit --json/],
      ['other.json', /other\.json: not a smartlic audit --json report \(now: /],
    ] as const) {
      const r = await fix('--from-audit', file);
      expect(r.err).toMatch(why);
      expect(r.code).toBe(EXIT.RUN_FAILED);
    }
  });

  it('[v6]:port proxies are read; a saved audit without devices is a run with nothing to fix (4)', async () => {
    // Seed condition 1 on Smart Transport (the seed's show license status sample).
    mkdirSync(join(dir, 'fw1'));
    writeFileSync(join(dir, 'fw1', 'show-license-all.txt'), readSeedFixture('seed-condition-1.txt'));
    writeFileSync(join(dir, 'fw1', 'show-license-status.txt'), readSeedFixture('seed-status-smart.txt'));
    const audit = await runCli(['audit', '--from', 'fw1', '--json', '--no-history'], { cwd: dir, env: {} });
    writeFileSync(join(dir, 'one.json'), audit.out);
    const r = await fix('--from-audit', 'one.json', '--strategy', 'proxy', '--proxy', '[::1]:3128', '--json');
    expect(r.code, r.err).toBe(EXIT.OK);
    expect(JSON.parse(r.out)).toMatchObject({
      mode: 'plan',
      strategy: 'proxy',
      // Named after the `ASA#` prompt of the seed's status sample, not the folder.
      devices: [{ device: 'ASA', plan: { lines: ['transport proxy ::1 port 3128'] } }],
    });
    writeFileSync(join(dir, 'none.json'), JSON.stringify({ ...JSON.parse(audit.out), devices: [] }));
    const none = await fix('--from-audit', 'none.json');
    expect(none.err).toBe('smartlic: no device to fix\n');
    expect(none.code).toBe(EXIT.RUN_FAILED);
  });
});
