// The configuration lines of a transport change and of its rollback. How each line is written is
// the text layer's (licenseSmartBlock, removalLine: the lines `show running-config license`
// prints); this module only decides which settings change.

import type { LicenseConfig, ProxyInfo } from '../core/model.ts';
import { licenseSmartBlock, removalLine } from '../text/index.ts';
import type { TransportState } from './contract.ts';

/** The transport settings a change aims at: the type, and a proxy when one is wanted. */
export interface TransportTarget {
  type: 'smart' | 'callhome';
  proxy?: ProxyInfo;
}

/** The transport as configured under `license smart`: each setting present only when a line sets it. */
export type ConfiguredTransport = NonNullable<LicenseConfig['transport']>;

/** The line of one transport setting, as the running config prints it. */
function settingLine(transport: ConfiguredTransport): string {
  const [line] = licenseSmartBlock({ transport }).lines;
  if (line === undefined) throw new Error('a transport setting renders no line (a bug)');
  return line;
}

/** The block the transport lines go under (`license smart`). */
export const TRANSPORT_PARENTS: readonly string[] = [licenseSmartBlock({}).parent];

/** The `transport …` lines of a configured transport, in the order the ASA prints them. */
export function transportLines(configured: ConfiguredTransport | undefined): string[] {
  return configured ? licenseSmartBlock({ transport: configured }).lines : [];
}

/** A transport state from what is configured and what the device says it uses. */
export function transportState(
  configured: ConfiguredTransport | undefined,
  effective: { type: string | null; proxy: ProxyInfo | null } | null,
): TransportState {
  return {
    type: effective?.type ?? configured?.type ?? null,
    proxy: effective?.proxy ?? configured?.proxy ?? null,
    lines: transportLines(configured),
  };
}

const sameProxy = (a: ProxyInfo | undefined | null, b: ProxyInfo | undefined | null) =>
  (a ?? null) === (b ?? null) || (!!a && !!b && a.host === b.host && a.port === b.port);

/**
 * The lines that move `configured` (with `effectiveType`, the type the device uses now) to
 * `target`, and the line that undoes each. A setting already in force is not typed again: a type
 * the release uses by default stays implicit unless it has to change. Undoing a setting restores
 * its previous line, or removes the new one when there was none.
 */
export function changeLines(
  configured: ConfiguredTransport | undefined,
  effectiveType: string | null,
  target: TransportTarget,
): { lines: string[]; rollback: string[]; after: ConfiguredTransport } {
  const before = configured ?? {};
  const after: ConfiguredTransport = { ...before };
  const lines: string[] = [];
  const rollback: string[] = [];
  if (effectiveType !== target.type || (before.type !== undefined && before.type !== target.type)) {
    const line = settingLine({ type: target.type });
    lines.push(line);
    rollback.push(before.type !== undefined ? settingLine({ type: before.type }) : removalLine(line));
    after.type = target.type;
  }
  if (target.proxy && !sameProxy(before.proxy, target.proxy)) {
    const line = settingLine({ proxy: target.proxy });
    lines.push(line);
    rollback.push(before.proxy ? settingLine({ proxy: before.proxy }) : removalLine(line));
    after.proxy = target.proxy;
  }
  return { lines, rollback, after };
}
