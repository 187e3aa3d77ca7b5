// The one-line progress shown on a terminal while devices are collected (never when piped).

import { terminalText } from './escape.ts';

/** Back to the start of the line and clear it: before each progress line, and once when done. */
export const CLEAR_PROGRESS = '\r\x1b[K';

/** `\r12/40 done, 2 failed (last: edge-1)` with the rest of the line cleared. */
export function progressLine(done: number, total: number, failed: number, last: string): string {
  const of = total > 0 ? `/${total}` : '';
  return `${CLEAR_PROGRESS}${done}${of} done, ${failed} failed (last: ${terminalText(last)})`;
}
