// From a file's text to the `smartlic parse --json` entries: one pass over the capture, each
// command's output fed line by line to the parser its command needs.

import type { CommandName, ParsedCommand } from '../core/model.ts';
import { isLicensingCommand, type OutputFilter } from './commands.ts';
import { RunningConfigParser } from './config/parse.ts';
import { SmartLicenseParser } from './license/parse.ts';
import { addWarning, cutLineWarning } from './limits.ts';
import type { OutputParser } from './output-parser.ts';
import { scanChunks } from './session.ts';
import { ShowVersionParser } from './version/parse.ts';

type AnyParser = OutputParser<ParsedCommand['data']>;

/** A fresh parser for one output of `command`. */
export function parserFor(command: CommandName): AnyParser {
  switch (command) {
    case 'show license all':
    case 'show license status':
    case 'show license summary':
      return new SmartLicenseParser();
    case 'show license features':
    case 'show version':
      return new ShowVersionParser();
    case 'show running-config':
      return new RunningConfigParser({ full: true });
    case 'show running-config license':
    case 'show running-config call-home':
      return new RunningConfigParser();
  }
}

/**
 * Parses every licensing command output of a capture, in file order, and hands each to `found`
 * with the file line it starts at (its prompt, or its first line if bare) as soon as it ends:
 * a caller that prints or stores each one need not hold a whole fleet's results at once.
 */
export function parseCaptureEach(
  text: string,
  file: string,
  found: (entry: ParsedCommand, startLine: number) => void,
): void {
  let parser: AnyParser | undefined;
  let command: CommandName = 'show version';
  let filter: OutputFilter | undefined;
  let startLine = 0;
  scanChunks(text, {
    begin(c, line, _by, f) {
      if (!isLicensingCommand(c)) return undefined;
      parser = parserFor(c);
      command = c;
      filter = f;
      startLine = line;
      return parser;
    },
    cut(n, length, cutText) {
      // Among the output's warnings, where the line is (result() hands out the parser's own list).
      if (parser) addWarning(parser.result().warnings, cutLineWarning(n, length, cutText));
    },
    end(hasContent) {
      if (parser && hasContent) {
        // The fields are copied by name rather than spread: a spread of the parse result goes
        // through the generic copy path for every one of a fleet's tens of thousands of outputs.
        const { data, warnings } = parser.result();
        found(
          filter ? { file, command, filter, data, warnings } : { file, command, data, warnings },
          startLine,
        );
      }
      parser = undefined;
    },
  });
}

/** Every licensing command output found in a capture, parsed, in file order. */
export function parseCapture(text: string, file = '<input>'): ParsedCommand[] {
  const out: ParsedCommand[] = [];
  parseCaptureEach(text, file, (entry) => out.push(entry));
  return out;
}
