// `--save-raw DIR`: keep what was collected so the same audit can be re-run offline later. One
// folder per device, one file per command, a manifest; every file written temp + rename. The
// collection never held a secret, and the manifest copies only whitelisted fields.
//
// Reading one back trusts nothing in it: the manifest is validated (a hand-edited `{}` or `null`
// is one failed device naming the file and the field), and the files it names must be plain
// names of files in its own folder (`../../etc/passwd`, a path, or a link out of the folder is
// refused).

import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { z } from 'zod';
import { cleanStaleTemps, writeFileAtomic } from '../../write-atomic.ts';
import { COLLECT_PHASES, type CollectedOutput, type DeviceCollection } from './types.ts';

export const MANIFEST = 'device.json';

/** A file-system-safe name for a command (`show license all` -> `show-license-all`). */
export function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '') || 'device';
}

const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The folder a device's raw capture is kept in: its name when that is already a safe file name,
 * else the safe form with a hash of the exact name after a `~` (a character safe names never
 * hold). Two names never share a folder: `fw 1` and `fw-1` are `fw-1~4f1c0a6e9d2b` and `fw-1`.
 */
export function rawFolderName(device: string): string {
  if (SAFE.test(device) && device.length <= 100) return device;
  const hash = createHash('sha256').update(device).digest('hex').slice(0, 12);
  return `${safeName(device).slice(0, 80)}~${hash}`;
}

const SourceSchema = z.union([
  z.object({ kind: z.literal('ssh'), host: z.string(), port: z.number().int() }),
  z.object({ kind: z.literal('file'), paths: z.array(z.string()) }),
]);

/** A raw folder's `device.json`. */
export const RawManifestSchema = z.object({
  device: z.string().min(1).max(1000),
  source: SourceSchema,
  ok: z.boolean(),
  error: z
    .object({ phase: z.enum(COLLECT_PHASES), code: z.string().max(100), message: z.string().max(10_000) })
    .optional(),
  context: z
    .object({
      mode: z.enum(['single', 'multiple']),
      current: z.string().optional(),
      isSystem: z.boolean().optional(),
    })
    .optional(),
  failover: z
    .object({
      unit: z.enum(['primary', 'secondary']).optional(),
      state: z.enum(['active', 'standby']).optional(),
    })
    .optional(),
  collectedAt: z.iso.datetime(),
  durationMs: z.number().nonnegative(),
  files: z.array(z.object({ command: z.string().min(1).max(200), file: z.string().min(1).max(255) })),
});
export type RawManifest = z.infer<typeof RawManifestSchema>;

/** A file name of the folder itself: no separator, not `.` or `..`, no NUL. */
const isPlainName = (f: string) => f !== '.' && f !== '..' && !/[/\\\0]/.test(f);

/**
 * Writes the raw captures of one audit run under `dir`: one folder per device (rawFolderName),
 * a device whose folder another device of the run already took gets `~2`, `~3`, … (and a folder
 * an earlier run left for another device is not written over). Temporary files that a killed run
 * left in a folder are removed the first time this run writes there.
 */
export class RawWriter {
  /** Folder name -> the device this run wrote there. */
  private readonly used = new Map<string, string>();

  constructor(private readonly dir: string) {}

  /** Write one device's collection; returns its folder. */
  async write(c: DeviceCollection): Promise<string> {
    const folder = join(this.dir, await this.folderFor(c.device));
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await cleanStaleTemps(folder);
    const files: RawManifest['files'] = [];
    for (const o of c.outputs) {
      const stem = safeName(o.command.replace(/\s+/g, '-'));
      let file = `${stem}.txt`;
      for (let n = 2; files.some((f) => f.file === file); n++) file = `${stem}-${n}.txt`;
      await writeFileAtomic(join(folder, file), o.text, 0o600);
      files.push({ command: o.command, file });
    }
    const manifest: RawManifest = {
      device: c.device,
      source: c.source,
      ok: c.ok,
      ...(c.error ? { error: { phase: c.error.phase, code: c.error.code, message: c.error.message } } : {}),
      ...(c.context ? { context: c.context } : {}),
      ...(c.failover ? { failover: c.failover } : {}),
      collectedAt: c.collectedAt,
      durationMs: c.durationMs,
      files,
    };
    await writeFileAtomic(join(folder, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, 0o600);
    return folder;
  }

  private async folderFor(device: string): Promise<string> {
    const base = rawFolderName(device);
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base}~${n}`;
      // Taken by this run (another device, or a second device of the same name), or kept by an
      // earlier run for another device: try the next.
      if (this.used.has(name)) continue;
      const earlier = await this.earlierOwner(name);
      if (earlier === undefined || earlier === device) {
        this.used.set(name, device);
        return name;
      }
    }
  }

  /** The device an earlier run kept in this folder, if its manifest says so. */
  private async earlierOwner(name: string): Promise<string | undefined> {
    try {
      const m = RawManifestSchema.safeParse(
        JSON.parse(await readFile(join(this.dir, name, MANIFEST), 'utf8')),
      );
      return m.success ? m.data.device : undefined;
    } catch {
      return undefined;
    }
  }
}

/** Write one device's collection under `dir/<folder>/` (see RawWriter); returns that folder. */
export function writeRaw(dir: string, c: DeviceCollection): Promise<string> {
  return new RawWriter(dir).write(c);
}

/** A raw folder read back, or why it could not be (`where` names the file at fault). */
export type RawRead = { ok: true; collection: DeviceCollection } | { ok: false; where: string; why: string };

/** Reads a `--save-raw` folder back exactly (a failed collection stays failed). */
export async function readRawFolder(dir: string): Promise<RawRead> {
  const manifestPath = join(dir, MANIFEST);
  let m: RawManifest;
  try {
    const parsed = RawManifestSchema.safeParse(JSON.parse(await readFile(manifestPath, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return {
        ok: false,
        where: manifestPath,
        why: `not a smartlic raw manifest: ${path}${issue?.message ?? 'invalid'}`,
      };
    }
    m = parsed.data;
  } catch (e) {
    return { ok: false, where: manifestPath, why: `not a readable manifest (${(e as Error).message})` };
  }
  const home = await realpath(dir);
  const outputs: CollectedOutput[] = [];
  const paths: string[] = [];
  for (const f of m.files) {
    const file = join(dir, f.file);
    if (!isPlainName(f.file))
      return {
        ok: false,
        where: manifestPath,
        why: `names ${JSON.stringify(f.file)}, which is not a file of its folder`,
      };
    try {
      const real = await realpath(file);
      if (!real.startsWith(home + sep))
        return { ok: false, where: file, why: 'is a link out of its folder (not read)' };
      if (!(await stat(real)).isFile()) return { ok: false, where: file, why: 'is not a regular file' };
      outputs.push({
        command: f.command,
        text: await readFile(real, 'utf8'),
        source: { file, line: 1, textLine: 1 },
      });
      paths.push(file);
    } catch (e) {
      return {
        ok: false,
        where: file,
        why: `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      };
    }
  }
  return {
    ok: true,
    collection: {
      device: m.device,
      source: { kind: 'file', paths: [manifestPath, ...paths] },
      ok: m.ok,
      ...(m.error ? { error: m.error } : {}),
      outputs,
      ...(m.context ? { context: m.context } : {}),
      ...(m.failover ? { failover: m.failover } : {}),
      collectedAt: m.collectedAt,
      durationMs: m.durationMs,
    },
  };
}

/** True when a folder holds a raw manifest. */
export async function isRawFolder(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).includes(MANIFEST);
  } catch {
    return false;
  }
}
