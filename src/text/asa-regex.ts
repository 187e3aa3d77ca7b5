// The ASA's regular expressions, as its output filters (`show … | include REGEX`) read them, and a
// matcher for them that runs in time linear in the line (a Thompson NFA, no backtracking): a
// pattern typed by a client cannot stall the emulator, whatever it is.
//
// The dialect is the table "Regular expression characters" of the ASA CLI configuration guide
// (the `regex` command; "Filtering show Command Output" points to it):
//   .  any character          (exp) subexpression     a|b alternation
//   ?  zero or one            *  zero or more          +  one or more
//   {x} or {x,}  MINIMUM repeat: at least x times (`ab(xy){2,}z` matches abxyxyz, abxyxyxyz…)
//   [abc] [^abc] [a-c]  classes     ^  beginning of the line
//   \  escapes a metacharacter      \r \n \t \f  \xNN (hex)  \NNN (octal)
// Matching is case-sensitive. Where this differs from a JavaScript RegExp, we follow the ASA:
// - `{3}` means "3 or more" (JS: exactly 3). `{x,y}` is not in the table; we read it as JS does
//   (x to y times) [assumed].
// - `\` before any other character is that character literally: `\d` is the letter d, not a
//   digit, and `\1` is octal 001, not a back-reference [the table lists no class escapes].
// - `$` is not in the table; we read it as the end of the line, as JS does [assumed].
// - No look-around, lazy quantifiers, named groups or flags: `(?` is refused (nothing to repeat).
// - Quotation marks are ordinary characters in a filter ("Do not enclose in quotes").

/** A pattern the matcher cannot use, and the offset in it where reading stopped. */
export class AsaRegexError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

type CharTest = (c: number) => boolean;

type Ast =
  | { k: 'char'; test: CharTest }
  | { k: 'bol' }
  | { k: 'eol' }
  | { k: 'cat'; items: Ast[] }
  | { k: 'alt'; items: Ast[] }
  | { k: 'rep'; item: Ast; min: number; max: number | undefined };

/**
 * Past this many NFA states a pattern is refused (a `{x}` repeat copies its item x times): matching
 * costs states × line length per line, so this bounds what one filter can cost on any output.
 */
const MAX_STATES = 4_096;
const MAX_REPEAT = 1_000;

class Reader {
  i = 0;
  constructor(readonly src: string) {}
  get done() {
    return this.i >= this.src.length;
  }
  peek() {
    return this.src[this.i];
  }
  fail(message: string, at = this.i): never {
    throw new AsaRegexError(message, at);
  }
}

/** The character an escape stands for (`\t`, `\x41`, `\101`, `\.`), reading past it. */
function escaped(r: Reader): number {
  const c = r.src[r.i++];
  if (c === undefined) r.fail('pattern ends with a backslash', r.i - 1);
  const simple: Record<string, number> = { r: 13, n: 10, t: 9, f: 12 };
  if (simple[c] !== undefined) return simple[c];
  if (c === 'x') {
    const hex = /^[0-9a-fA-F]{1,2}/.exec(r.src.slice(r.i))?.[0];
    if (!hex) r.fail('\\x needs a hexadecimal number', r.i - 2);
    r.i += hex.length;
    return Number.parseInt(hex, 16);
  }
  if (c >= '0' && c <= '7') {
    const oct = /^[0-7]{1,3}/.exec(r.src.slice(r.i - 1))?.[0] as string;
    r.i += oct.length - 1;
    return Number.parseInt(oct, 8) & 0xff;
  }
  return c.charCodeAt(0);
}

function parseClass(r: Reader): Ast {
  const start = r.i - 1;
  const negated = r.peek() === '^';
  if (negated) r.i++;
  const ranges: [number, number][] = [];
  let first = true;
  while (true) {
    if (r.done) r.fail('unterminated [ class', start);
    let c = r.src[r.i++] as string;
    if (c === ']' && !first) break;
    first = false;
    const lo = c === '\\' ? escaped(r) : c.charCodeAt(0);
    let hi = lo;
    if (r.peek() === '-' && r.src[r.i + 1] !== undefined && r.src[r.i + 1] !== ']') {
      r.i++;
      c = r.src[r.i++] as string;
      hi = c === '\\' ? escaped(r) : c.charCodeAt(0);
      if (hi < lo) r.fail('range out of order in [ class', r.i - 1);
    }
    ranges.push([lo, hi]);
  }
  const inRanges = (ch: number) => ranges.some(([lo, hi]) => ch >= lo && ch <= hi);
  return { k: 'char', test: negated ? (ch) => !inRanges(ch) : inRanges };
}

function parseAtom(r: Reader): Ast {
  const at = r.i;
  const c = r.src[r.i++] as string;
  switch (c) {
    case '(': {
      const inner = parseAlt(r);
      if (r.peek() !== ')') r.fail('unbalanced (', at);
      r.i++;
      return inner;
    }
    case ')':
      return r.fail('unbalanced )', at);
    case '[':
      return parseClass(r);
    case '.':
      return { k: 'char', test: () => true };
    case '^':
      return { k: 'bol' };
    case '$':
      return { k: 'eol' };
    case '\\': {
      const code = escaped(r);
      return { k: 'char', test: (ch) => ch === code };
    }
    case '*':
    case '+':
    case '?':
    case '{':
      return r.fail(`nothing to repeat before ${c}`, at);
    default: {
      const code = c.charCodeAt(0);
      return { k: 'char', test: (ch) => ch === code };
    }
  }
}

