// Splits a file into per-command chunks. A session log holds prompts and typed commands
// (`asa/pri/act# sh lic all`), each followed by its output; a bare output has no prompt and is
// recognised by its content. Chunks keep the file's line numbers so warnings point at the file.

import {
  commandForContent,
  type KnownCommand,
  MARKER_FIRST_CHARS,
  type OutputFamily,
  type OutputFilter,
  type OutputReader,
  type ResolvedCommand,
  readerOf,
  resolveCommand,
  startMarker,
  startMarkerAt,
} from './commands.ts';
import { LineScanner } from './line-scanner.ts';
import type { Line } from './normalize.ts';
import type { LineReader } from './output-parser.ts';
import { promptAt } from './prompt.ts';

export { PROMPT, promptAt, promptCommand } from './prompt.ts';

/** One command's output inside a file. */
export interface CommandChunk {
  command: KnownCommand;
  /** The output filter typed after the command (`| include Serial`), when there was one. */
  filter?: OutputFilter;
  /** 1-based line of the prompt (or of the first output line, for bare outputs). */
  startLine: number;
  /** How the command was found. */
  detectedBy: 'prompt' | 'content';
  /** The output's cleaned lines. */
  lines: Line[];
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
      } else if (
        marker === family &&
        !underHeading &&
        // Only show license sections have an order; another family's output ends where one of its
        // marker lines comes round again (a second `call-home`), not at its next marker.
        (seen.has(key) || (marker === 'license' && rank <= maxRank))
      )
        flush();
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

/** Receives the command outputs of a capture, in file order. */
export interface ChunkSink {
  /**
   * An output starts: `startLine` is its prompt's line (or its first line, for bare outputs).
   * Returns what reads its lines (each `src.slice(start, end)`, line `n` of the file), or
   * undefined when the sink does not want this command's output (its lines are then skipped and
   * `end` is not called). Bare outputs are always licensing commands.
   */
  begin(
    command: KnownCommand,
    startLine: number,
    detectedBy: CommandChunk['detectedBy'],
    filter: OutputFilter | undefined,
  ): LineReader | undefined;
  /** The output ended; `hasContent` is false when all its lines were blank (drop it then). */
  end(hasContent: boolean): void;
  /** Every prompt line, as printed (`fw/pri/act#`), for a caller that wants the device's state. */
  prompt?(prompt: string, line: number): void;
  /**
   * The line just handed to the output being read was longer than MAX_LINE_CHARS and was cut:
   * `length` is its length in the file, `text` what was read of it.
   */
  cut?(line: number, length: number, text: string): void;
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
  let family: OutputReader | undefined;
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
      if (family === undefined) {
        if (bare)
          bare.push(
            scanner.cut
              ? { n, text: src.slice(start, end), cut: scanner.cut }
              : { n, text: src.slice(start, end) },
          );
      } else if (
        start < end &&
        others[src.charCodeAt(start)] === true &&
        startsOtherOutput(family, src, start, end)
      ) {
        // A pasted document goes on after the last prompt's output with other outputs (the seed
        // does): close the output and read what follows by content, as a bare output.
        sink.end(content);
        family = undefined;
        bare = [
          scanner.cut
            ? { n, text: src.slice(start, end), cut: scanner.cut }
            : { n, text: src.slice(start, end) },
        ];
      } else {
        // Cleaned lines have no trailing blanks: any character at all is content.
        content ||= end > start;
        if (reader !== undefined) {
          reader.line(src, start, end, n);
          if (scanner.cut) sink.cut?.(n, scanner.cut, src.slice(start, end));
        }
      }
      continue;
    }
    if (family !== undefined) sink.end(content);
    family = undefined;
    if (bare) {
      emitBare(bare, sink);
      bare = undefined;
    }
    sink.prompt?.(src.slice(start, at).trimEnd(), n);
    const { name, remainder, filter } = resolveTyped(typed);
    const read = name === undefined ? undefined : readerOf(name);
    if (name !== undefined && read !== undefined) {
      reader = sink.begin(name, n, 'prompt', filter);
      if (reader === undefined) continue;
      family = read;
      others = OTHER_FIRSTS[family];
      content = remainder !== '';
      if (remainder) reader.line(remainder, 0, remainder.length, n);
      if (scanner.cut) sink.cut?.(n, scanner.cut, src.slice(start, end));
    }
  }
  if (family !== undefined) sink.end(content);
  if (bare) emitBare(bare, sink);
}

