// A small authoritative name-server on loopback for the probe's DNS tests, speaking the DNS wire
// format over UDP (RFC 1035 §4): A records for the names it is given, NOERROR without answers for
// their other types, SERVFAIL for names listed as failing, NXDOMAIN for everything else. The real
// resolver client in Node (c-ares) asks it; no test ever queries a real resolver.

import { createSocket, type Socket } from 'node:dgram';

export interface RunningDns {
  /** `127.0.0.1:PORT`, as --dns-server takes it. */
  server: string;
  port: number;
  /** `NAME TYPE` of every question received. */
  queries: string[];
  close(): Promise<void>;
}

const TYPE_A = 1;
const RCODE = { ok: 0, servfail: 2, nxdomain: 3 } as const;

/** The question's name, type and where the question section ends; undefined if malformed. */
function question(msg: Buffer): { name: string; type: number; end: number } | undefined {
  const labels: string[] = [];
  let at = 12;
  while (at < msg.length) {
    const len = msg[at] as number;
    if (len === 0) break;
    if (len > 63) return undefined; // no compression in a question we send
    labels.push(msg.subarray(at + 1, at + 1 + len).toString('latin1'));
    at += 1 + len;
  }
  if (at + 5 > msg.length) return undefined;
  return { name: labels.join('.').toLowerCase(), type: msg.readUInt16BE(at + 1), end: at + 5 };
}

function answer(
  msg: Buffer,
  opts: { a: Record<string, string>; servfail: string[] },
  log: string[],
): Buffer | undefined {
  if (msg.length < 12 || msg.readUInt16BE(4) !== 1) return undefined;
  const q = question(msg);
  if (!q) return undefined;
  log.push(`${q.name} ${q.type}`);
  const address = opts.a[q.name];
  const rcode = opts.servfail.includes(q.name) ? RCODE.servfail : address ? RCODE.ok : RCODE.nxdomain;
  const records = address && q.type === TYPE_A ? 1 : 0;
  const header = Buffer.alloc(12);
  header.writeUInt16BE(msg.readUInt16BE(0), 0); // the query's id
  // QR, the query's opcode and RD, AA and RA set, the response code.
  header.writeUInt16BE(0x8000 | (msg.readUInt16BE(2) & 0x7900) | 0x0400 | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records, 6);
  const parts = [header, msg.subarray(12, q.end)];
  if (records) {
    const rr = Buffer.alloc(16);
    rr.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    rr.writeUInt16BE(TYPE_A, 2);
    rr.writeUInt16BE(1, 4); // class IN
    rr.writeUInt32BE(60, 6); // TTL
    rr.writeUInt16BE(4, 10);
    Buffer.from((address as string).split('.').map(Number)).copy(rr, 12);
    parts.push(rr);
  }
  return Buffer.concat(parts);
}

function bound(socket: Socket): Promise<number> {
  return new Promise((resolve) => socket.bind(0, '127.0.0.1', () => resolve(socket.address().port)));
}

/** Start the name-server. `silent` receives questions and never answers (a resolver that hangs). */
export async function startDnsServer(
  opts: { a?: Record<string, string>; servfail?: string[]; silent?: boolean } = {},
): Promise<RunningDns> {
  const socket = createSocket('udp4');
  const queries: string[] = [];
  const table = { a: opts.a ?? {}, servfail: opts.servfail ?? [] };
  socket.on('message', (msg, from) => {
    const reply = answer(msg, table, queries);
    if (reply && !opts.silent) socket.send(reply, from.port, from.address);
  });
  const port = await bound(socket);
  return {
    server: `127.0.0.1:${port}`,
    port,
    queries,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

/** A loopback UDP port nothing listens on (the kernel answers ICMP port unreachable). */
export async function closedUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  const port = await bound(socket);
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}
