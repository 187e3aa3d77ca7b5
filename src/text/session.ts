// Splits a file into per-command chunks. A session log holds prompts and typed commands
// (`asa/pri/act# sh lic all`), each followed by its output; a bare output has no prompt and is
// recognised by its content. Chunks keep the file's line numbers so warnings point at the file.

import type { CommandName } from '../core/model.ts';
import {
  commandForContent,
  type OutputFamily,
  type ResolvedCommand,
  resolveCommand,
  startMarker,
  startMarkerAt,
} from './commands.ts';
import { LineScanner } from './line-scanner.ts';
import type { Line } from './normalize.ts';

/** One command's output inside a file. */
export interface CommandChunk {
  command: CommandName;
  /** 1-based line of the prompt (or of the first output line, for bare outputs). */
  startLine: number;
  /** How the command was found. */
  detectedBy: 'prompt' | 'content';
  /** The lines; their `at` offsets (when set) point into the text given to the splitter. */
  lines: Line[];
}

// hostname, optional /pri/act or /context path, optional (config-mode), then # or >.
const PROMPT = /^([A-Za-z0-9][\w.-]*(?:\/[\w.-]+)*(?:\([\w.-]+\))?)[#>] ?(.*)$/;

/** `host#`, `host/pri/act#`, `host/ctx(config)#` (and `>`): returns what was typed, or undefined. */
export function promptCommand(text: string): string | undefined {
  // Fast reject: the prompt is the first token and ends in # or >; most output lines are
  // indented or have neither character in their first word.
  let found = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 35 || c === 62) {
      found = true;
      break;
    }
    if (c === 32 || c === 9) break;
  }
  if (!found) return undefined;
  const m = PROMPT.exec(text);
  return m ? (m[2] ?? '') : undefined;
}

// Where a line sits in a show license output: a marker at or before one already seen starts
// the next output (pasted documents hold several, one after the other).
function licenseRank(t: string): number {
  if (t.startsWith('Smart Licensing Status')) return 0;
  if (t.startsWith('Smart Licensing is')) return 1;
  if (t.startsWith('License Authorization:')) return 3;
  return 2; // Registration: / a bare `Status: REGISTERED`
}

function splitByContent(lines: Line[]): CommandChunk[] {
  const out: CommandChunk[] = [];
  let family: OutputFamily | undefined;
  let current: Line[] = [];
  let seen = new Set<string>();
  let maxRank = -1;
  let previous = '';
  const flush = () => {
    if (family && current.some((l) => l.text.trim() !== '')) {
      const texts = current.map((l) => l.text.trim());
      out.push({
        command: commandForContent(family, texts),
        startLine: current.find((l) => l.text.trim() !== '')?.n ?? 0,
        detectedBy: 'content',
        lines: current,
      });
    }
    current = [];
    seen = new Set();
    maxRank = -1;
  };
  for (const line of lines) {
    const t = line.text.trimStart();
    const marker = startMarker(t);
    if (marker) {
      // The status line right under `Registration:` belongs to it, not to a new output.
      const underHeading = previous === 'Registration:' && t.startsWith('Status:');
      const rank = marker === 'license' ? licenseRank(t) : -1;
      const key = marker === 'license' ? String(rank) : (t.split(':')[0] ?? t);
      // `show version` holds the features block; a license chunk may follow one that ended.
      if (marker !== family && !(family === 'version' && marker === 'features')) {
        flush();
        family = marker;
      } else if (marker === family && !underHeading && (seen.has(key) || rank <= maxRank)) flush();
      if (marker === family && !underHeading) {
        seen.add(key);
        maxRank = Math.max(maxRank, rank);
      }
    }
    if (family) current.push(line);
    if (t !== '') previous = t;
  }
  flush();
  return out;
}

/**
 * Yields the licensing command chunks of a capture (session log or bare output) as each one
 * closes, so a caller that parses them at once keeps only one chunk's lines alive (large captures).
 */
export function* iterateChunks(text: string): Generator<CommandChunk> {
  let bare: Line[] | undefined = [];
  let current: CommandChunk | undefined;
  let family: OutputFamily | undefined;
  // Lines are cut one at a time rather than with split(): each line's strings then die young
  // with its chunk instead of the whole file's lines living until the end (GC cost on big captures).
  const scanner = new LineScanner(text);
  for (let line = scanner.next(); line !== undefined; line = scanner.next()) {
    const typed = scanner.mayBePrompt ? promptCommand(line.text) : undefined;
    if (typed === undefined) {
      if (!current) bare?.push(line);
      else if (family !== undefined && startsOtherOutput(family, line, text)) {
        // A pasted document goes on after the last prompt's output with other outputs (the seed
        // does): close the chunk and read what follows by content, as a bare output.
        if (hasContent(current.lines)) yield current;
        current = undefined;
        bare = [line];
      } else current.lines.push(line);
      continue;
    }
    if (current && hasContent(current.lines)) yield current;
    current = undefined;
    if (bare) {
      yield* splitByContent(bare);
      bare = undefined;
    }
    const { command, remainder } = resolveTyped(typed);
    if (command) {
      current = { command, startLine: line.n, detectedBy: 'prompt', lines: [] };
      family = familyOf(command);
      if (remainder) current.lines.push({ n: line.n, text: remainder });
    }
  }
  if (current && hasContent(current.lines)) yield current;
  if (bare) yield* splitByContent(bare);
}

// A session log types the same few commands on every device: remember how each typed string
// resolved (bounded, so a capture full of distinct commands cannot grow it without limit).
const RESOLVED = new Map<string, ResolvedCommand>();
function resolveTyped(typed: string): ResolvedCommand {
  let r = RESOLVED.get(typed);
  if (r === undefined) {
    r = resolveCommand(typed);
    if (RESOLVED.size >= 512) RESOLVED.clear();
    RESOLVED.set(typed, r);
  }
  return r;
}

function familyOf(command: CommandName): OutputFamily {
  if (command === 'show version') return 'version';
  if (command === 'show license features') return 'features';
  return command.startsWith('show license') ? 'license' : 'config';
}

/** True when an unindented line starts an output of another family than the command's. */
function startsOtherOutput(family: OutputFamily, line: Line, capture: string): boolean {
  // Read the capture in place when the line is verbatim in it (cheaper than the line string).
  const at = line.at;
  const marker =
    at === undefined ? startMarker(line.text) : startMarkerAt(capture, at, at + line.text.length);
  if (!marker) return false;
  return marker !== family && !(family === 'version' && marker === 'features');
}

const hasContent = (lines: Line[]) => lines.some((l) => l.text.trim() !== '');

/** Splits a capture (session log or bare output) into licensing command chunks. */
export function splitSession(text: string): CommandChunk[] {
  return [...iterateChunks(text)];
}