/** Bare outputs, split by their content, to the sink. */
function emitBare(lines: Line[], sink: ChunkSink): void {
  for (const chunk of splitByContent(lines)) {
    const reader = sink.begin(chunk.command, chunk.startLine, 'content', undefined);
    if (reader === undefined) continue;
    for (const l of chunk.lines) {
      reader.line(l.text, 0, l.text.length, l.n);
      if (l.cut) sink.cut?.(l.n, l.cut, l.text);
    }
    sink.end(true);
  }
}

// A session log types the same few commands on every device: remember how each typed string
// resolved (bounded, so a capture full of distinct commands cannot grow it without limit). What
// is kept is a copy: `typed` is a slice of the capture, and keeping a slice (or what was resolved
// from it) would keep the whole capture's text alive after it was read.
const RESOLVED = new Map<string, ResolvedCommand>();
function resolveTyped(typed: string): ResolvedCommand {
  let r = RESOLVED.get(typed);
  if (r === undefined) {
    const own = typed.length > 200 ? undefined : [...typed].join('');
    r = resolveCommand(own ?? typed);
    if (own === undefined) return r;
    if (RESOLVED.size >= 512) RESOLVED.clear();
    RESOLVED.set(own, r);
  }
  return r;
}

// The first characters that may start an output of another family than each family's own (the
// features block is part of show version, so it does not end one). A clock output has no marker:
// every family's marker ends it.
const OTHER_FIRSTS = Object.fromEntries(
  ([...Object.keys(MARKER_FIRST_CHARS), 'clock'] as OutputReader[]).map((family) => {
    const table: boolean[] = [];
    for (const [other, firsts] of Object.entries(MARKER_FIRST_CHARS))
      if (other !== family && !(family === 'version' && other === 'features'))
        for (const c of firsts) table[c.charCodeAt(0)] = true;
    return [family, table];
  }),
) as Record<OutputReader, boolean[]>;

/**
 * True when a line starts an output of another family than the command's. The caller rules out
 * first, through OTHER_FIRSTS, the lines (most: indented, or starting with a letter no other
 * family's marker starts with) that cannot.
 */
function startsOtherOutput(family: OutputReader, src: string, start: number, end: number): boolean {
  const marker = startMarkerAt(src, start, end);
  if (!marker) return false;
  return marker !== family && !(family === 'version' && marker === 'features');
}

/**
 * Splits a capture (session log or bare output) into the chunks of the commands the text layer
 * reads: the licensing commands, and `show clock`.
 */
export function splitSession(text: string, onPrompt?: ChunkSink['prompt']): CommandChunk[] {
  const chunks: CommandChunk[] = [];
  let current: CommandChunk | undefined;
  scanChunks(text, {
    ...(onPrompt ? { prompt: onPrompt } : {}),
    begin(command, startLine, detectedBy, filter) {
      const chunk: CommandChunk = { command, startLine, detectedBy, lines: [] };
      if (filter) chunk.filter = filter;
      current = chunk;
      return {
        line(src, start, end, n) {
          chunk.lines.push({ n, text: src.slice(start, end) });
        },
      };
    },
    cut(n, length) {
      const last = current?.lines[current.lines.length - 1];
      if (last?.n === n) last.cut = length;
    },
    end(hasContent) {
      if (current && hasContent) chunks.push(current);
      current = undefined;
    },
  });
  return chunks;
}
