// zod schemas that mirror src/core/model.ts, the `smartlic parse --json` contract. A type-level
// test (test/text/schema.test.ts) proves they agree with the TypeScript types; scripts/gen-schema.ts
// turns them into the committed JSON Schema (schema/parse-output.schema.json).

import { z } from 'zod';

const isoTime = z.string().describe('ISO-8601 UTC timestamp, e.g. 2026-01-12T13:09:43.000Z');
const proxy = z.strictObject({ host: z.string(), port: z.number().int() });

const attempt = z.strictObject({
  result: z.enum(['SUCCEEDED', 'FAILED']),
  at: isoTime.optional(),
  failureReason: z.string().optional(),
});

export const smartLicenseDataSchema = z
  .strictObject({
    smartLicensing: z.enum(['ENABLED', 'DISABLED']).optional(),
    registration: z
      .strictObject({
        status: z
          .string()
          .describe('UNREGISTERED, REGISTERING, REGISTERED, REGISTRATION EXPIRED, or as printed'),
        statusDetail: z.string().optional(),
        smartAccount: z.string().optional(),
        virtualAccount: z.string().optional(),
        exportControlled: z.enum(['ALLOWED', 'NOT ALLOWED']).optional(),
        initialRegistration: attempt.optional(),
        lastRenewalAttempt: attempt.nullable().optional(),
        nextRenewalAttempt: isoTime.optional(),
        nextRegistrationAttempt: isoTime.optional(),
        expires: isoTime.optional(),
      })
      .optional(),
    authorization: z
      .strictObject({
        status: z
          .string()
          .describe(
            'EVAL MODE, EVAL EXPIRED, AUTHORIZED, AUTH EXPIRED, OUT OF COMPLIANCE, NO LICENSES IN USE',
          ),
        since: isoTime.optional(),
        lastCommunicationAttempt: attempt.nullable().optional(),
        nextCommunicationAttempt: isoTime.optional(),
        communicationDeadline: z.strictObject({ at: isoTime.optional(), exceeded: z.boolean() }).optional(),
        evaluationRemainingSeconds: z.number().optional(),
        evaluationExpired: isoTime.optional(),
      })
      .optional(),
    exportAuthorizationKey: z.strictObject({ featuresAuthorized: z.array(z.string()) }).optional(),
    utility: z.strictObject({ status: z.string() }).optional(),
    dataPrivacy: z
      .strictObject({
        sendingHostname: z.boolean().optional(),
        callhomeHostnamePrivacy: z.boolean().optional(),
        smartLicensingHostnamePrivacy: z.boolean().optional(),
        versionPrivacy: z.boolean().optional(),
      })
      .optional(),
    transport: z
      .strictObject({
        type: z.string().describe('smart, callhome, off, cslu, url'),
        url: z.string().optional(),
        proxy: proxy.nullable().optional(),
        vrf: z.string().nullable().optional(),
      })
      .optional(),
    usage: z
      .array(
        z.strictObject({
          name: z.string(),
          tag: z.string(),
          description: z.string().optional(),
          count: z.number().optional(),
          version: z.string().optional(),
          status: z.string().optional(),
          exportStatus: z.string().optional(),
        }),
      )
      .optional(),
    udi: z.strictObject({ pid: z.string(), sn: z.string() }).optional(),
    agentVersion: z.string().optional(),
    reservation: z.strictObject({ enabled: z.boolean() }).optional(),
  })
  .describe('show license all | status | summary');

const featureLine = z.strictObject({ name: z.string(), value: z.string(), term: z.string().optional() });

export const showVersionDataSchema = z
  .strictObject({
    software: z.strictObject({ version: z.string(), context: z.string().optional() }).optional(),
    fxosVersion: z.string().optional(),
    deviceManagerVersion: z.string().optional(),
    hostname: z.string().optional(),
    uptime: z.string().optional(),
    hardware: z
      .strictObject({ model: z.string(), ramMb: z.number().optional(), cpu: z.string().optional() })
      .optional(),
    modelId: z.string().optional(),
    serialNumber: z.string().optional(),
    licenseMode: z.string().optional(),
    licenseReservation: z.boolean().optional(),
    licenseState: z.string().optional(),
    platformLicenseState: z.string().optional(),
    activeEntitlement: z.string().optional(),
    enforceMode: z.string().optional(),
    throughputLimit: z.string().optional(),
    featuresScope: z.enum(['platform', 'user context']).optional(),
    features: z.array(featureLine).optional(),
    failoverClusterFeatures: z.array(featureLine).optional(),
    platformLicenseSummary: z.string().optional(),
    notes: z.array(z.string()).optional(),
  })
  .describe('show version | show license features');

export const runningConfigDataSchema = z
  .strictObject({
    hostname: z.string().optional(),
    license: z
      .strictObject({
        smart: z.boolean(),
        featureTier: z.string().optional(),
        throughputLevel: z.string().optional(),
        transport: z
          .strictObject({ type: z.string().optional(), url: z.string().optional(), proxy: proxy.optional() })
          .optional(),
        other: z.array(z.string()).optional(),
      })
      .optional(),
    callHome: z
      .strictObject({
        profiles: z.array(
          z.strictObject({
            name: z.string(),
            active: z.boolean(),
            destinations: z.strictObject({
              transportMethod: z.string().optional(),
              addressHttp: z.array(z.string()).optional(),
              addressEmail: z.array(z.string()).optional(),
            }),
            transportMethod: z.string().optional(),
            other: z.array(z.string()).optional(),
          }),
        ),
        httpProxy: proxy.optional(),
        reportingAnonymous: z.boolean().optional(),
        other: z.array(z.string()).optional(),
      })
      .optional(),
  })
  .describe('show running-config [license | call-home]');

const warning = z.strictObject({
  line: z.number().int().describe('1-based line number in the file'),
  message: z.string(),
  text: z.string().optional(),
});

const entry = <const C extends readonly [string, ...string[]], D extends z.ZodType>(commands: C, data: D) =>
  z.strictObject({ file: z.string(), command: z.enum(commands), data, warnings: z.array(warning) });

/** One entry of `smartlic parse --json`; `data` follows from `command`. */
export const parsedCommandSchema = z.union([
  entry(['show license all', 'show license status', 'show license summary'], smartLicenseDataSchema),
  entry(['show license features', 'show version'], showVersionDataSchema),
  entry(
    ['show running-config license', 'show running-config call-home', 'show running-config'],
    runningConfigDataSchema,
  ),
]);

/** The whole `smartlic parse --json` output. */
export const parseOutputSchema = z
  .array(parsedCommandSchema)
  .describe('smartlic parse FILE... --json: one entry per licensing command output found');
