// The License Authority wire format, version 1 (docs/authority-protocol.md). The real Cisco format
// is not public, so this is ours: JSON envelopes `{"v":1,"request":…}` / `{"v":1,"reply":…}` that
// carry exactly the domain messages of src/core/agent/protocol.ts. Shared protocol code: the server
// (src/authority) and the transport client (src/transport) both use these functions, so the two
// sides cannot drift, and neither imports the other.

import { z } from 'zod';
import {
  type AgentReply,
  type AgentRequest,
  GRANT_EXPORT_STATUS_WORDS,
  GRANT_STATUS_WORDS,
} from '../core/agent/protocol.ts';
import { CALLHOME_URL, SMART_TRANSPORT_URL } from '../core/transport.ts';

/** The one wire version this code speaks. */
export const WIRE_VERSION = 1;

/** Bodies larger than this are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 64 * 1024;

const text = (max: number) => z.string().min(1).max(max);
const udi = z.strictObject({ pid: text(64), sn: text(64) });
const entitlements = z
  .array(z.strictObject({ tag: text(128), count: z.number().int().min(1).max(1_000_000) }))
  .max(64);
const instant = z.number().int().min(0);

const agentRequest = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('register'),
    idToken: text(512),
    force: z.boolean(),
    udi,
    hostname: text(255).optional(),
    softwareVersion: text(64).optional(),
    entitlements,
  }),
  z.strictObject({ kind: z.literal('renewId'), udi, certificateId: text(256) }),
  z.strictObject({ kind: z.literal('renewAuth'), udi, certificateId: text(256), entitlements }),
  z.strictObject({ kind: z.literal('deregister'), udi, certificateId: text(256) }),
]);

const grant = z.strictObject({
  tag: z.string(),
  name: z.string(),
  count: z.number().int(),
  status: z.enum(GRANT_STATUS_WORDS),
  exportStatus: z.enum(GRANT_EXPORT_STATUS_WORDS),
});

const agentReply = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('registered'),
    certificateId: z.string(),
    smartAccount: z.string(),
    virtualAccount: z.string(),
    exportControlAllowed: z.boolean(),
    issuedAt: instant,
    expiresAt: instant,
  }),
  z.strictObject({
    kind: z.literal('idRenewed'),
    certificateId: z.string(),
    issuedAt: instant,
    expiresAt: instant,
  }),
  z.strictObject({ kind: z.literal('authorized'), entitlements: z.array(grant), at: instant }),
  z.strictObject({ kind: z.literal('deregistered') }),
  z.strictObject({ kind: z.literal('rejected'), reason: z.string() }),
]);

/** `{"v":1,"request":AgentRequest}` */
export const requestEnvelope = z.strictObject({ v: z.literal(WIRE_VERSION), request: agentRequest });
/** `{"v":1,"reply":AgentReply}` */
export const replyEnvelope = z.strictObject({ v: z.literal(WIRE_VERSION), reply: agentReply });
/** `{"v":1,"error":{code,reason}}`: a 4xx/5xx answer; nothing was changed. */
export const errorEnvelope = z.strictObject({
  v: z.literal(WIRE_VERSION),
  error: z.strictObject({ code: z.string(), reason: z.string() }),
});

/**
 * Codes of the error answer (`{"v":1,"error":{code,reason}}`) and of a body that does not decode.
 * The authority answers only with these (docs/authority-protocol.md, docs/errors.md).
 */
export const WIRE_ERROR_CODES = [
  'BODY_TOO_LARGE',
  'INTERNAL',
  'INVALID_REPLY',
  'INVALID_REQUEST',
  'MALFORMED_JSON',
  'METHOD_NOT_ALLOWED',
  'NOT_FOUND',
  'TOO_MANY_FAILURES',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNSUPPORTED_VERSION',
] as const;
export type WireErrorCode = (typeof WIRE_ERROR_CODES)[number];

/** A decoded body, or why not (`C`: our codes, or any code an authority answered with). */
export type WireResult<T, C extends string = WireErrorCode> =
  | { ok: true; value: T }
  | { ok: false; code: C; reason: string };

/** Serialise a request for the wire. */
export function encodeRequest(request: AgentRequest): string {
  return JSON.stringify({ v: WIRE_VERSION, request });
}

/** Serialise a reply for the wire. */
export function encodeReply(reply: AgentReply): string {
  return JSON.stringify({ v: WIRE_VERSION, reply });
}

/** Serialise an error answer. */
export function encodeError(code: WireErrorCode, reason: string): string {
  return JSON.stringify({ v: WIRE_VERSION, error: { code, reason } });
}

function parseJson(body: string): WireResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    return { ok: false, code: 'MALFORMED_JSON', reason: `body is not JSON: ${(error as Error).message}` };
  }
}

function versionOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { v?: unknown }).v : undefined;
}

/** One line naming the first problem zod found, with its path. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid message';
  const path = issue.path.length > 0 ? issue.path.join('.') : '(root)';
  return `${path}: ${issue.message}`;
}

/** Parse and validate a request body (server side). Never throws. */
export function decodeRequest(body: string): WireResult<AgentRequest> {
  const json = parseJson(body);
  if (!json.ok) return json;
  const v = versionOf(json.value);
  if (v !== WIRE_VERSION) {
    return {
      ok: false,
      code: 'UNSUPPORTED_VERSION',
      reason: `wire version ${JSON.stringify(v)} is not supported (expected ${WIRE_VERSION})`,
    };
  }
  const parsed = requestEnvelope.safeParse(json.value);
  if (!parsed.success) return { ok: false, code: 'INVALID_REQUEST', reason: firstIssue(parsed.error) };
  return { ok: true, value: parsed.data.request as AgentRequest };
}

/**
 * Parse a response body (client side): a reply, or the authority's error answer turned into
 * `{ok:false}` with its code and reason. Never throws.
 */
export function decodeReply(body: string): WireResult<AgentReply, string> {
  const json = parseJson(body);
  if (!json.ok) return json;
  const err = errorEnvelope.safeParse(json.value);
  if (err.success) return { ok: false, code: err.data.error.code, reason: err.data.error.reason };
  const parsed = replyEnvelope.safeParse(json.value);
  if (!parsed.success) return { ok: false, code: 'INVALID_REPLY', reason: firstIssue(parsed.error) };
  return { ok: true, value: parsed.data.reply as AgentReply };
}

/** The two paths the authority serves, one per transport type: those of the real endpoints. */
export const AUTHORITY_PATHS = {
  smart: new URL(SMART_TRANSPORT_URL).pathname,
  callhome: new URL(CALLHOME_URL).pathname,
} as const;
