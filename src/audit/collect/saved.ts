// `--from DIR|FILE...`: DeviceCollections from saved outputs. Accepted shapes:
//   - a `--save-raw` folder per device (device.json + one file per command);
//   - a folder per device holding files named after commands (show-license-all.txt, ...) or
//     session logs;
//   - a file: a session log with prompts (one device per host its prompts name), or bare outputs;
//   - a folder of any of the above.
// Links are followed. A path that cannot be read or holds no ASA output becomes a failed
// DeviceCollection naming the file; the other paths are still loaded. Each device is named after
// its hostname, not its file (identity.ts), so captures of one device taken on different days are
// one device, and two devices never share a name.
//
// Cost is bounded: a file larger than MAX_CAPTURE_BYTES is refused (one failed device naming it),
// and a capture becomes its outputs' cleaned text with no object per line, so memory stays a small
// multiple of the bytes read.

import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type AsaPrompt, parseRunningConfig, parseShowVersion } from '../../text/index.ts';
import { outputsByHost } from './capture-file.ts';
import { commandFromFileName } from './commands.ts';
import { type LoadedDevice, type NameSource, settleNames } from './identity.ts';
import { isRawFolder, readRawFolder } from './raw.ts';
import { contextFromVersion } from './session.ts';
import type { CollectedOutput, DeviceCollection } from './types.ts';

/** Bytes of one saved file smartlic reads (ASA licensing captures are KB; a fleet log, MB). */
export const MAX_CAPTURE_BYTES = 256 * 1024 * 1024;

const TEXT_FILE = /\.(txt|log|out|cfg|conf)$|^[^.]+$/i;

export interface LoadSavedOptions {
  /** One line per thing the user should know (captures of one device, names made unique). */
  warn?: (line: string) => void;
}

function failed(
  device: string,
  paths: string[],
  code: 'READ_FAILED' | 'NO_OUTPUTS' | 'OUTPUT_TOO_LARGE',
  message: string,
): LoadedDevice {
  return {
    collection: {
      device,
      source: { kind: 'file', paths },
      ok: false,
      error: { phase: 'read', code, message },
      outputs: [],
      collectedAt: new Date(0).toISOString(),
      durationMs: 0,
    },
    nameFrom: 'file',
    where: paths[0] ?? device,
  };
}

const stem = (path: string) => basename(path).replace(/\.[A-Za-z0-9]+$/, '');
const errorCode = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** Reads a saved file whole, within MAX_CAPTURE_BYTES; a failed device when it cannot be. */
async function readCapture(path: string, size: number): Promise<string | LoadedDevice> {
  if (size > MAX_CAPTURE_BYTES)
    return failed(
      stem(path),
      [path],
      'OUTPUT_TOO_LARGE',
      `${path}: ${size} bytes is more than a capture may hold (${MAX_CAPTURE_BYTES}); not read`,
    );
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    return failed(stem(path), [path], 'READ_FAILED', `${path}: cannot read (${errorCode(e)})`);
  }
}

/** A device's name from what it printed: the prompt, show version, a full running-config. */
function hostnameOf(
  prompt: AsaPrompt | undefined,
  version: ReturnType<typeof parseShowVersion>['data'] | undefined,
  outputs: CollectedOutput[],
): { name: string; from: NameSource } | undefined {
  if (prompt?.hostname) return { name: prompt.hostname, from: 'prompt' };
  if (version?.hostname) return { name: version.hostname, from: 'show version' };
  for (const o of outputs)
    if (o.command === 'show running-config') {
      const h = parseRunningConfig(o.text, { full: true }).data.hostname;
      if (h) return { name: h, from: 'running-config' };
    }
  return undefined;
}

/** One device from its outputs (of one file, or of a folder's files). */
function deviceOf(
  fallbackName: string,
  where: string,
  paths: string[],
  outputs: CollectedOutput[],
  prompt: AsaPrompt | undefined,
  hostname: string | undefined,
  mtime: Date,
): LoadedDevice {
  const version = outputs.find((o) => o.command === 'show version');
  const versionData = version ? parseShowVersion(version.text).data : undefined;
  const context = versionData
    ? contextFromVersion(versionData, prompt ?? { text: '', hostname: '', privileged: true })
    : undefined;
  const named = hostname
    ? { name: hostname, from: 'prompt' as const }
    : hostnameOf(prompt, versionData, outputs);
  return {
    collection: {
      device: named?.name ?? fallbackName,
      source: { kind: 'file', paths },
      ok: true,
      outputs,
      ...(context ? { context } : {}),
      ...(prompt?.unit || prompt?.state ? { failover: { unit: prompt.unit, state: prompt.state } } : {}),
      collectedAt: mtime.toISOString(),
      durationMs: 0,
    },
    nameFrom: named?.from ?? 'file',
    where,
  };
}

const noOutputs = (name: string, paths: string[]) =>
  failed(
    name,
    paths,
    'NO_OUTPUTS',
    `${paths.join(', ') || name}: no ASA output recognised (expected a session log with prompts, or show license/show version output)`,
  );

/** One file: one device per host its prompts name (or one, for bare outputs). */
async function loadFile(path: string, size: number, mtime: Date): Promise<LoadedDevice[]> {
  const text = await readCapture(path, size);
  if (typeof text !== 'string') return [text];
  const { hosts, prompted } = outputsByHost(path, text);
  if (hosts.length === 0) {
    // A file whose content names no command may be named by its file name (`show-clock.txt`).
    const named = prompted ? undefined : commandFromFileName(basename(path));
    if (!named || text.trim() === '') return [noOutputs(stem(path), [path])];
    const outputs = [{ command: named, text, source: { file: path, line: 1, textLine: 1 } }];
    return [deviceOf(stem(path), path, [path], outputs, undefined, undefined, mtime)];
  }
  return hosts.map((h) => deviceOf(stem(path), path, [path], h.outputs, h.prompt, h.hostname, mtime));
}

