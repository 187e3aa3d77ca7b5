// One saved capture's text -> the outputs of each device it holds. The file is split by the text
// layer's splitter, the one `smartlic parse` uses (src/text/session.ts): a session log's prompted
// commands (abbreviated, filtered, or with output pasted onto the line) and bare outputs named by
// their content. A session log whose prompts name several hosts (a fleet pasted into one file)
// is one group of outputs per host; outputs before the first prompt belong to the first host.
//
// Each output's text is its cleaned lines joined (no object per line: a capture may hold millions
// of lines). A line the splitter cut at MAX_LINE_CHARS is kept whole, as the file has it, so the
// parser that reads the output cuts it again and says so in its warnings.

import { type AsaPrompt, parsePromptLine, scanChunks } from '../../text/index.ts';
import type { CollectedOutput } from './types.ts';

/** The outputs of one host of a capture, and the last exec prompt it printed. */
export interface HostOutputs {
  /** The hostname of its prompts; undefined for a capture without prompts. */
  hostname?: string;
  /** The last exec prompt (no config mode) of that host: failover unit and state, context. */
  prompt?: AsaPrompt;
  outputs: CollectedOutput[];
}

/** Lines of a text by number, read forward (every caller asks in increasing order). */
class LineFinder {
  private line = 1;
  private offset = 0;

  constructor(private readonly text: string) {}

  /** Line `n` (1-based) without its newline or the CR of a CRLF. */
  at(n: number): string {
    while (this.line < n) {
      const nl = this.text.indexOf('\n', this.offset);
      if (nl < 0) return '';
      this.offset = nl + 1;
      this.line++;
    }
    let end = this.text.indexOf('\n', this.offset);
    if (end < 0) end = this.text.length;
    if (end > this.offset && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(this.offset, end);
  }
}

/**
 * Splits a capture into each host's outputs, in file order. Hosts with no licensing output (a
 * router's prompt in the same log) are left out; `prompted` says whether the file had prompts.
 */
export function outputsByHost(path: string, text: string): { hosts: HostOutputs[]; prompted: boolean } {
  const hosts = new Map<string, HostOutputs>();
  // Outputs before any prompt: the first host's, or the capture's when it has no prompt.
  const unprompted: HostOutputs = { outputs: [] };
  let current: HostOutputs | undefined;
  const lines = new LineFinder(text);
  let chunk: { output: CollectedOutput; parts: string[]; lastLine: number } | undefined;
  scanChunks(text, {
    prompt(printed) {
      const p = parsePromptLine(printed);
      if (!p) return;
      let host = hosts.get(p.hostname);
      if (!host) {
        host = { hostname: p.hostname, outputs: [] };
        hosts.set(p.hostname, host);
      }
      current = host;
      if (p.mode === undefined) host.prompt = p;
    },
    begin(command, startLine, _by, filter) {
      const output: CollectedOutput = {
        command,
        text: '',
        source: { file: path, line: startLine, textLine: -1 },
        ...(filter ? { filter } : {}),
      };
      const c = { output, parts: [] as string[], lastLine: 0 };
      chunk = c;
      return {
        line(src, start, end, n) {
          if (c.output.source && c.output.source.textLine < 0) c.output.source.textLine = n;
          c.parts.push(src.slice(start, end));
          c.lastLine = n;
        },
      };
    },
    cut(n) {
      // The line as the file has it (the cut happens again, with its warning, when it is parsed).
      if (chunk && chunk.lastLine === n) chunk.parts[chunk.parts.length - 1] = lines.at(n);
    },
    end(hasContent) {
      if (chunk && hasContent) {
        const { output, parts } = chunk;
        output.text = `${parts.join('\n')}\n`;
        if (output.source && output.source.textLine < 0) output.source.textLine = output.source.line;
        (current ?? unprompted).outputs.push(output);
      }
      chunk = undefined;
    },
  });
  const groups = [...hosts.values()];
  const first = groups[0];
  if (!first) return { hosts: unprompted.outputs.length ? [unprompted] : [], prompted: false };
  // Outputs pasted before the first prompt go first, with that host's.
  first.outputs.unshift(...unprompted.outputs);
  return { hosts: groups.filter((g) => g.outputs.length > 0), prompted: true };
}
