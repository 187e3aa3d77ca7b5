import { describe, expect, it } from 'vitest';
import { findHeadEnd, firstLine, statusCodeOf } from './http-head.ts';

const b = (s: string) => Buffer.from(s, 'latin1');

describe('findHeadEnd', () => {
  it.each([
    ['HTTP/1.1 200 OK\r\n\r\nTLS', 15, 19],
    ['HTTP/1.1 200 OK\n\nTLS', 15, 17],
    ['HTTP/1.1 403 No\r\nA: b\n\n', 21, 23],
    ['HTTP/1.1 403 No\nA: b\r\n\r\n', 20, 24],
    ['HTTP/1.0 200 OK\n\r\n', 15, 18],
  ])('%j ends its head at %i, the rest at %i', (text, head, rest) => {
    expect(findHeadEnd(b(text))).toEqual({ head, rest });
    expect(b(text).subarray(0, head).toString('latin1').split(/\r?\n/)[0]).toMatch(/^HTTP\/1\.\d \d{3} \w+$/);
  });

  it('waits while the empty line has not fully arrived, whichever byte it was cut at', () => {
    const text = 'HTTP/1.1 200 OK\r\nA: b\r\n\r\n';
    for (let cut = 0; cut < text.length; cut++) expect(findHeadEnd(b(text.slice(0, cut)))).toBeUndefined();
    // Chunk by chunk, scanning on from where the last chunk ended, it finds the same end.
    let got: ReturnType<typeof findHeadEnd>;
    for (let n = 1; n <= text.length && !got; n++) got = findHeadEnd(b(text.slice(0, n)), n - 1);
    expect(got).toEqual(findHeadEnd(b(text)));
  });
});

describe('status line', () => {
  it('reads the first line with either line end, and its status code', () => {
    expect(firstLine('HTTP/1.1 405 Method Not Allowed\nAllow: POST')).toBe('HTTP/1.1 405 Method Not Allowed');
    expect(firstLine('HTTP/1.1 200 OK\r\n')).toBe('HTTP/1.1 200 OK');
    expect(firstLine('HTTP/1.1 200 O')).toBeUndefined();
    expect(statusCodeOf('HTTP/1.0 407 Proxy Authentication Required')).toBe(407);
    expect(statusCodeOf('SSH-2.0-OpenSSH')).toBeUndefined();
  });
});
