// The text a monitoring plugin prints, as the Monitoring Plugins development guidelines define it:
// a first line `SERVICE STATE - text | perfdata`, then long output lines, the last of which may
// start more perfdata after a `|`, continued one item per line. Perfdata items are
// `'label'=value[UOM];[warn];[crit];[min];[max]`. Device text never breaks this: a `|` or a line
// break in a name would end the text early, so both are replaced; labels drop `=` and double `'`.

import { terminalText } from '../audit/report/escape.ts';

/** One performance data item; `value` undefined prints `U` (the value could not be determined). */
export interface Perf {
  label: string;
  value: number | undefined;
  uom?: '' | 's' | '%' | 'B' | 'c';
  warn?: string;
  crit?: string;
  min?: number;
  max?: number;
}

/**
 * Text from a device or a user made safe for plugin output: device text as for a terminal (escape
 * sequences and control characters removed, a line break made a space: escape.ts), and no `|`.
 */
export function pluginText(text: string): string {
  return terminalText(text).replace(/\|/g, '/');
}

/** `'label'=value;warn;crit;min;max` with trailing empty fields dropped. */
export function perfItem(p: Perf): string {
  const label = pluginText(p.label).replace(/=/g, '_').replace(/'/g, "''");
  const fields = [
    p.value === undefined ? 'U' : `${p.value}${p.uom ?? ''}`,
    p.warn ?? '',
    p.crit ?? '',
    p.min === undefined ? '' : String(p.min),
    p.max === undefined ? '' : String(p.max),
  ];
  while (fields.length > 1 && fields.at(-1) === '') fields.pop();
  return `'${label}'=${fields.join(';')}`;
}

/**
 * The whole output: the status line with `first` perfdata, the long lines, and `rest` perfdata
 * after a `|` on the last long line (or on a line of its own when there is no long output), one
 * item per line.
 */
export function pluginOutput(status: string, first: Perf[], long: string[], rest: Perf[]): string {
  const head = `${pluginText(status)}${first.length ? ` | ${first.map(perfItem).join(' ')}` : ''}`;
  const lines = [head, ...long.map(pluginText)];
  if (rest.length) {
    const [one, ...more] = rest.map(perfItem);
    if (long.length) lines[lines.length - 1] = `${lines.at(-1)} | ${one}`;
    else lines.push(`| ${one}`);
    lines.push(...more);
  }
  return `${lines.join('\n')}\n`;
}

/** `SMARTLIC UNKNOWN - why`: what the plugin says when it could not check at all. */
export function unknownOutput(why: string): string {
  return pluginOutput(`SMARTLIC UNKNOWN - ${why}`, [], [], []);
}