function parseRepeat(r: Reader): Ast {
  let item = parseAtom(r);
  while (!r.done) {
    const c = r.peek();
    const at = r.i;
    if (c === '*' || c === '+' || c === '?') {
      r.i++;
      item = { k: 'rep', item, min: c === '+' ? 1 : 0, max: c === '?' ? 1 : undefined };
      continue;
    }
    if (c !== '{') break;
    const m = /^\{(\d+)(,(\d*))?\}/.exec(r.src.slice(r.i));
    if (!m) r.fail('malformed {x} repeat', at);
    r.i += m[0].length;
    const min = Number(m[1]);
    // The ASA's `{x}` is a minimum; `{x,y}` (not in its table) is bounded as in JS.
    const max = m[3] ? Number(m[3]) : undefined;
    if (min > MAX_REPEAT || (max ?? 0) > MAX_REPEAT) r.fail('repeat count too large', at);
    if (max !== undefined && max < min) r.fail('repeat range out of order', at);
    item = { k: 'rep', item, min, max };
  }
  return item;
}

function parseConcat(r: Reader): Ast {
  const items: Ast[] = [];
  while (!r.done && r.peek() !== '|' && r.peek() !== ')') items.push(parseRepeat(r));
  return { k: 'cat', items };
}

function parseAlt(r: Reader): Ast {
  const items = [parseConcat(r)];
  while (r.peek() === '|') {
    r.i++;
    items.push(parseConcat(r));
  }
  return items.length === 1 ? (items[0] as Ast) : { k: 'alt', items };
}

// Thompson NFA: states in an array; `next` are epsilon edges, `on` a character edge.
interface State {
  test?: CharTest;
  on?: number;
  next: number[];
  assert?: 'bol' | 'eol';
  match?: boolean;
}

class Builder {
  readonly states: State[] = [];
  add(s: State): number {
    if (this.states.length >= MAX_STATES) throw new AsaRegexError('pattern too large', 0);
    this.states.push(s);
    return this.states.length - 1;
  }
  /** Builds `ast` entering at the returned state; its exits are epsilon edges to patch. */
  build(ast: Ast): { start: number; ends: number[] } {
    switch (ast.k) {
      case 'char': {
        const s = this.add({ test: ast.test, next: [] });
        return { start: s, ends: [s] };
      }
      case 'bol':
      case 'eol': {
        const s = this.add({ assert: ast.k, next: [] });
        return { start: s, ends: [s] };
      }
      case 'cat': {
        const entry = this.add({ next: [] });
        let ends = [entry];
        for (const item of ast.items) {
          const f = this.build(item);
          this.patch(ends, f.start);
          ends = f.ends;
        }
        return { start: entry, ends };
      }
      case 'alt': {
        const entry = this.add({ next: [] });
        const ends: number[] = [];
        for (const item of ast.items) {
          const f = this.build(item);
          (this.states[entry] as State).next.push(f.start);
          ends.push(...f.ends);
        }
        return { start: entry, ends };
      }
      case 'rep': {
        const entry = this.add({ next: [] });
        let ends = [entry];
        for (let n = 0; n < ast.min; n++) {
          const f = this.build(ast.item);
          this.patch(ends, f.start);
          ends = f.ends;
        }
        if (ast.max === undefined) {
          // Then any number more: a loop through one more copy.
          const loop = this.add({ next: [] });
          this.patch(ends, loop);
          const f = this.build(ast.item);
          (this.states[loop] as State).next.push(f.start);
          this.patch(f.ends, loop);
          return { start: entry, ends: [loop] };
        }
        const exits = [...ends];
        for (let n = ast.min; n < ast.max; n++) {
          const f = this.build(ast.item);
          this.patch(ends, f.start);
          ends = f.ends;
          exits.push(...ends);
        }
        return { start: entry, ends: exits };
      }
    }
  }
  patch(ends: number[], to: number): void {
    for (const e of ends) {
      const s = this.states[e] as State;
      if (s.test) s.on = to;
      else s.next.push(to);
    }
  }
}

/** A compiled ASA regular expression: `test(line)` is true when it matches anywhere in the line. */
export interface AsaRegex {
  readonly source: string;
  test(line: string): boolean;
}

/** Compiles an ASA regular expression; throws {@link AsaRegexError} for one the ASA cannot use. */
export function compileAsaRegex(source: string): AsaRegex {
  const r = new Reader(source);
  const ast = parseAlt(r);
  if (!r.done) r.fail('unbalanced )');
  const b = new Builder();
  const f = b.build(ast);
  const accept = b.add({ match: true, next: [] });
  b.patch(f.ends, accept);
  const states = b.states;
  const start = f.start;
  return {
    source,
    test(line: string): boolean {
      // Pike-style simulation: the set of live states after each character; the start state is
      // added at every position (an unanchored search). Each state is visited once per position.
      const seen = new Int32Array(states.length).fill(-1);
      let current: number[] = [];
      const addAt = (list: number[], s: number, pos: number): boolean => {
        const stack = [s];
        while (stack.length > 0) {
          const id = stack.pop() as number;
          if (seen[id] === pos) continue;
          seen[id] = pos;
          const st = states[id] as State;
          if (st.match) return true;
          if (st.assert === 'bol' && pos !== 0) continue;
          if (st.assert === 'eol' && pos !== line.length) continue;
          if (st.test) list.push(id);
          else for (let k = st.next.length - 1; k >= 0; k--) stack.push(st.next[k] as number);
        }
        return false;
      };
      for (let pos = 0; pos <= line.length; pos++) {
        if (addAt(current, start, pos)) return true;
        if (pos === line.length) break;
        const c = line.charCodeAt(pos);
        const next: number[] = [];
        for (const id of current) {
          const st = states[id] as State;
          if (st.test?.(c) && st.on !== undefined && addAt(next, st.on, pos + 1)) return true;
        }
        current = next;
      }
      return false;
    },
  };
}
