// Which device a saved capture is, so that captures of one device get one name whatever their
// files are called (history then joins them across days), and two devices never pass for one.
//
// A capture's device is its hostname: the prompt's (`fw1/pri/act#`), else `show version`'s
// (`fw1 up 2 days`), else a full running-config's `hostname fw1`. Only a capture that prints none
// of them is named after its file (or folder). Captures that end up with the same name:
//   - named by hostname, with no serial numbers that differ: one device captured several times.
//     The newest capture (by its own `show clock`, else the file's time) is audited; the others
//     are named in one warning, not audited (an audit is of a device's state now; the older
//     captures' states are history: audit them one run each to record them).
//   - named by hostname, with different serial numbers (`Serial Number:` of show version, the
//     UDI's SN: of show license): different devices. Each is audited, as `NAME (SN SERIAL)`, and
//     one warning names both sources.
//   - named by their files (`site1/fw1.txt`, `site2/fw1.txt`): nothing says they are one device.
//     Each is audited, named with its folder (`site1/fw1`), and one warning says so.

import { basename, dirname } from 'node:path';
import { commandOfTyped, parseShowLicense, parseShowVersion } from '../../text/index.ts';
import { deviceClock } from '../diagnose/device-clock.ts';
import type { CollectedOutput, DeviceCollection } from './types.ts';

/** Where a loaded device's name came from. */
export type NameSource = 'prompt' | 'show version' | 'running-config' | 'manifest' | 'file';

/** A device as loaded from saved files, before names are settled. */
export interface LoadedDevice {
  collection: DeviceCollection;
  nameFrom: NameSource;
  /** The file or folder it was read from, as warnings name it. */
  where: string;
}

/** The serial number a device's outputs print, if any. */
function serialOf(outputs: CollectedOutput[]): string | undefined {
  for (const o of outputs) {
    const reader = commandOfTyped(o.command)?.reader;
    if (reader === 'version' || reader === 'features') {
      const sn = parseShowVersion(o.text).data.serialNumber;
      if (sn) return sn;
    } else if (reader === 'license') {
      const sn = parseShowLicense(o.text).data.udi?.sn;
      if (sn) return sn;
    }
  }
  return undefined;
}

/** When a capture was taken: its own `show clock`, else the time it was collected or saved. */
function takenAt(c: DeviceCollection): number {
  return deviceClock(c.outputs) ?? Date.parse(c.collectedAt);
}

const iso = (t: number) => (Number.isNaN(t) ? 'unknown time' : new Date(t).toISOString().slice(0, 19));
const quote = (s: string) => JSON.stringify(s);

/**
 * Settles the names of loaded devices (see the top of this file): one collection per device,
 * every name unique. `warn` gets one line per name that needed settling.
 */
export function settleNames(loaded: LoadedDevice[], warn: (line: string) => void): DeviceCollection[] {
  const byName = new Map<string, LoadedDevice[]>();
  for (const l of loaded) {
    const list = byName.get(l.collection.device);
    if (list) list.push(l);
    else byName.set(l.collection.device, [l]);
  }
  const keep = new Set<LoadedDevice>();
  const taken = new Set(byName.keys());
  for (const [name, list] of byName) {
    if (list.length === 1) {
      keep.add(list[0] as LoadedDevice);
      continue;
    }
    const identified = sameDevices(
      name,
      list.filter((l) => l.nameFrom !== 'file'),
      warn,
    );
    for (const l of identified) keep.add(l);
    const labels = list.filter((l) => l.nameFrom === 'file');
    if (labels.length === 0) continue;
    // Named by their files only: nothing says they are one device. Each is told apart by its folder.
    for (const l of labels) {
      l.collection = { ...l.collection, device: unique(`${basename(dirname(l.where))}/${name}`, taken) };
      keep.add(l);
    }
    warn(
      `${identified.length + labels.length} captures are named ${quote(name)} and ${labels.length === 1 ? 'one does' : `${labels.length} do`} not say which device ${labels.length === 1 ? 'it is' : 'they are'} (no hostname in it): ${[
        ...identified,
        ...labels,
      ]
        .map((l) => `${l.where} is audited as ${quote(l.collection.device)}`)
        .join(', ')}`,
    );
  }
  return loaded.filter((l) => keep.has(l)).map((l) => l.collection);
}

/**
 * Captures named by a hostname: grouped into devices by serial number, the newest capture of each
 * kept; several devices get their serial number in their name.
 */
function sameDevices(name: string, list: LoadedDevice[], warn: (line: string) => void): LoadedDevice[] {
  if (list.length === 0) return [];
  if (list.length === 1) return list;
  const serials = new Map<string, LoadedDevice[]>();
  const unknown: LoadedDevice[] = [];
  for (const l of list) {
    const sn = serialOf(l.collection.outputs);
    if (sn === undefined) unknown.push(l);
    else {
      const group = serials.get(sn);
      if (group) group.push(l);
      else serials.set(sn, [l]);
    }
  }
  // Captures without a serial number join the one device that has one; beside several, or
  // none, they are a device of their own.
  const devices: [string | undefined, LoadedDevice[]][] = [...serials];
  const only = devices[0];
  if (devices.length === 1 && only) only[1].push(...unknown);
  else if (unknown.length) devices.push([undefined, unknown]);
  const kept: LoadedDevice[] = [];
  for (const [serial, captures] of devices) {
    const newest = captures.reduce((a, b) => (takenAt(b.collection) > takenAt(a.collection) ? b : a));
    if (captures.length > 1)
      warn(
        `${quote(name)}: ${captures.length} captures of one device${serial ? ` (serial ${serial})` : ''}: auditing the newest, ${newest.where} (${iso(takenAt(newest.collection))}); not audited: ${captures
          .filter((c) => c !== newest)
          .map((c) => `${c.where} (${iso(takenAt(c.collection))})`)
          .join(', ')}`,
      );
    kept.push(newest);
  }
  if (kept.length > 1) {
    for (const [i, l] of kept.entries()) {
      const serial = devices[i]?.[0];
      l.collection = { ...l.collection, device: `${name} (${serial ? `SN ${serial}` : 'no serial'})` };
    }
    warn(
      `${kept.length} devices are named ${quote(name)} (their serial numbers differ): ${kept
        .map((l) => `${l.where} is audited as ${quote(l.collection.device)}`)
        .join(', ')}`,
    );
  }
  return kept;
}

/** `name`, or `name (2)`, `name (3)`, … whichever is not taken yet; marks it taken. */
function unique(name: string, taken: Set<string>): string {
  let fresh = name;
  for (let n = 2; taken.has(fresh); n++) fresh = `${name} (${n})`;
  taken.add(fresh);
  return fresh;
}
