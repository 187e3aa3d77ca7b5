// `audit --from` on bad and hostile input loses nothing silently: a device is its hostname, so
// captures of one device on different days are one device (history joins them) and two devices
// never share a name; hand-edited manifests are one failed device each, confined to their folder;
// links are followed; an empty folder is a run that could not proceed; raw folders of two names
// never collide; a file too large is refused unread; temporary files of a killed run are cleaned.

import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type DeviceCollection,
  loadSaved,
  MAX_CAPTURE_BYTES,
  RawWriter,
  rawFolderName,
} from '../../src/audit/collect/index.ts';
import type { AuditReport } from '../../src/audit/report/contract.ts';
import { EXIT } from '../../src/errors.ts';
import { cleanStaleTemps } from '../../src/write-atomic.ts';
import { runCli } from '../helpers/cli.ts';
import { REPO_ROOT } from '../helpers/fixtures.ts';
import { readCorpus } from './inputs.ts';

const dir = mkdtempSync(join(tmpdir(), 'smartlic-saved-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** A fresh folder under the test's own. */
const folder = (name = `case${n++}`) => {
  const p = join(dir, name);
  mkdirSync(p, { recursive: true });
  return p;
};
const cli = (args: string[], cwd = dir) => runCli(args, { cwd, env: { XDG_DATA_HOME: join(dir, 'xdg') } });

// The corpus' show license all was captured in December 2018: audited a few weeks later.
const LICENSE = readCorpus('show-license-all__ntc-templates__1.txt');
const NOW = '2019-01-15T00:00:00Z';
const VERSION = readCorpus('show-version__ntc-templates__1.txt'); // asa1, serial 9AT1L9EX0DF
const OTHER_VERSION = readCorpus('show-version__hpreston-devasc-inventory__1.txt'); // 9ACJJ5Q1Q1X

/** A session log of `host`: show version, show license all and, if given, show clock. */
function sessionLog(host: string, version: string, clock?: string): string {
  const lines = [`${host}# show version`, version.trimEnd(), `${host}# show license all`, LICENSE.trimEnd()];
  if (clock) lines.push(`${host}# show clock`, clock);
  lines.push(`${host}# exit`, '');
  return lines.join('\n');
}

const names = (cs: DeviceCollection[]) => cs.map((c) => c.device).sort();

describe('device identity', () => {
  it('a capture is named after its host, not its file; one file with two hosts is two devices', async () => {
    const d = folder();
    writeFileSync(join(d, 'fw1-2018-12-04.log'), sessionLog('fw1', VERSION));
    writeFileSync(join(d, 'fleet.log'), sessionLog('fw7', VERSION) + sessionLog('fw8', OTHER_VERSION));
    const got = await loadSaved([d]);
    expect(names(got)).toEqual(['fw1', 'fw7', 'fw8']);
    expect(got.find((c) => c.device === 'fw8')?.outputs.map((o) => o.source?.line)).toEqual([
      expect.any(Number),
      expect.any(Number),
    ]);
  });

  it('two captures of one device on different days: one device, the newest audited, said once', async () => {
    const d = folder();
    const day1 = join(d, 'fw1-2018-12-04.log');
    const day2 = join(d, 'fw1-2018-12-05.log');
    writeFileSync(day1, sessionLog('fw1', VERSION, '09:00:00.000 UTC Tue Dec 4 2018'));
    writeFileSync(day2, sessionLog('fw1', VERSION, '09:00:00.000 UTC Wed Dec 5 2018'));
    const warnings: string[] = [];
    // Given newest first: the capture's own clock decides, not the order or the files' times.
    const got = await loadSaved([day2, day1], { warn: (w) => warnings.push(w) });
    expect(names(got)).toEqual(['fw1']);
    expect(got[0]?.source).toEqual({ kind: 'file', paths: [day2] });
    expect(warnings).toEqual([
      `"fw1": 2 captures of one device (serial 9AT1L9EX0DF): auditing the newest, ${day2} (2018-12-05T09:00:00); not audited: ${day1} (2018-12-04T09:00:00)`,
    ]);
  });

  it('history joins captures of one device across days', async () => {
    const d = folder();
    writeFileSync(
      join(d, 'fw1-2018-12-04.log'),
      sessionLog('fw1', VERSION, '09:00:00.000 UTC Tue Dec 4 2018'),
    );
    writeFileSync(
      join(d, 'fw1-2018-12-05.log'),
      sessionLog('fw1', VERSION, '09:00:00.000 UTC Wed Dec 5 2018'),
    );
    const db = join(d, 'history.db');
    for (const day of ['04', '05']) {
      const r = await cli([
        'audit',
        '--from',
        join(d, `fw1-2018-12-${day}.log`),
        '--now',
        'device',
        '--db',
        db,
      ]);
      expect(r.err).toBe('');
    }
    const h = await cli(['history', '--db', db, '--json']);
    const out = JSON.parse(h.out) as { devices: Record<string, unknown[]> };
    expect(Object.keys(out.devices)).toEqual(['fw1']);
    expect(out.devices.fw1).toHaveLength(2);
  });

  it('two devices with one hostname and different serials are both audited, each named with its serial', async () => {
    const site1 = folder('site1');
    const site2 = folder('site2');
    writeFileSync(join(site1, 'fw1.txt'), sessionLog('fw1', VERSION));
    writeFileSync(
      join(site2, 'fw1.txt'),
      sessionLog('fw1', OTHER_VERSION.replace('edge-firewall01 up', 'fw1 up')),
    );
    const r = await cli([
      'audit',
      '--from',
      'site1/fw1.txt',
      'site2/fw1.txt',
      '--now',
      NOW,
      '--json',
      '--no-history',
    ]);
    const report = JSON.parse(r.out) as AuditReport;
    expect(report.devices.map((x) => x.device).sort()).toEqual([
      'fw1 (SN 9ACJJ5Q1Q1X)',
      'fw1 (SN 9AT1L9EX0DF)',
    ]);
    expect(r.err).toContain(
      `smartlic: warning: 2 devices are named "fw1" (their serial numbers differ): ${join(site1, 'fw1.txt')} is audited as "fw1 (SN 9AT1L9EX0DF)", ${join(site2, 'fw1.txt')} is audited as "fw1 (SN 9ACJJ5Q1Q1X)"`,
    );
  });

  it('captures that name no host and share a file name are told apart by their folders', async () => {
    const a = folder('east');
    const b = folder('west');
    writeFileSync(join(a, 'fw9.txt'), LICENSE);
    writeFileSync(join(b, 'fw9.txt'), LICENSE);
    const warnings: string[] = [];
    const got = await loadSaved([join(a, 'fw9.txt'), join(b, 'fw9.txt')], { warn: (w) => warnings.push(w) });
    expect(names(got)).toEqual(['east/fw9', 'west/fw9']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`${join(a, 'fw9.txt')} is audited as "east/fw9"`);
  });
});

describe('raw captures (--save-raw)', () => {
  const collection = (device: string): DeviceCollection => ({
    device,
    source: { kind: 'ssh', host: '127.0.0.1', port: 22 },
    ok: true,
    outputs: [{ command: 'show license all', text: LICENSE }],
    collectedAt: '2018-12-04T00:00:00.000Z',
    durationMs: 10,
  });

  it('names that map to one file name get folders of their own, and read back as themselves', async () => {
    const raw = folder();
    const w = new RawWriter(raw);
    const folders = [
      await w.write(collection('fw 1')),
      await w.write(collection('fw-1')),
      await w.write(collection('fw/1')),
    ];
    expect(new Set(folders).size).toBe(3);
    expect(rawFolderName('fw-1')).toBe('fw-1');
    expect(rawFolderName('fw 1')).toMatch(/^fw-1~[0-9a-f]{12}$/);
    expect(names(await loadSaved([raw]))).toEqual(['fw 1', 'fw-1', 'fw/1']);
    // A second run writes each device over its own folder, not another's.
    await new RawWriter(raw).write(collection('fw 1'));
    expect(readdirSync(raw)).toHaveLength(3);
  });

  it('a hand-edited manifest is one failed device naming the file; the other devices are audited', async () => {
    const raw = folder('raw-fleet');
    const w = new RawWriter(raw);
    for (let i = 0; i < 10; i++) await w.write(collection(`good${i}`));
    const bad: Record<string, string> = {
      empty: '{}',
      null: 'null',
      array: '[]',
      'not-json': '{"device":',
      'wrong-type': JSON.stringify({
        ...JSON.parse(readFileSync(join(raw, 'good0', 'device.json'), 'utf8')),
        ok: 'yes',
      }),
    };
    for (const [name, text] of Object.entries(bad)) {
      mkdirSync(join(raw, name));
      writeFileSync(join(raw, name, 'device.json'), text);
    }
    const r = await cli(['audit', '--from', raw, '--now', NOW, '--json', '--no-history']);
    // Not a crash (70), nor a run that could not proceed: some devices could not be checked.
    expect(r.code).toBe(EXIT.UNKNOWN);
    const report = JSON.parse(r.out) as AuditReport;
    const rows = Object.fromEntries(report.devices.map((d) => [d.device, d]));
    for (let i = 0; i < 10; i++) expect(rows[`good${i}`]?.ok).toBe(true);
    for (const name of Object.keys(bad)) {
      expect(rows[name]?.error?.code).toBe('READ_FAILED');
      expect(rows[name]?.error?.message).toContain(join(raw, name, 'device.json'));
    }
    expect(rows['wrong-type']?.error?.message).toMatch(/not a smartlic raw manifest: ok: /);
  });

  it('a manifest cannot make smartlic read outside its folder', async () => {
    const raw = folder('raw-escape');
    const w = new RawWriter(raw);
    const good = await w.write(collection('fw1'));
    const secret = join(dir, 'secret.txt');
    writeFileSync(secret, 'SECRET CONTENT\n');
    const manifest = JSON.parse(readFileSync(join(good, 'device.json'), 'utf8'));
    const cases: Record<string, (folderPath: string) => void> = {
      dotdot: (f) =>
        writeFileSync(
          join(f, 'device.json'),
          JSON.stringify({
            ...manifest,
            device: 'dotdot',
            files: [{ command: 'show version', file: '../../secret.txt' }],
          }),
        ),
      absolute: (f) =>
        writeFileSync(
          join(f, 'device.json'),
          JSON.stringify({
            ...manifest,
            device: 'absolute',
            files: [{ command: 'show version', file: secret }],
          }),
        ),
      link: (f) => {
        symlinkSync(secret, join(f, 'show-version.txt'));
        writeFileSync(
          join(f, 'device.json'),
          JSON.stringify({
            ...manifest,
            device: 'link',
            files: [{ command: 'show version', file: 'show-version.txt' }],
          }),
        );
      },
    };
    for (const [name, make] of Object.entries(cases)) {
      mkdirSync(join(raw, name));
      make(join(raw, name));
    }
    const got = await loadSaved([raw]);
    expect(JSON.stringify(got)).not.toContain('SECRET CONTENT');
    const rows = Object.fromEntries(got.map((c) => [c.device, c]));
    expect(rows.fw1?.ok).toBe(true);
    expect(rows.dotdot?.error?.message).toContain('"../../secret.txt", which is not a file of its folder');
    expect(rows.absolute?.error?.message).toContain('which is not a file of its folder');
    expect(rows.link?.error?.message).toContain('is a link out of its folder');
  });
});

describe('folders, links and sizes', () => {
  it('an empty folder, or one with nothing to read, is a run that could not proceed, said in one line', async () => {
    const empty = folder();
    const r = await cli(['audit', '--from', empty, '--no-history']);
    expect(r.code).toBe(EXIT.RUN_FAILED);
    expect(r.err).toBe(
      `smartlic: warning: ${empty}: no capture in it (files named *.txt, *.log, *.out, *.cfg, *.conf or without an extension are read)\nsmartlic: no device to audit\n`,
    );
  });

  it('links are followed; a broken link is a failed device naming it', async () => {
    const real = folder();
    writeFileSync(join(real, 'asa1.log'), sessionLog('asa1', VERSION));
    const links = folder();
    symlinkSync(join(real, 'asa1.log'), join(links, 'asa1.log'));
    symlinkSync(join(real, 'gone.log'), join(links, 'gone.log'));
    const got = await loadSaved([links]);
    expect(names(got)).toEqual(['asa1', 'gone']);
    expect(got.find((c) => c.device === 'asa1')?.ok).toBe(true);
    expect(got.find((c) => c.device === 'gone')?.error).toMatchObject({ code: 'READ_FAILED' });
    expect(got.find((c) => c.device === 'gone')?.error?.message).toContain('ENOENT');
  });

  it('a file larger than a capture may be is refused without being read', async () => {
    const d = folder();
    const huge = join(d, 'huge.log');
    writeFileSync(huge, '');
    truncateSync(huge, MAX_CAPTURE_BYTES + 1); // sparse: no disk used, nothing to read
    const [c] = await loadSaved([huge]);
    expect(c?.error).toMatchObject({ phase: 'read', code: 'OUTPUT_TOO_LARGE' });
    expect(c?.error?.message).toContain(
      `${huge}: ${MAX_CAPTURE_BYTES + 1} bytes is more than a capture may hold`,
    );
  });
});

describe('temporary files of a killed run', () => {
  it('are removed by the next run that writes in the folder; a live writer keeps its own', async () => {
    const d = folder();
    // A writer that never finishes its file, killed with SIGKILL mid-write.
    const script = `
      const { writeFileAtomic } = await import(${JSON.stringify(join(REPO_ROOT, 'src/write-atomic.ts'))});
      async function* forever() { yield 'partial'; process.stdout.write('writing\\n'); await new Promise(() => {}); }
      await writeFileAtomic(${JSON.stringify(join(d, 'report.html'))}, forever());
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const left = readdirSync(d).filter((f) => f.endsWith('.tmp'));
    expect(left).toHaveLength(1);
    // A temporary file of this (live) process, as old: kept.
    const mine = `.other.html.${process.pid}.0123456789ab.tmp`;
    writeFileSync(join(d, mine), 'in progress');
    const old = new Date(Date.now() - 11 * 60 * 1000);
    for (const f of [...left, mine]) utimesSync(join(d, f), old, old);
    await cleanStaleTemps(d);
    expect(readdirSync(d).sort()).toEqual([mine]);
    expect(existsSync(join(d, 'report.html'))).toBe(false);
  });
});
