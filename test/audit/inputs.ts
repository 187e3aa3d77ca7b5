// Inputs for audit tests: the user's seed document and the real ASA outputs in test/fixtures.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeviceCollection } from '../../src/audit/collect/types.ts';
import { CORPUS_DIR, SEED_FILE } from '../helpers/fixtures.ts';

export { CORPUS_DIR, SEED_FILE } from '../helpers/fixtures.ts';

export const readCorpus = (name: string) => readFileSync(join(CORPUS_DIR, name), 'utf8');

/** The seed's three condition snippets, picked out of the document by their own text. */
export function seedConditions(): { comm: string; authExpired: string; registrationLost: string } {
  const lines = readFileSync(SEED_FILE, 'utf8').split(/\r?\n/);
  const pick = (needle: string) => {
    const i = lines.findIndex((l) => l.includes(needle));
    if (i < 0) throw new Error(`seed: no line with ${needle}`);
    return i;
  };
  const comm = lines[pick('Communication Deadline: Apr 12 2026')] as string;
  const authExpired = lines[pick('AUTH EXPIRED on Dec 29 2025')] as string;
  const r = pick('Status: REGISTERING');
  const registrationLost = `${lines[r]}\n${lines[pick('License Authorization: Status: EVAL MODE')]}`;
  return { comm, authExpired, registrationLost };
}

/** The seed's `show license status` sample for Smart Transport (lines until "Callhome:"). */
export function seedSmartStatus(): string {
  const text = readFileSync(SEED_FILE, 'utf8');
  const start = text.indexOf('ASA# show license status');
  const end = text.indexOf('Callhome:', start);
  return text.slice(text.indexOf('\n', start) + 1, end);
}

/** The seed's `show run license` sample (`license smart` / `[..]` / `transport type callhome`). */
export function seedRunLicense(): string {
  const lines = readFileSync(SEED_FILE, 'utf8').split(/\r?\n/);
  const i = lines.findIndex((l) => l.trim() === 'ASA# show run license');
  if (i < 0) throw new Error('seed: no show run license sample');
  const out: string[] = [];
  for (const l of lines.slice(i + 1)) {
    if (!/^(license smart|\[\.\.\]|\s*transport type)/.test(l)) break;
    out.push(l.replace(/\s*<-+\s*$/, ''));
  }
  return out.join('\n');
}

/** The seed's proxy example as running config: `license smart` / ` transport proxy HOST port PORT`. */
export function seedProxyConfig(): string {
  const text = readFileSync(SEED_FILE, 'utf8');
  const m = /ASA\(config-smart-lic\)#(transport proxy \S+ port \d+)/.exec(text);
  if (!m) throw new Error('seed: no transport proxy example');
  return `license smart\n ${m[1]}\n`;
}

/**
 * The seed's three conditions as a saved fleet: asa-comm (communication deadline, with the seed's
 * `show license status`), asa-expired (authorization expired) and asa-eval (registration lost).
 */
export function seedFleet(): DeviceCollection[] {
  const seed = seedConditions();
  return [
    fileCollection(
      'asa-comm',
      { 'show license all': seed.comm, 'show license status': seedSmartStatus() },
      '2026-01-12T14:00:00Z',
    ),
    fileCollection('asa-expired', { 'show license all': seed.authExpired }, '2026-01-05T00:00:00Z'),
    fileCollection('asa-eval', { 'show license all': seed.registrationLost }, '2025-12-16T13:00:00Z'),
  ];
}

/** A file-sourced collection holding the given outputs. */
export function fileCollection(
  device: string,
  outputs: Record<string, string>,
  collectedAt: string,
): DeviceCollection {
  return {
    device,
    source: { kind: 'file', paths: [`${device}.txt`] },
    ok: true,
    outputs: Object.entries(outputs).map(([command, text]) => ({ command, text })),
    collectedAt,
    durationMs: 0,
  };
}
