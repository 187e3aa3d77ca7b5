// fast-check generators for states the ASA could print: every value is one the device's own
// output could carry (tokens without the separators the output format uses).

import fc from 'fast-check';
import type {
  AttemptInfo,
  CallHomeProfile,
  FeatureLine,
  RunningConfigData,
  ShowVersionData,
  SmartLicenseData,
} from '../../src/core/model.ts';
import { AUTHORIZATION_STATUS_WORDS } from '../../src/core/model.ts';
import { FEATURE_NAMES } from '../../src/text/index.ts';

const chars = (alphabet: string, min = 1, max = 20) =>
  fc.string({ unit: fc.constantFrom(...alphabet.split('')), minLength: min, maxLength: max });
const token = chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.');
// Free text as people name accounts: words separated by single spaces.
const words = fc
  .array(chars('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,.&', 1, 10), {
    minLength: 1,
    maxLength: 4,
  })
  .map((w) => w.join(' '));

/** Whole seconds between 2000 and 2099, as ISO. */
export const isoTime = fc
  .integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2099, 11, 31) / 1000 })
  .map((s) => new Date(s * 1000).toISOString());

const attempt: fc.Arbitrary<AttemptInfo> = fc.oneof(
  fc.record({ result: fc.constant('SUCCEEDED' as const), at: isoTime }),
  fc.record(
    { result: fc.constant('FAILED' as const), at: isoTime, failureReason: words },
    { requiredKeys: ['result', 'at'] },
  ),
);

export const smartLicenseData: fc.Arbitrary<SmartLicenseData> = fc.record(
  {
    smartLicensing: fc.constantFrom('ENABLED' as const, 'DISABLED' as const),
    registration: fc.oneof(
      fc.record(
        {
          status: fc.constantFrom('UNREGISTERED', 'REGISTERED', 'REGISTRATION EXPIRED'),
          smartAccount: words,
          virtualAccount: words,
          exportControlled: fc.constantFrom('ALLOWED' as const, 'NOT ALLOWED' as const),
          initialRegistration: attempt,
          lastRenewalAttempt: fc.option(attempt, { nil: null }),
          nextRenewalAttempt: isoTime,
          expires: isoTime,
        },
        { requiredKeys: ['status'] },
      ),
      fc.record(
        {
          status: fc.constant('REGISTERING'),
          statusDetail: fc.constant('REGISTRATION IN PROGRESS'),
          exportControlled: fc.constantFrom('ALLOWED' as const, 'NOT ALLOWED' as const),
          initialRegistration: attempt,
          nextRegistrationAttempt: isoTime,
        },
        { requiredKeys: ['status'] },
      ),
    ),
    authorization: fc.record(
      {
        status: fc.constantFrom(...AUTHORIZATION_STATUS_WORDS),
        since: isoTime,
        lastCommunicationAttempt: fc.option(attempt, { nil: null }),
        nextCommunicationAttempt: isoTime,
        communicationDeadline: fc.oneof(
          isoTime.map((at) => ({ at, exceeded: false })),
          fc.constant({ exceeded: true }),
        ),
        evaluationRemainingSeconds: fc.integer({ min: 0, max: 90 * 86400 }),
        evaluationExpired: isoTime,
      },
      { requiredKeys: ['status'] },
    ),
    exportAuthorizationKey: fc.record({ featuresAuthorized: fc.array(token, { maxLength: 3 }) }),
    utility: fc.record({ status: fc.constantFrom('ENABLED', 'DISABLED') }),
    dataPrivacy: fc.record({
      sendingHostname: fc.boolean(),
      callhomeHostnamePrivacy: fc.boolean(),
      smartLicensingHostnamePrivacy: fc.boolean(),
      versionPrivacy: fc.boolean(),
    }),
    transport: fc.record(
      {
        type: fc.constantFrom('smart', 'callhome', 'off', 'cslu'),
        url: token.map((t) => `https://${t}/licservice/license`),
        proxy: fc.option(fc.record({ host: token, port: fc.integer({ min: 1, max: 65535 }) }), { nil: null }),
        vrf: fc.option(token, { nil: null }),
      },
      { requiredKeys: ['type'] },
    ),
    usage: fc.array(
      fc.record(
        {
          name: fc.oneof(fc.constant(''), words),
          tag: token,
          description: fc.oneof(fc.constant(''), words),
          count: fc.nat(100),
          version: fc.constantFrom('1.0', '2.0'),
          status: fc.constantFrom('AUTHORIZED', 'EVAL MODE', 'OUT OF COMPLIANCE'),
          exportStatus: fc.constantFrom('NOT RESTRICTED', 'RESTRICTED - ALLOWED'),
        },
        { requiredKeys: ['name', 'tag'] },
      ),
      { maxLength: 3 },
    ),
    udi: fc.record({ pid: token.filter((t) => !t.includes(',')), sn: token }),
    agentVersion: fc.constantFrom('1.6.14_rel/129', '4.3.6_rel/38', '4.9.3_rel/34'),
    reservation: fc.record({ enabled: fc.boolean() }),
  },
  { requiredKeys: [] },
);

const featureValue = fc.oneof(
  fc.constantFrom('Unlimited', 'Enabled', 'Disabled', 'Active/Active', 'Active/Standby'),
  fc.nat(20000).map(String),
);
const features = (pak: boolean): fc.Arbitrary<FeatureLine[]> =>
  fc.uniqueArray(fc.constantFrom(...FEATURE_NAMES), { maxLength: 20 }).chain((names) =>
    fc
      .tuple(...names.map(() => fc.tuple(featureValue, fc.constantFrom('perpetual', '62 days', '646 days'))))
      .map((vals) =>
        names.map((name, i) => {
          const [value, term] = vals[i] ?? ['0', 'perpetual'];
          return pak ? { name, value, term } : { name, value };
        }),
      ),
  );

