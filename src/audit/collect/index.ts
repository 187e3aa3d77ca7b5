// Collection for the audit: inventories in, DeviceCollections out, over SSH or from saved files.
// Diagnosis reads only DeviceCollection (types.ts); everything SSH-shaped stays in this folder.

export { commandFromFileName } from './commands.ts';
export { type ConfigChange, type ConfigOutcome, configureLines } from './configure.ts';
export {
  type DeviceCollectOptions,
  type DeviceSession,
  type DialogContext,
  runDeviceSession,
  type SessionDialog,
} from './device.ts';
export { CollectError } from './errors.ts';
export {
  type CollectFleetOptions,
  type CollectProgress,
  collectFleet,
  deviceOptions,
  inPool,
} from './fleet.ts';
export { limitByName, limitInventory, selectHosts } from './inventory/limit.ts';
export { type LoadInventoryOptions, loadInventory, parseInventory } from './inventory/load.ts';
export type {
  InvalidDevice,
  Inventory,
  InventoryDevice,
  InventoryGroup,
  SecretSource,
} from './inventory/model.ts';
export { fingerprint, KnownHostsFile, knownHostsLine } from './known-hosts.ts';
export { type RawManifest, RawWriter, rawFolderName, writeRaw } from './raw.ts';
export { type LoadSavedOptions, loadSaved, MAX_CAPTURE_BYTES } from './saved.ts';
export { Secret } from './secret.ts';
export {
  AUDIT_COMMANDS,
  type AuditSessionResult,
  type ExecSession,
  execCommand,
  LICENSE_FALLBACKS,
  runAsaSession,
} from './session.ts';
export type { CollectedOutput, CollectPhase, DeviceCollection } from './types.ts';
