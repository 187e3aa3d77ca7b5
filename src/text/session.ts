// Splits a file into per-command chunks. A session log holds prompts and typed commands
// (`asa/pri/act# sh lic all`), each followed by its output; a bare output has no prompt and is
// recognised by its content. Chunks keep the file's line numbers so warnings point at the file.

import type { CommandName } from '../core/model.ts';
import { commandForContent, type OutputFamily, resolveCommand, startMarker } from './commands.ts';
import { type Line, normalizeLines } from './normalize.ts';

/** One command's output inside a file. */
export interface CommandChunk {
  command: CommandName;
  /** 1-based line of the prompt (or of the first output line, for bare outputs). */
  startLine: number;
  /** How the command was found. */
  detectedBy: 'prompt' | 'content';
  lines: Line[];
}

// hostname, optional /pri/act or /context path, optional (config-mode), then # or >.
const PROMPT = /^([A-Za-z0-9][\w.-]*(?:\/[\w.-]+)*(?:\([\w.-]+\))?)[#>] ?(.*)$/;

/** `host#`, `host/pri/act#`, `host/ctx(config)#` (and `>`): returns what was typed, or undefined. */
export function promptCommand(text: string): string | undefined {
  const hash = text.indexOf('#');
  const gt = text.indexOf('>');
  if (hash < 0 && gt < 0) return undefined;
  const m = PROMPT.exec(text);
  return m ? (m[2] ?? '') : undefined;
}

function splitByContent(lines: Line[], out: CommandChunk[]): void {
  let family: OutputFamily | undefined;
  let current: Line[] = [];
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
  };
  for (const line of lines) {
    const marker = startMarker(line.text.trimStart());
    // `show version` holds the features block; a license chunk may follow one that ended.
    if (marker && marker !== family && !(family === 'version' && marker === 'features')) {
      flush();
      family = marker;
    }
    if (family) current.push(line);
  }
  flush();
}

/** Splits a capture (session log or bare output) into licensing command chunks. */
export function splitSession(text: string): CommandChunk[] {
  const lines = normalizeLines(text);
  const chunks: CommandChunk[] = [];
  let bare: Line[] = [];
  let current: CommandChunk | undefined;
  let sawPrompt = false;
  const close = () => {
    if (current?.lines.some((l) => l.text.trim() !== '')) chunks.push(current);
    current = undefined;
  };
  for (const line of lines) {
    const typed = promptCommand(line.text);
    if (typed === undefined) {
      if (current) current.lines.push(line);
      else if (!sawPrompt) bare.push(line);
      continue;
    }
    close();
    if (!sawPrompt) {
      splitByContent(bare, chunks);
      bare = [];
      sawPrompt = true;
    }
    const { command, remainder } = resolveCommand(typed);
    if (command) {
      current = { command, startLine: line.n, detectedBy: 'prompt', lines: [] };
      if (remainder) current.lines.push({ n: line.n, text: remainder });
    }
  }
  close();
  if (!sawPrompt) splitByContent(bare, chunks);
  return chunks;
}
