// Reading the head of an HTTP/1.x answer (a proxy's reply to CONNECT, a server's status line):
// where it ends and what its status line says. Lines should end in CR LF, but RFC 9112 §2.2 lets a
// recipient take a bare LF as a line end, and some proxies send one; both are read as what they
// say instead of waiting for a CR LF CR LF that never comes.

const LF = 0x0a;
const CR = 0x0d;

/**
 * Where the head in `buf` ends: `head` is its length (the status line and header lines, without
 * the empty line), `rest` where what follows it starts. Undefined while the empty line has not
 * arrived. `from` lets a caller that appends chunks skip what it already scanned.
 */
export function findHeadEnd(buf: Uint8Array, from = 0): { head: number; rest: number } | undefined {
  for (let i = Math.max(0, from - 2); ; ) {
    const lf = buf.indexOf(LF, i);
    if (lf < 0) return undefined;
    let next = lf + 1;
    if (buf[next] === CR) next++;
    if (next >= buf.length) return undefined;
    if (buf[next] === LF) return { head: lf === 0 || buf[lf - 1] !== CR ? lf : lf - 1, rest: next + 1 };
    i = lf + 1;
  }
}

/** The first line of `text`, without its line end (CR LF or LF); undefined until it ends. */
export function firstLine(text: string): string | undefined {
  const lf = text.indexOf('\n');
  if (lf < 0) return undefined;
  return text.slice(0, lf > 0 && text[lf - 1] === '\r' ? lf - 1 : lf);
}

/** The status code of a status line (`HTTP/1.1 200 Connection established`), if it is one. */
export function statusCodeOf(statusLine: string): number | undefined {
  const m = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine);
  return m ? Number(m[1]) : undefined;
}
