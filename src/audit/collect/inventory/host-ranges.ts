// Host names as inventory files write them (the built-in reader): `fw[01:03]`, `sw[a:c]`,
// `fw[1:9:2]`, optionally with `:port`, expanded as Ansible's expand_hostname_range does.

/** More hosts than this from one line is a typo, not a fleet: refuse it rather than fill memory. */
const MAX_EXPANDED = 100_000;
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Split a trailing `:port` off `name`, where the colon is outside `[…]` ranges and not IPv6's. */
function splitPort(pattern: string): { name: string; port?: number } {
  const m = /^(.*[^:]):(\d+)$/.exec(pattern);
  if (!m) return { name: pattern };
  const name = m[1] as string;
  return name.replace(/\[[^\]]*\]/g, '').includes(':') ? { name: pattern } : { name, port: Number(m[2]) };
}

function expand(pattern: string, out: string[]): void {
  const open = pattern.indexOf('[');
  const close = pattern.indexOf(']', open);
  if (open < 0 || close < 0 || !pattern.slice(open, close).includes(':')) {
    out.push(pattern);
    return;
  }
  const head = pattern.slice(0, open);
  const tail = pattern.slice(close + 1);
  const [beg = '', end = '', step = '1', ...extra] = pattern.slice(open + 1, close).split(':');
  if (extra.length || !end || !/^\d+$/.test(step) || Number(step) < 1)
    throw new Error(
      `bad host range [${pattern.slice(open + 1, close)}] (expected [start:end] or [start:end:step])`,
    );
  const by = Number(step);
  if (/^[A-Za-z]$/.test(beg) && /^[A-Za-z]$/.test(end)) {
    const a = LETTERS.indexOf(beg);
    const b = LETTERS.indexOf(end);
    if (a > b) throw new Error(`bad host range [${beg}:${end}]: the start comes after the end`);
    for (let i = a; i <= b; i += by) expand(`${head}${LETTERS[i]}${tail}`, out);
    return;
  }
  if (!/^\d*$/.test(beg) || !/^\d+$/.test(end))
    throw new Error(`bad host range [${beg}:${end}] (expected numbers or single letters)`);
  const width = beg.length > 1 && beg.startsWith('0') ? beg.length : 0;
  if (width && width !== end.length)
    throw new Error(`bad host range [${beg}:${end}]: zero-padded start and end must have the same length`);
  const a = Number(beg || '0');
  const b = Number(end);
  if ((b - a) / by + out.length > MAX_EXPANDED)
    throw new Error(`host range [${beg}:${end}] makes more than ${MAX_EXPANDED} hosts`);
  for (let i = a; i <= b; i += by) expand(`${head}${String(i).padStart(width, '0')}${tail}`, out);
}

/** The host names (and port, if given) a host pattern stands for. Throws Error with what is wrong. */
export function expandHostPattern(pattern: string): { names: string[]; port?: number } {
  const { name, port } = splitPort(pattern.trim());
  const names: string[] = [];
  expand(name, names);
  return port === undefined ? { names } : { names, port };
}
