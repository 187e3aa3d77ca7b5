// The lab file (YAML): when the clock starts, the authority's accounts and pools, extra names for
// the lab resolver, the starting network policy, and the devices (in the emulator's device-spec
// format, validated by the emulator). Errors name the file, line and field.

import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { parseLabDevices } from '../emulate/device-spec.ts';
import { InputError } from '../errors.ts';
import { BLOCK_MODES, parseBlockTarget } from '../transport/policy.ts';
import { isLabTime, LAB_TIME_RANGE, parseTokenValidity } from './clock.ts';

const isoTime = z
  .string()
  .refine(
    (s) => isLabTime(Date.parse(s)),
    `expected an ISO-8601 time from ${LAB_TIME_RANGE}, e.g. 2026-01-12T13:09:43Z`,
  );

const pool = z.strictObject({
  tag: z.string().min(1),
  name: z.string().min(1).optional(),
  count: z.number().int().min(0),
  exportRestricted: z.boolean().optional(),
});

const blockTarget = z.string().refine((t) => {
  try {
    parseBlockTarget(t);
    return true;
  } catch {
    return false;
  }
}, 'expected host or host:port (port 1-65535)');

const rule = z.strictObject({
  block: blockTarget,
  device: z.string().min(1).optional(),
  mode: z.enum(BLOCK_MODES).optional(),
});

export const labFileSchema = z.strictObject({
  /** Virtual time the lab starts at; default: the wall clock at start. */
  start: isoTime.optional(),
  /** Clock speed factor (0 = only moves when advanced). */
  speed: z.number().min(0).optional(),
  authority: z
    .strictObject({
      smartAccount: z.string().min(1).optional(),
      virtualAccount: z.string().min(1).optional(),
      exportControlAllowed: z.boolean().optional(),
      pools: z.array(pool).optional(),
    })
    .optional(),
  /**
   * Extra names for the lab resolver: `name` or `name:port` → `127.0.0.1:PORT`, or `gateway` for
   * the lab's own CONNECT gateway (a proxy that reaches the lab's "internet").
   */
  hosts: z
    .record(
      z.string(),
      z
        .string()
        .regex(
          /^(gateway|(127\.\d+\.\d+\.\d+|\[::1\]|::1|localhost):\d{1,5})$/,
          'expected 127.x.x.x:PORT, localhost:PORT, [::1]:PORT or gateway (the lab never leaves loopback)',
        ),
    )
    .optional(),
  network: z.array(rule).optional(),
  /** Device specs as the emulator reads them (src/emulate). */
  devices: z.array(z.record(z.string(), z.unknown())).default([]),
  /** ID tokens to mint at start and print (handy for scripts): name → options. */
  tokens: z
    .record(
      z.string(),
      z.strictObject({
        uses: z.number().int().min(1).optional(),
        expires: z.string().optional(),
        virtualAccount: z.string().optional(),
      }),
    )
    .optional(),
});

export type LabFile = z.infer<typeof labFileSchema>;

/** Parse lab YAML text; `file` is only used in error messages. */
export function parseLabFile(text: string, file = '<lab>'): LabFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = lineCounter.linePos(yamlError.pos[0]);
    throw new InputError('LAB_FILE', `not valid YAML: ${yamlError.message.split('\n')[0]}`, {
      file,
      line: pos.line,
      column: pos.col,
    });
  }
  const parsed = labFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    const node = doc.getIn(path as (string | number)[], true) as { range?: [number, number] } | undefined;
    const pos = node?.range ? lineCounter.linePos(node.range[0]) : undefined;
    throw new InputError('LAB_FILE', `${path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`, {
      file,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
    });
  }
  if (parsed.data.devices.length > 0) {
    // The emulator owns the device format: its parser names file:line:column of a bad device.
    parsed.data.devices = parseLabDevices(text, file) as unknown as Record<string, unknown>[];
  }
  for (const [name, t] of Object.entries(parsed.data.tokens ?? {})) {
    if (t.expires !== undefined && parseTokenValidity(t.expires) === undefined) {
      throw new InputError(
        'LAB_FILE',
        `tokens.${name}.expires: expected a duration up to 365d, like 30d, got ${JSON.stringify(t.expires)}`,
        { file },
      );
    }
  }
  return parsed.data;
}

/** Read and parse a lab file from disk. */
export function loadLabFile(path: string): LabFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(
      'LAB_FILE',
      `cannot read lab file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { file: path },
      error,
    );
  }
  return parseLabFile(text, path);
}
