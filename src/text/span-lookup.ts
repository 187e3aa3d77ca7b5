// Which of a fixed set of strings sits at text[start, end)? Parsers ask this for every line
// (labels, headings); a Map keyed by a freshly sliced string would hash a new string each time.
// Here the key is a number (first character, length) and the candidates are checked in place.

export class SpanLookup<V> {
  private readonly byKey = new Map<number, { keys: string[]; values: V[] }>();

  constructor(entries: Iterable<readonly [string, V]>) {
    for (const [k, v] of entries) {
      const key = SpanLookup.key(k.charCodeAt(0), k.length);
      const list = this.byKey.get(key);
      if (list) {
        list.keys.push(k);
        list.values.push(v);
      } else this.byKey.set(key, { keys: [k], values: [v] });
    }
  }

  private static key(first: number, length: number): number {
    return first * 4096 + Math.min(length, 4095);
  }

  /** The value whose string equals text[start, end), if any. */
  get(text: string, start: number, end: number): V | undefined {
    const length = end - start;
    const list = this.byKey.get(SpanLookup.key(text.charCodeAt(start), length));
    if (!list) return undefined;
    // Indexed loop: no iterator or destructuring on this per-line path.
    for (let i = 0; i < list.keys.length; i++) {
      const k = list.keys[i] as string;
      if (k.length === length && sameChars(k, text, start)) return list.values[i];
    }
    return undefined;
  }
}

/** True when `k` occurs in `text` at `start` (a plain loop: cheaper than startsWith on a hot path). */
function sameChars(k: string, text: string, start: number): boolean {
  for (let j = k.length - 1; j >= 0; j--) if (k.charCodeAt(j) !== text.charCodeAt(start + j)) return false;
  return true;
}
