// The Smart Licensing agent: state, machine, commands, driver and views.
export { agentVersionFor } from './agent-version.ts';
export { shiftAgentState } from './clock-shift.ts';
export { deregister, isRegistered, register, reload, renewNow, setEntitlements } from './commands.ts';
export {
  advanceWith,
  DriveStopped,
  nextSentAt,
  type PendingExchange,
  type RunDueOptions,
  runDue,
} from './drive.ts';
export { evaluationRemaining } from './evaluation.ts';
export {
  applyOutcome,
  type DueAction,
  nextDue,
  nextTransitionAt,
  type RequestContext,
  requestFor,
  tick,
} from './machine.ts';
export {
  type ImplausibleDate,
  implausibleDates,
  isPlausibleDate,
  PLAUSIBLE_FROM,
  PLAUSIBLE_UNTIL,
} from './plausible-dates.ts';
export * from './protocol.ts';
export {
  type AgentAction,
  type AgentState,
  type AttemptRecord,
  type CreateAgentStateOptions,
  createAgentState,
} from './state.ts';
export {
  type AgentTimers,
  communicationDeadline,
  DEFAULT_TIMERS,
  registrationExpiry,
  retryDelay,
} from './timers.ts';
export { type DeviceFacts, licensingCondition, toVersionView } from './version-view.ts';
export { fromLicenseView, type LicenseViewSettings, toLicenseView } from './view.ts';
