// A secret that cannot leak by accident: every way Node turns a value into text (String(),
// template literals, JSON.stringify, util.inspect / console.log) prints a placeholder. Only an
// explicit `reveal()` at the SSH edge gives the value.

const PLACEHOLDER = '[secret]';

/** A password or passphrase; prints as `[secret]` everywhere except `reveal()`. */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The value itself; call it only where the SSH client needs it. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return PLACEHOLDER;
  }

  toJSON(): string {
    return PLACEHOLDER;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Secret(${PLACEHOLDER})`;
  }
}

/**
 * Replace every occurrence of the given secrets in `text` by `[secret]`. A belt-and-braces pass
 * over device output before it is stored: a device that echoes a password must not put it in a
 * capture. Very short values are skipped because they would shred ordinary words.
 */
export function scrubSecrets(text: string, secrets: Iterable<Secret | undefined>): string {
  let out = text;
  for (const s of secrets) {
    const v = s?.reveal();
    if (v && v.length >= 4) out = out.split(v).join(PLACEHOLDER);
  }
  return out;
}
