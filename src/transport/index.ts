// The transport client's public face: what the device agent, the lab and the probe import.

export type { ConnectorConfig, Endpoint } from './connector.ts';
export { openTlsConnection } from './connector.ts';
export type { TransportCause, TransportStep } from './failure.ts';
export { TransportFailure } from './failure.ts';
export type {
  HttpsTransport,
  HttpsTransportOptions,
  TransportEvent,
  TransportOutcome,
} from './https-transport.ts';
export { createHttpsTransport } from './https-transport.ts';
export type { BlockRule, NetworkPolicy, PolicyDecision } from './policy.ts';
export { allowAll, BlockList, parseBlockTarget } from './policy.ts';
export type { ResolvedAddress, Resolver } from './resolver.ts';
export { isLoopbackAddress, loopbackOnlyResolver, ResolveError, staticResolver } from './resolver.ts';
