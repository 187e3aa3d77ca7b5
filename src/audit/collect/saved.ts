// `--from DIR|FILE...`: DeviceCollections from saved outputs. Accepted shapes:
//   - a `--save-raw` folder per device (device.json + one file per command);
//   - a folder per device holding files named after commands (show-license-all.txt, ...) or
//     session logs;
//   - one file per device: a session log with prompts, or one bare output;
//   - a folder of any of the above.
// A path that cannot be read or holds no ASA output becomes a failed DeviceCollection naming the
// file; the other paths are still loaded.

import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type AsaPrompt, parsePromptLine, splitSession } from '../../text/index.ts';
import { commandFromFileName } from './commands.ts';
import { MANIFEST, type RawManifest } from './raw.ts';
import { contextOf } from './session.ts';
import type { CollectedOutput, DeviceCollection } from './types.ts';

const TEXT_FILE = /\.(txt|log|out|cfg|conf)$|^[^.]+$/i;

function failed(device: string, paths: string[], code: string, message: string): DeviceCollection {
  return {
    device,
    source: { kind: 'file', paths },
    ok: false,
    error: { phase: 'read', code, message },
    outputs: [],
    collectedAt: new Date(0).toISOString(),
    durationMs: 0,
  };
}

/**
 * The outputs in one file, found by the text layer's splitter, the one `smartlic parse` uses: a
 * session log's prompted commands (abbreviated, filtered, or with output pasted onto the line) and
 * bare outputs named by their content. A file whose content names no command may be named by its
 * file name (`show-clock.txt`). Also the last exec prompt seen, for failover and context segments.
 */
function outputsOfFile(path: string, text: string): { outputs: CollectedOutput[]; prompt?: AsaPrompt } {
  let prompt: AsaPrompt | undefined;
  const chunks = splitSession(text, (p) => {
    const parsed = parsePromptLine(p);
    if (parsed && parsed.mode === undefined) prompt = parsed;
  });
  const outputs: CollectedOutput[] = chunks.map((c) => ({
    command: c.command,
    text: `${c.lines.map((l) => l.text).join('\n')}\n`,
    source: { file: path, line: c.startLine, textLine: c.lines[0]?.n ?? c.startLine },
    ...(c.filter ? { filter: c.filter } : {}),
  }));
  if (outputs.length === 0 && prompt === undefined) {
    const named = commandFromFileName(basename(path));
    if (named && text.trim() !== '')
      outputs.push({ command: named, text, source: { file: path, line: 1, textLine: 1 } });
  }
  return { outputs, ...(prompt ? { prompt } : {}) };
}

async function loadDevice(device: string, files: string[], mtime: Date): Promise<DeviceCollection> {
  const outputs: CollectedOutput[] = [];
  let prompt: AsaPrompt | undefined;
  for (const f of files) {
    let text: string;
    try {
      text = await readFile(f, 'utf8');
    } catch (e) {
      return failed(device, files, 'READ_FAILED', `${f}: cannot read (${(e as NodeJS.ErrnoException).code})`);
    }
    const got = outputsOfFile(f, text);
    outputs.push(...got.outputs);
    prompt = got.prompt ?? prompt;
  }
  if (!outputs.length)
    return failed(
      device,
      files,
      'NO_OUTPUTS',
      `${files.join(', ') || device}: no ASA output recognised (expected a session log with prompts, or show license/show version output)`,
    );
  const version = outputs.find((o) => o.command === 'show version');
  const context = version
    ? contextOf(version.text, prompt ?? { text: '', hostname: '', privileged: true })
    : undefined;
  return {
    device,
    source: { kind: 'file', paths: files },
    ok: true,
    outputs,
    ...(context ? { context } : {}),
    ...(prompt?.unit || prompt?.state ? { failover: { unit: prompt.unit, state: prompt.state } } : {}),
    collectedAt: mtime.toISOString(),
    durationMs: 0,
  };
}

async function loadRawFolder(dir: string): Promise<DeviceCollection> {
  const manifestPath = join(dir, MANIFEST);
  let m: RawManifest;
  try {
    m = JSON.parse(await readFile(manifestPath, 'utf8')) as RawManifest;
  } catch (e) {
    return failed(
      basename(dir),
      [manifestPath],
      'READ_FAILED',
      `${manifestPath}: not a readable manifest (${(e as Error).message})`,
    );
  }
  const paths = m.files.map((f) => join(dir, f.file));
  const outputs: CollectedOutput[] = [];
  for (const f of m.files) {
    try {
      const file = join(dir, f.file);
      outputs.push({
        command: f.command,
        text: await readFile(file, 'utf8'),
        source: { file, line: 1, textLine: 1 },
      });
    } catch (e) {
      return failed(
        m.device,
        paths,
        'READ_FAILED',
        `${join(dir, f.file)}: cannot read (${(e as NodeJS.ErrnoException).code})`,
      );
    }
  }
  // Keep the original collection's verdict: a device that failed over SSH stays failed offline.
  return {
    device: m.device,
    source: { kind: 'file', paths: [manifestPath, ...paths] },
    ok: m.ok,
    ...(m.error ? { error: m.error } : {}),
    outputs,
    ...(m.context ? { context: m.context } : {}),
    ...(m.failover ? { failover: m.failover } : {}),
    collectedAt: m.collectedAt,
    durationMs: m.durationMs,
  };
}

const deviceName = (path: string) => basename(path).replace(/\.[A-Za-z0-9]+$/, '');

async function loadPath(path: string, nested = false): Promise<DeviceCollection[]> {
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(path);
  } catch (e) {
    return [
      failed(
        deviceName(path),
        [path],
        'READ_FAILED',
        `${path}: cannot read (${(e as NodeJS.ErrnoException).code})`,
      ),
    ];
  }
  if (st.isFile()) return [await loadDevice(deviceName(path), [path], st.mtime)];
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  if (entries.some((e) => e.isFile() && e.name === MANIFEST)) return [await loadRawFolder(path)];
  const files = entries.filter((e) => e.isFile() && TEXT_FILE.test(e.name) && !e.name.startsWith('.'));
  const dirs = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.'));
  // A folder inside the given folder is one device; so is a given folder of files named after
  // distinct commands. Otherwise each entry of the given folder is a device.
  const named = files.map((f) => commandFromFileName(f.name));
  const oneDevice =
    !dirs.length &&
    files.length > 0 &&
    named.every((c) => c !== undefined) &&
    // The same command twice means several devices' outputs (a corpus), not one device's.
    new Set(named).size === named.length;
  if (nested || oneDevice)
    return [
      await loadDevice(
        basename(path),
        files.map((f) => join(path, f.name)),
        st.mtime,
      ),
    ];
  const out: DeviceCollection[] = [];
  for (const d of dirs) out.push(...(await loadPath(join(path, d.name), true)));
  for (const f of files) {
    const p = join(path, f.name);
    out.push(await loadDevice(deviceName(p), [p], (await stat(p)).mtime));
  }
  return out;
}

/** Load saved outputs for an offline audit; never throws for a bad path (it becomes a failed device). */
export async function loadSaved(paths: string[]): Promise<DeviceCollection[]> {
  const out: DeviceCollection[] = [];
  for (const p of paths) out.push(...(await loadPath(p)));
  return out;
}