/** A folder that is one device: its files' outputs together, named after the first host seen. */
async function loadFolderDevice(dir: string, files: string[], mtime: Date): Promise<LoadedDevice> {
  const outputs: CollectedOutput[] = [];
  let prompt: AsaPrompt | undefined;
  let hostname: string | undefined;
  for (const f of files) {
    let size: number;
    try {
      size = (await stat(f)).size;
    } catch (e) {
      return failed(basename(dir), files, 'READ_FAILED', `${f}: cannot read (${errorCode(e)})`);
    }
    const text = await readCapture(f, size);
    if (typeof text !== 'string')
      return { ...text, collection: { ...text.collection, device: basename(dir) } };
    const { hosts, prompted } = outputsByHost(f, text);
    for (const h of hosts) {
      outputs.push(...h.outputs);
      prompt = h.prompt ?? prompt;
      hostname ??= h.hostname;
    }
    if (hosts.length === 0 && !prompted) {
      const named = commandFromFileName(basename(f));
      if (named && text.trim() !== '')
        outputs.push({ command: named, text, source: { file: f, line: 1, textLine: 1 } });
    }
  }
  if (!outputs.length) return noOutputs(basename(dir), files);
  return deviceOf(basename(dir), dir, files, outputs, prompt, hostname, mtime);
}

async function loadRaw(dir: string): Promise<LoadedDevice> {
  const r = await readRawFolder(dir);
  if (!r.ok) return failed(basename(dir), [r.where], 'READ_FAILED', `${r.where}: ${r.why}`);
  return { collection: r.collection, nameFrom: 'manifest', where: dir };
}

/** An entry of a folder, links followed; undefined for what is neither a file nor a folder. */
async function entryOf(
  path: string,
): Promise<{ path: string; file: boolean; size: number; mtime: Date } | Error> {
  try {
    const st = await stat(path);
    if (st.isFile()) return { path, file: true, size: st.size, mtime: st.mtime };
    if (st.isDirectory()) return { path, file: false, size: 0, mtime: st.mtime };
    return new Error('not a regular file or a folder');
  } catch (e) {
    return new Error(`cannot read (${errorCode(e)})`);
  }
}

async function loadPath(path: string, nested: boolean, seen: Set<string>): Promise<LoadedDevice[]> {
  const self = await entryOf(path);
  if (self instanceof Error) return [failed(stem(path), [path], 'READ_FAILED', `${path}: ${self.message}`)];
  if (self.file) return loadFile(path, self.size, self.mtime);
  // A folder reached twice (a link to a folder already read) is read once.
  const real = await realpath(path).catch(() => path);
  if (seen.has(real)) return [];
  seen.add(real);
  if (await isRawFolder(path)) return [await loadRaw(path)];
  let names: string[];
  try {
    names = (await readdir(path)).filter((n) => !n.startsWith('.')).sort((a, b) => a.localeCompare(b));
  } catch (e) {
    return [failed(basename(path), [path], 'READ_FAILED', `${path}: cannot read (${errorCode(e)})`)];
  }
  const entries = await Promise.all(names.map((n) => entryOf(join(path, n))));
  const out: LoadedDevice[] = [];
  const files: { path: string; size: number; mtime: Date }[] = [];
  const dirs: string[] = [];
  for (const [i, e] of entries.entries()) {
    const p = join(path, names[i] as string);
    if (e instanceof Error) {
      // A broken link or an unreadable entry is named, not skipped.
      if (TEXT_FILE.test(names[i] as string))
        out.push(failed(stem(p), [p], 'READ_FAILED', `${p}: ${e.message}`));
    } else if (e.file) {
      if (TEXT_FILE.test(names[i] as string)) files.push(e);
    } else dirs.push(p);
  }
  // A folder inside the given folder is one device; so is a given folder of files named after
  // distinct commands. Otherwise each entry of the given folder is a device.
  const named = files.map((f) => commandFromFileName(basename(f.path)));
  const oneDevice =
    !dirs.length &&
    files.length > 0 &&
    named.every((c) => c !== undefined) &&
    // The same command twice means several devices' outputs (a corpus), not one device's.
    new Set(named).size === named.length;
  if (nested || oneDevice) {
    if (files.length === 0 && out.length === 0) return [noOutputs(basename(path), [path])];
    return [
      ...out,
      await loadFolderDevice(
        path,
        files.map((f) => f.path),
        self.mtime,
      ),
    ];
  }
  for (const d of dirs) out.push(...(await loadPath(d, true, seen)));
  for (const f of files) out.push(...(await loadFile(f.path, f.size, f.mtime)));
  return out;
}

/**
 * Load saved outputs for an offline audit; never throws for a bad path (it becomes a failed
 * device). Devices are named after their hostnames and each name is one device (identity.ts).
 */
export async function loadSaved(paths: string[], opts: LoadSavedOptions = {}): Promise<DeviceCollection[]> {
  const warn = opts.warn ?? (() => {});
  const loaded: LoadedDevice[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const found = await loadPath(p, false, seen);
    if (found.length === 0)
      warn(
        `${p}: no capture in it (files named *.txt, *.log, *.out, *.cfg, *.conf or without an extension are read)`,
      );
    loaded.push(...found);
  }
  return settleNames(loaded, warn);
}
