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
  // The fields are copied by name rather than spread: a spread of the parse result goes through
  // the generic copy path for every one of a fleet's tens of thousands of outputs.
  switch (command) {
    case 'show license all':
    case 'show license status':
    case 'show license summary': {
      const { data, warnings } = parseSmartLicenseLines(lines, capture);
      return { file, command, data, warnings };
    }
    case 'show license features':
    case 'show version': {
      const { data, warnings } = parseShowVersionLines(lines, capture);
      return { file, command, data, warnings };
    }
    case 'show running-config': {
      const { data, warnings } = parseRunningConfigLines(lines, { full: true });
      return { file, command, data, warnings };
    }
    case 'show running-config license':
    case 'show running-config call-home': {
      const { data, warnings } = parseRunningConfigLines(lines);
      return { file, command, data, warnings };
    }
  }
}

/** Every licensing command output found in a capture, parsed, in file order. */
export function parseCapture(text: string, file = '<input>'): ParsedCommand[] {
  const out: ParsedCommand[] = [];
  for (const chunk of iterateChunks(text)) out.push(parseChunk(file, chunk, text));
  return out;
}
