import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commandFromFileName,
  type DeviceCollection,
  loadSaved,
  writeRaw,
} from '../../../src/audit/collect/index.ts';
import { splitSession } from '../../../src/text/index.ts';
import { CORPUS_DIR } from '../inputs.ts';

// The real outputs in test/fixtures/corpus.
const CORPUS = CORPUS_DIR;
const corpus = (f: string) => readFile(join(CORPUS, f), 'utf8');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'smartlic-offline-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('command recognition', () => {
  it("names commands by file name, through the text layer's command table", () => {
    expect(commandFromFileName('show-license-all__ntc-templates__1.txt')).toBe('show license all');
    expect(commandFromFileName('sh_lic_all.txt')).toBe('show license all');
    expect(commandFromFileName('show-clock.txt')).toBe('show clock');
    expect(commandFromFileName('show-license-all-notes.txt')).toBeUndefined();
    expect(commandFromFileName('show_running-config_call-home.txt')).toBe('show running-config call-home');
    expect(commandFromFileName('notes.txt')).toBeUndefined();
  });

  it('recognises every corpus output by its content', async () => {
    for (const f of await readdir(CORPUS)) {
      if (!f.endsWith('.txt')) continue;
      const text = await corpus(f);
      const want = commandFromFileName(f);
      // The genieparser sample 1 is a session excerpt with its prompt; content detection still works.
      expect([f, splitSession(text).map((c) => c.command)]).toEqual([f, [want]]);
    }
  });
});

describe('session logs', () => {
  it('splits a log with prompts, abbreviations, pager remnants and a failover prompt', async () => {
    const lic = await corpus('show-license-all__ntc-templates__1.txt');
    const ver = await corpus('show-version__ntc-templates__4.txt');
    const log = [
      'fw1/pri/act> enable',
      'Password: ********',
      'fw1/pri/act# sh ver',
      ver.trimEnd(),
      'fw1/pri/act# show license all',
      ...lic.trimEnd().split('\n').slice(0, 10),
      '<--- More --->',
      ...lic.trimEnd().split('\n').slice(10),
      'fw1/pri/act# exit',
      '',
    ].join('\r\n');
    const file = join(dir, 'fw1-session.log');
    await writeFile(file, log);
    const [c] = await loadSaved([file]);
    expect(c?.outputs.map((o) => [o.command, o.source?.line])).toEqual([
      ['show version', 3],
      ['show license all', expect.any(Number)],
    ]);
    // The pager remnant's line stays, emptied, so the lines keep the file's numbers.
    const nonBlank = (t: string | undefined) =>
      t
        ?.replace(/[ \t]+$/gm, '')
        .replace(/\n\n+/g, '\n')
        .trim();
    expect(nonBlank(c?.outputs[1]?.text)).toBe(nonBlank(lic));
    expect(c?.outputs[0]?.text.trim()).toBe(ver.replace(/[ \t]+$/gm, '').trim());
    expect(c?.failover).toEqual({ unit: 'primary', state: 'active' });
  });
});

