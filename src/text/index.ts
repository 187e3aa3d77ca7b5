// The ASA text layer: the only place that knows how the ASA prints licensing state.
// Parsers take text and return src/core/model.ts shapes plus warnings; renderers take the same
// shapes and print what a current ASA prints. parse(render(x)) deep-equals x.

import type { SmartLicenseData } from '../core/model.ts';
import { type ParseResult, parseSmartLicenseLines } from './license/parse.ts';
import { normalizeLines } from './normalize.ts';

export {
  type DateLayout,
  formatCiscoDate,
  formatCiscoDuration,
  parseCiscoDate,
  parseCiscoDuration,
} from './dates.ts';
export { type ParseResult, parseSmartLicenseLines } from './license/parse.ts';
export {
  type LicenseRenderOptions,
  renderShowLicenseAll,
  renderShowLicenseStatus,
  renderShowLicenseSummary,
} from './license/render.ts';
export { cleanLine, type Line, normalizeLines } from './normalize.ts';

/** Parses one `show license all|status|summary` output (prompts and pager remnants tolerated). */
export function parseShowLicense(text: string): ParseResult<SmartLicenseData> {
  return parseSmartLicenseLines(normalizeLines(text));
}
