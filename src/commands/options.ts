// Option values shared by commands: whole numbers, durations in seconds, and the `--limit` name
// pattern. Each check names the flag and what was expected (exit 3).

import { UsageError } from '../errors.ts';

/** A positive whole number (`--concurrency`, `--timeout`). */
export function positiveInt(value: unknown, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${flag}: expected a positive whole number, got ${JSON.stringify(value)}`);
  return n;
}

/** A positive number of seconds, fractions allowed (`--poll 0.5`). */
export function positiveSeconds(value: unknown, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${flag}: expected a positive number of seconds, got ${JSON.stringify(value)}`);
  return n;
}

/** `--limit`: a glob with `*` and `?`, or a plain substring. */
export function nameMatcher(pattern: string): (name: string) => boolean {
  if (!/[*?]/.test(pattern)) return (name) => name.includes(pattern);
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return (name) => re.test(name);
}
