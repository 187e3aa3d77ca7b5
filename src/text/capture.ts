// From a file's text to the `smartlic parse --json` entries: split, then parse each chunk with
// the parser its command needs.

import type { ParsedCommand } from '../core/model.ts';
import { parseRunningConfigLines } from './config/parse.ts';
import { parseSmartLicenseLines } from './license/parse.ts';
import { type CommandChunk, iterateChunks } from './session.ts';
import { parseShowVersionLines } from './version/parse.ts';

/**
 * Parses one chunk with the parser for its command. `capture`: the text the chunk was split from,
 * when the caller has it; the parsers then read verbatim lines in place (faster, same result).
 */
export function parseChunk(file: string, chunk: CommandChunk, capture?: string): ParsedCommand {
  const { command, lines } = chunk;
  switch (command) {
    case 'show license all':
    case 'show license status':
    case 'show license summary':
      return { file, command, ...parseSmartLicenseLines(lines, capture) };
    case 'show license features':
    case 'show version':
      return { file, command, ...parseShowVersionLines(lines, capture) };
    case 'show running-config':
      return { file, command, ...parseRunningConfigLines(lines, { full: true }) };
    case 'show running-config license':
    case 'show running-config call-home':
      return { file, command, ...parseRunningConfigLines(lines) };
  }
}

/** Every licensing command output found in a capture, parsed, in file order. */
export function parseCapture(text: string, file = '<input>'): ParsedCommand[] {
  const out: ParsedCommand[] = [];
  for (const chunk of iterateChunks(text)) out.push(parseChunk(file, chunk, text));
  return out;
}
