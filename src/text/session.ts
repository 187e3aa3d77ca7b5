// Splits a file into per-command chunks. A session log holds prompts and typed commands
// (`asa/pri/act# sh lic all`), each followed by its output; a bare output has no prompt and is
// recognised by its content. Chunks keep the file's line numbers so warnings point at the file.

import type { CommandName } from '../core/model.ts';
import {
  commandForContent,
  MARKER_FIRST_CHARS,
  type OutputFamily,
  type ResolvedCommand,
  resolveCommand,
  startMarker,
  startMarkerAt,
} from './commands.ts';
import { LineScanner } from './line-scanner.ts';
import type { Line } from './normalize.ts';
import type { LineReader } from './output-parser.ts';

/** One command's output inside a file. */
export interface CommandChunk {
  command: CommandName;
  /** 1-based line of the prompt (or of the first output line, for bare outputs). */
  startLine: number;
  /** How the command was found. */
  detectedBy: 'prompt' | 'content';
  /** The output's cleaned lines. */
  lines: Line[];
}

// hostname, optional /pri/act or /context path, optional (config-mode), then # or >.
// @internal the pattern promptAt reads by hand, exported for the test that holds them together.
export const PROMPT = /^([A-Za-z0-9][\w.-]*(?:\/[\w.-]+)*(?:\([\w.-]+\))?)[#>] ?(.*)$/;

/** `[\w.-]`: the characters of a hostname, a path part or a config mode. */
const isNameChar = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;

/** Past the run of name characters at src[i]. */
function skipName(src: string, i: number, end: number): number {
  while (i < end && isNameChar(src.charCodeAt(i))) i++;
  return i;
}

/**
 * Where what was typed after a prompt starts in src[start, end) (`host#`, `host/pri/act#`,
 * `host/ctx(config)#`, and `>`), or -1 when the line is not a prompt: PROMPT, read in place.
 */
export function promptAt(src: string, start: number, end: number): number {
  const c = src.charCodeAt(start);
  if (start >= end || !isNameChar(c) || c === 95 || c === 46 || c === 45) return -1;
  let i = skipName(src, start + 1, end);
  while (i < end && src.charCodeAt(i) === 47 /* / */) {
    const next = skipName(src, i + 1, end);
    if (next === i + 1) return -1;
    i = next;
  }
  if (i < end && src.charCodeAt(i) === 40 /* ( */) {
    const next = skipName(src, i + 1, end);
    if (next === i + 1 || src.charCodeAt(next) !== 41 /* ) */ || next >= end) return -1;
    i = next + 1;
  }
  const mark = src.charCodeAt(i);
  if (i >= end || (mark !== 35 /* # */ && mark !== 62) /* > */) return -1;
  i++;
  if (i < end && src.charCodeAt(i) === 32) i++;
  // `(.*)$` stops at a line terminator, and then the line is no prompt.
  for (let j = i; j < end; j++) {
    const d = src.charCodeAt(j);
    if (d === 10 || d === 13 || d === 0x2028 || d === 0x2029) return -1;
  }
  return i;
}

/** `host#`, `host/pri/act#`, `host/ctx(config)#` (and `>`): returns what was typed, or undefined. */
export function promptCommand(text: string): string | undefined {
  const at = promptAt(text, 0, text.length);
  return at < 0 ? undefined : text.slice(at);
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

/** Receives the licensing command outputs of a capture, in file order. */
export interface ChunkSink {
  /**
   * An output starts: `startLine` is its prompt's line (or its first line, for bare outputs).
   * Returns what reads its lines (each `src.slice(start, end)`, line `n` of the file).
   */
  begin(command: CommandName, startLine: number, detectedBy: CommandChunk['detectedBy']): LineReader;
  /** The output ended; `hasContent` is false when all its lines were blank (drop it then). */
  end(hasContent: boolean): void;
}

/**
 * Walks a capture (session log or bare output) once and hands each licensing command's output to
 * `sink` as it goes. Lines under a prompt go straight from the text to the sink without becoming
 * strings; only bare outputs, which are told apart by their content, are held until they end.
 */
export function scanChunks(text: string, sink: ChunkSink): void {
  // Lines before the first prompt, or after a prompted output that another one follows without a
  // prompt; `undefined` while lines are dropped (after a prompt for a command we do not read).
  let bare: Line[] | undefined = [];
  // The family of the prompted output open now, if any, what reads its lines, and whether it has
  // a non-blank line yet.
  let family: OutputFamily | undefined;
  let reader: LineReader | undefined;
  let content = false;
  // OTHER_FIRSTS of that family.
  let others: boolean[] = [];
  const scanner = new LineScanner(text);
  while (scanner.next()) {
    const { src, start, end, n } = scanner;
    const at = scanner.mayBePrompt ? promptAt(src, start, end) : -1;
    const typed = at < 0 ? undefined : src.slice(at, end);
    if (typed === undefined) {
      if (family === undefined) bare?.push({ n, text: src.slice(start, end) });
      else if (
        start < end &&
        others[src.charCodeAt(start)] === true &&
        startsOtherOutput(family, src, start, end)
      ) {
        // A pasted document goes on after the last prompt's output with other outputs (the seed
        // does): close the output and read what follows by content, as a bare output.
        sink.end(content);
        family = undefined;
        bare = [{ n, text: src.slice(start, end) }];
      } else {
        // Cleaned lines have no trailing blanks: any character at all is content.
        content ||= end > start;
        reader?.line(src, start, end, n);
      }
      continue;
    }
    if (family !== undefined) sink.end(content);
    family = undefined;
    if (bare) {
      emitBare(bare, sink);
      bare = undefined;
    }
    const { command, remainder } = resolveTyped(typed);
    if (command) {
      reader = sink.begin(command, n, 'prompt');
      family = familyOf(command);
      others = OTHER_FIRSTS[family];
      content = remainder !== '';
      if (remainder) reader.line(remainder, 0, remainder.length, n);
    }
  }
  if (family !== undefined) sink.end(content);
  if (bare) emitBare(bare, sink);
}

/** Bare outputs, split by their content, to the sink. */
function emitBare(lines: Line[], sink: ChunkSink): void {
  for (const chunk of splitByContent(lines)) {
    const reader = sink.begin(chunk.command, chunk.startLine, 'content');
    for (const l of chunk.lines) reader.line(l.text, 0, l.text.length, l.n);
    sink.end(true);
  }
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

// The first characters that may start an output of another family than each family's own (the
// features block is part of show version, so it does not end one).
const OTHER_FIRSTS = Object.fromEntries(
  (Object.keys(MARKER_FIRST_CHARS) as OutputFamily[]).map((family) => {
    const table: boolean[] = [];
    for (const [other, firsts] of Object.entries(MARKER_FIRST_CHARS))
      if (other !== family && !(family === 'version' && other === 'features'))
        for (const c of firsts) table[c.charCodeAt(0)] = true;
    return [family, table];
  }),
) as Record<OutputFamily, boolean[]>;

/**
 * True when a line starts an output of another family than the command's. The caller rules out
 * first, through OTHER_FIRSTS, the lines (most: indented, or starting with a letter no other
 * family's marker starts with) that cannot.
 */
function startsOtherOutput(family: OutputFamily, src: string, start: number, end: number): boolean {
  const marker = startMarkerAt(src, start, end);
  if (!marker) return false;
  return marker !== family && !(family === 'version' && marker === 'features');
}

/** Splits a capture (session log or bare output) into licensing command chunks. */
export function splitSession(text: string): CommandChunk[] {
  const chunks: CommandChunk[] = [];
  let current: CommandChunk | undefined;
  scanChunks(text, {
    begin(command, startLine, detectedBy) {
      const chunk: CommandChunk = { command, startLine, detectedBy, lines: [] };
      current = chunk;
      return {
        line(src, start, end, n) {
          chunk.lines.push({ n, text: src.slice(start, end) });
        },
      };
    },
    end(hasContent) {
      if (current && hasContent) chunks.push(current);
      current = undefined;
    },
  });
  return chunks;
}
