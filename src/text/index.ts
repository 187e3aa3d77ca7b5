// The ASA text layer: the only place that knows how the ASA prints licensing state.
// Parsers take text and return src/core/model.ts shapes plus warnings; renderers take the same
// shapes and print what a current ASA prints. parse(render(x)) deep-equals x.

import type {
  CommandName,
  ParsedCommand,
  RunningConfigData,
  ShowVersionData,
  SmartLicenseData,
} from '../core/model.ts';
import { parserFor } from './capture.ts';
import { resolveCommand } from './commands.ts';
import { RunningConfigParser } from './config/parse.ts';
import { SmartLicenseParser } from './license/parse.ts';
import { addWarning, cutLineWarning } from './limits.ts';
import { LineScanner } from './line-scanner.ts';
import type { OutputParser, ParseResult } from './output-parser.ts';
import { promptAt } from './prompt.ts';
import { ShowVersionParser } from './version/parse.ts';

export { type AsaRegex, AsaRegexError, compileAsaRegex } from './asa-regex.ts';
export { parseCapture, parseCaptureEach } from './capture.ts';
export { trimBlanksEndAt } from './chars.ts';
export {
  ambiguousCommand,
  INCOMPLETE_COMMAND,
  INVALID_INPUT,
  isRejected,
  refusalIn,
} from './cli-errors.ts';
export { parseShowClock, renderShowClock, type ShowClock } from './clock.ts';
export {
  COMMAND_WORDS,
  type CommandWord,
  commandOfTyped,
  isLicensingCommand,
  type KnownCommand,
  type OutputFilter,
  type OutputReader,
  type ResolvedCommand,
  resolveCommand,
} from './commands.ts';
export { configChildRank } from './config/order.ts';
export {
  parseRunningConfigLines,
  type RunningConfigParseOptions,
  RunningConfigParser,
} from './config/parse.ts';
export {
  licenseSmartBlock,
  removalLine,
  renderRunningConfig,
  renderRunningConfigCallHome,
  renderRunningConfigLicense,
} from './config/render.ts';
export {
  type DateLayout,
  formatCiscoDate,
  formatCiscoDuration,
  MONTHS,
  parseCiscoDate,
  parseCiscoDuration,
} from './dates.ts';
export {
  FAILOVER_NOT_CONFIGURED,
  type FailoverHost,
  type FailoverStatus,
  noSuchContext,
  renderShowFailover,
  renderShowFailoverOff,
  renderShowMode,
  STANDBY_CONFIG_WARNING,
  standbyLicensingRefusal,
} from './failover.ts';
export { parseSmartLicenseLines, SmartLicenseParser } from './license/parse.ts';
export {
  type LicenseRenderOptions,
  renderShowLicenseAll,
  renderShowLicenseStatus,
  renderShowLicenseSummary,
} from './license/render.ts';
export { ATTEMPT_LABELS, SUCCESS_SPELLINGS } from './license/words.ts';
export { cutLineWarning, EXCERPT_CHARS, excerpt, MAX_LINE_CHARS } from './limits.ts';
export { cleanLine, cleanScreen, type Line, normalizeLines, PAGER_AT_END, stripPager } from './normalize.ts';
export {
  FILTER_HELP,
  FILTER_WORDS,
  type FilterRefusal,
  type FilterWord,
  type LiveFilter,
  lineFilter,
  readTypedFilter,
} from './output-filter.ts';
export { type OutputParser, type ParseResult, parseLines } from './output-parser.ts';
export {
  ANONYMOUS_REPORTING_LATER,
  type AsaPrompt,
  asksAnonymousReporting,
  loginPromptAt,
  PASSWORD_PROMPT,
  PROMPT,
  parsePromptLine,
  promptAt,
  promptCommand,
  USERNAME_PROMPT,
  waitingPrompt,
} from './prompt.ts';
export { type ChunkSink, type CommandChunk, scanChunks, splitSession } from './session.ts';
export { FEATURE_NAMES, parseFeatureLine, renderFeatureLine } from './version/features.ts';
export { parseShowVersionLines, ShowVersionParser } from './version/parse.ts';
export {
  renderShowLicenseFeatures,
  renderShowVersion,
  VERSION_STYLE,
  type VersionDetails,
  type VersionInterface,
  type VersionStyle,
} from './version/render.ts';
export { renderUptime } from './version/uptime.ts';

/**
 * Feeds the output lines of one command's text to `parser`, straight from the text (no string or
 * object per line): prompt lines are dropped (a collector may keep the echoed command or the
 * closing prompt), but output pasted onto the command line is kept. Lines are numbered from
 * `firstLine`; a line cut to MAX_LINE_CHARS adds a warning.
 */
function readOutput<T>(parser: OutputParser<T>, text: string, firstLine = 1): ParseResult<T> {
  const scanner = new LineScanner(text);
  const offset = firstLine - 1;
  // The parser's own list (result() hands it out): a cut line's warning goes where the line is.
  const warnings = parser.result().warnings;
  while (scanner.next()) {
    const { src, start, end } = scanner;
    const n = scanner.n + offset;
    const at = scanner.mayBePrompt ? promptAt(src, start, end) : -1;
    if (at < 0) parser.line(src, start, end, n);
    else {
      const { command, remainder } = resolveCommand(src.slice(at, end));
      if (command && remainder) parser.line(remainder, 0, remainder.length, n);
    }
    if (scanner.cut) addWarning(warnings, cutLineWarning(n, scanner.cut, src.slice(start, end)));
  }
  return parser.result();
}

/** Parses one `show license all|status|summary` output (prompts and pager remnants tolerated). */
export function parseShowLicense(text: string): ParseResult<SmartLicenseData> {
  return readOutput(new SmartLicenseParser(), text);
}

/** Parses one `show version` or `show license features` output. */
export function parseShowVersion(text: string): ParseResult<ShowVersionData> {
  return readOutput(new ShowVersionParser(), text);
}

/** Parses a `show running-config [license|call-home]` output; `full` for a whole configuration. */
export function parseRunningConfig(
  text: string,
  opts: { full?: boolean } = {},
): ParseResult<RunningConfigData> {
  return readOutput(new RunningConfigParser(opts), text);
}

/**
 * Parses one command's output with the parser `smartlic parse` gives that command: what a
 * collector got for `command`, or one chunk of a capture. `firstLine` numbers the warnings as
 * lines of the file the output was read from.
 */
export function parseOutput(
  command: CommandName,
  text: string,
  firstLine = 1,
): ParseResult<ParsedCommand['data']> {
  return readOutput(parserFor(command), text, firstLine);
}