export const showVersionData: fc.Arbitrary<ShowVersionData> = fc
  .tuple(
    fc.record(
      {
        software: fc.record(
          {
            version: fc.constantFrom('9.20(4)14', '9.22(1.1)', '9.8(4)10', '9.24(1)9'),
            context: fc.constantFrom('context', 'system'),
          },
          { requiredKeys: ['version'] },
        ),
        fxosVersion: fc.constantFrom('2.2(2.121)', '2.14(1.167)'),
        deviceManagerVersion: fc.constantFrom('7.8(2)', '7.22(1)'),
        hardware: fc.record(
          {
            model: fc.constantFrom('ASAv', 'FPR-2130', 'FPR9K-SM-24', 'FPR-1010'),
            ramMb: fc.integer({ min: 512, max: 300000 }),
            cpu: fc.constantFrom(
              'Xeon E5 series 3491 MHz',
              'MIPS 1200 MHz, 1 CPU (12 cores)',
              'Xeon E5 series 2200 MHz, 2 CPUs (48 cores)',
            ),
          },
          { requiredKeys: ['model'] },
        ),
        modelId: fc.constantFrom('ASAv10', 'ASAv30'),
        serialNumber: token,
        licenseMode: fc.constant('Smart Licensing'),
        licenseReservation: fc.boolean(),
        licenseState: fc.constantFrom('LICENSED', 'UNLICENSED'),
        platformLicenseState: fc.constantFrom('Licensed', 'Unlicensed'),
        throughputLimit: fc.constantFrom('100 Kbps', '1 Gbps'),
        notes: fc.subarray(
          [
            'No active entitlement: no feature tier and no throughput level configured',
            '*Memory resource allocation is more than the permitted limit.',
            'Warning: ASAv platform license state is Unlicensed.',
          ],
          { minLength: 1 },
        ),
        platformLicenseSummary: fc.constantFrom(
          'This platform has an ASA5555 VPN Premium license.',
          'This platform has a Base license.',
        ),
      },
      { requiredKeys: [] },
    ),
    fc.option(
      fc.record({
        hostname: token,
        uptime: fc.constantFrom('3 days 22 hours', '1 year 97 days', '10 hours 51 mins'),
      }),
      { nil: undefined },
    ),
    fc.option(
      fc.record(
        { activeEntitlement: token, enforceMode: fc.constantFrom('Eval period', 'Authorized') },
        { requiredKeys: ['activeEntitlement'] },
      ),
      {
        nil: undefined,
      },
    ),
    fc.boolean().chain((pak) =>
      fc.record(
        {
          featuresScope: fc.constantFrom('platform' as const, 'user context' as const),
          features: features(pak),
          failoverClusterFeatures: features(pak),
        },
        { requiredKeys: ['featuresScope', 'features'] },
      ),
    ),
    fc.boolean(),
  )
  .map(([base, host, ent, feats, withFeatures]) => ({
    ...base,
    ...host,
    ...ent,
    ...(withFeatures ? feats : {}),
  }));

const profile: fc.Arbitrary<CallHomeProfile> = fc
  .record({
    name: token,
    active: fc.boolean(),
    http: fc.array(
      token.map((t) => `https://${t}/its/service/oddce/services/DDCEService`),
      { maxLength: 2 },
    ),
    email: fc.array(
      token.map((t) => `${t}@example.com`),
      { maxLength: 2 },
    ),
    method: fc.option(fc.constantFrom('http', 'email'), { nil: undefined }),
    other: fc.subarray([
      'subscribe-to-alert-group inventory periodic monthly',
      'subscribe-to-alert-group configuration',
    ]),
  })
  .map(({ name, active, http, email, method, other }) => ({
    name,
    active,
    destinations: {
      ...(http.length ? { addressHttp: http } : {}),
      ...(email.length ? { addressEmail: email } : {}),
      ...(method ? { transportMethod: method } : {}),
    },
    ...(method ? { transportMethod: method } : {}),
    ...(other.length ? { other } : {}),
  }));

const proxy = fc.record({ host: token, port: fc.integer({ min: 1, max: 65535 }) });

export const runningConfigData: fc.Arbitrary<RunningConfigData> = fc.record(
  {
    hostname: token,
    license: fc.record(
      {
        smart: fc.constant(true),
        featureTier: fc.constantFrom('standard', 'essentials'),
        throughputLevel: fc.constantFrom('100M', '1G', '2G', '10G'),
        transport: fc
          .record(
            { type: fc.constantFrom('smart', 'callhome'), url: token.map((t) => `https://${t}/x`), proxy },
            { requiredKeys: [] },
          )
          .filter((t) => Object.keys(t).length > 0),
        other: fc.subarray(['privacy hostname', 'privacy version', 'feature strong-encryption'], {
          minLength: 1,
        }),
      },
      { requiredKeys: ['smart'] },
    ),
    callHome: fc.record(
      {
        profiles: fc.array(profile, { maxLength: 3 }),
        httpProxy: proxy,
        reportingAnonymous: fc.boolean(),
        other: fc.subarray(['contact-email-addr noc@example.com', 'sender from asa@example.com'], {
          minLength: 1,
        }),
      },
      { requiredKeys: ['profiles'] },
    ),
  },
  { requiredKeys: [] },
);