describe('loadSaved and writeRaw', () => {
  it('loads a file per device, a folder per device, and a session log; bad paths fail alone', async () => {
    const root = join(dir, 'fleet');
    await mkdir(join(root, 'edge2'), { recursive: true });
    await writeFile(join(root, 'edge1.txt'), await corpus('show-license-all__ntc-templates__4.txt'));
    await writeFile(
      join(root, 'edge2', 'show-version.txt'),
      await corpus('show-version__ntc-templates__1.txt'),
    );
    await writeFile(
      join(root, 'edge2', 'show-license-all.txt'),
      await corpus('show-license-all__ntc-templates__3.txt'),
    );
    await writeFile(join(root, 'junk.txt'), 'hello world\n');
    const got = await loadSaved([root, join(dir, 'missing-file.log')]);
    const by = Object.fromEntries(got.map((c) => [c.device, c]));
    // A device is named after its hostname (edge2's show version says asa1), its file otherwise.
    expect(Object.keys(by).sort()).toEqual(['asa1', 'edge1', 'junk', 'missing-file']);
    expect(by.edge1?.outputs.map((o) => o.command)).toEqual(['show license all']);
    expect(by.asa1?.outputs.map((o) => o.command).sort()).toEqual(['show license all', 'show version']);
    expect(by.asa1?.source).toEqual({
      kind: 'file',
      paths: expect.arrayContaining([expect.stringContaining('edge2')]),
    });
    expect(by.asa1?.context).toEqual({ mode: 'single' });
    expect(by.junk?.error).toMatchObject({ phase: 'read', code: 'NO_OUTPUTS' });
    expect(by.junk?.error?.message).toContain('junk.txt');
    expect(by['missing-file']?.error).toMatchObject({ code: 'READ_FAILED' });
    expect(by['missing-file']?.error?.message).toContain('ENOENT');
  });

  it('a file of several bare outputs back to back is split by content', async () => {
    const file = join(dir, 'bare-combo.txt');
    const ver = await corpus('show-version__ntc-templates__4.txt');
    const lic = await corpus('show-license-all__ntc-templates__1.txt');
    await writeFile(file, `${ver.trimEnd()}\n${lic}`);
    const [c] = await loadSaved([file]);
    expect(c?.outputs.map((o) => o.command)).toEqual(['show version', 'show license all']);
    expect(c?.outputs[1]?.text).toContain('Smart Account: COMPANY LLC');
    expect(c?.outputs[0]?.text).not.toContain('Smart Licensing Status');
  });

  it('a folder of outputs of the same commands (the corpus) is one device per file, and one per host', async () => {
    const warnings: string[] = [];
    const got = await loadSaved([CORPUS], { warn: (w) => warnings.push(w) });
    const files = (await readdir(CORPUS)).filter((f) => f.endsWith('.txt'));
    const fileOf = (c: DeviceCollection) =>
      c.source.kind === 'file' ? basename(c.source.paths[0] ?? '') : '';
    for (const c of got) {
      expect([c.device, c.ok]).toEqual([c.device, true]);
      const f = fileOf(c);
      expect(c.outputs[0]?.command).toBe(commandFromFileName(f));
      // Show version names its host; the others name no host and are named after their files.
      if (f.startsWith('show-version')) expect(c.device).not.toBe(f.replace(/\.txt$/, ''));
      else expect(c.device).toBe(f.replace(/\.txt$/, ''));
    }
    // ntc-templates' show version samples 1 and 4 are one device (asa1, serial 9AT1L9EX0DF): one is
    // audited and the warning names both files.
    expect(got.filter((c) => c.device === 'asa1')).toHaveLength(1);
    expect(got).toHaveLength(files.length - 1);
    expect(warnings).toEqual([
      expect.stringMatching(/^"asa1": 2 captures of one device \(serial 9AT1L9EX0DF\)/),
    ]);
    expect(warnings[0]).toContain('show-version__ntc-templates__1.txt');
    expect(warnings[0]).toContain('show-version__ntc-templates__4.txt');
  });

  it('reads back what writeRaw wrote, failures included', async () => {
    const c: DeviceCollection = {
      device: 'dc1/fw 7',
      source: { kind: 'ssh', host: '127.0.0.1', port: 2222 },
      ok: false,
      error: {
        phase: 'timeout',
        code: 'COMMAND_TIMEOUT',
        message: 'no prompt after 100 ms while running show clock',
      },
      outputs: [
        { command: 'show version', text: await corpus('show-version__genieparser-asa__3.txt') },
        { command: 'show license all', text: await corpus('show-license-all__ntc-templates__1.txt') },
      ],
      context: { mode: 'multiple', current: 'system', isSystem: true },
      failover: { unit: 'secondary', state: 'standby' },
      collectedAt: '2027-01-12T13:09:43.000Z',
      durationMs: 1234,
    };
    const raw = join(dir, 'raw');
    const folder = await writeRaw(raw, c);
    expect((await readdir(folder)).sort()).toEqual([
      'device.json',
      'show-license-all.txt',
      'show-version.txt',
    ]);
    const [back] = await loadSaved([folder]);
    // Each output read back also says which file it came from.
    expect(back?.outputs.map((o) => o.source?.file.endsWith('.txt'))).toEqual(c.outputs.map(() => true));
    const plain = back?.outputs.map(({ command, text }) => ({ command, text }));
    expect({ ...back, outputs: plain, source: undefined }).toEqual({ ...c, source: undefined });
    expect(back?.source.kind).toBe('file');
    // A folder of raw folders loads too.
    expect((await loadSaved([raw])).map((x) => x.device)).toEqual(['dc1/fw 7']);
  });
});
