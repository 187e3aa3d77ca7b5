// The pure licensing core: versions, platforms, transports, advisories, the agent machine,
// scenarios and the timeline. No sockets, files or wall clock anywhere below this line.
export * from './advisories.ts';
export * from './agent/index.ts';
export { simulatedAuthority, unreachable } from './agent/simulated-authority.ts';
export * from './entitlements.ts';
export * from './errors.ts';
export {
  type FeatureLimits,
  type FeatureOptions,
  featureChanges,
  featureLimits,
  featuresCutAtAuthExpiry,
  type LicensingCondition,
  type SourcedFeature,
} from './platform-features.ts';
export * from './platforms.ts';
export * from './scenarios.ts';
export * from './time.ts';
export {
  type ConnectivityAssumption,
  type TimelineEvent,
  type TimelineOptions,
  type TimelineSeverity,
  timeline,
} from './timeline.ts';
export * from './transport.ts';
export * from './version.ts';
