// The one-line progress shown on a terminal while devices are collected (never when piped).

import { terminalText } from './escape.ts';

/** `\r12/40 done, 2 failed (last: edge-1)` with the rest of the line cleared. */
export function progressLine(done: number, total: number, failed: number, last: string): string {
  const of = total > 0 ? `/${total}` : '';
  return `\r\x1b[K${done}${of} done, ${failed} failed (last: ${terminalText(last)})`;
}
