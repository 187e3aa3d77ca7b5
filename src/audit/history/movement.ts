// How each device's state and deadlines moved between audits: for every recorded audit after the
// first, what changed since the one before (status words, transport, deadlines, worst severity,
// findings). A device is a name as one collector sees it: two sites' fw1, audited by two
// collectors or twice in one audit, are two lanes under one name, each compared with itself.

import type { HistoryFix, HistoryMovement } from './contract.ts';
import type { FixRecord, HistoryEntry } from './records.ts';

/** One device in one audit as `smartlic history` shows it (contract.ts): its state, and what changed. */
export type Movement = HistoryMovement;

/** The lane an entry belongs to within its device's name. */
export function laneOf(e: Pick<HistoryEntry, 'collector' | 'occurrence'>): string {
  return JSON.stringify([e.collector, e.occurrence]);
}

/** Group entries by device (they arrive sorted by device, then time) and describe each step. */
export function movements(entries: HistoryEntry[]): Map<string, Movement[]> {
  const byDevice = new Map<string, Movement[]>();
  const previous = new Map<string, HistoryEntry>();
  for (const e of entries) {
    const key = JSON.stringify([e.device, laneOf(e)]);
    const prev = previous.get(key);
    const list = byDevice.get(e.device) ?? [];
    // Collection status, finding codes and the facts feed the change sentences, not the view.
    const { ok: _ok, codes: _codes, facts: _facts, ...shown } = e;
    list.push({ ...shown, changes: prev ? describeChanges(prev, e) : [] });
    byDevice.set(e.device, list);
    previous.set(key, e);
  }
  return byDevice;
}

function describeChanges(a: HistoryEntry, b: HistoryEntry): string[] {
  const out: string[] = [];
  const word = (label: string, x: string | null, y: string | null) => {
    if (x !== y) out.push(`${label} ${x ?? 'unknown'} -> ${y ?? 'unknown'}`);
  };
  word('registration', a.registration, b.registration);
  word('authorization', a.authorization, b.authorization);
  word('transport', a.transport, b.transport);
  dateMove(out, 'communication deadline', a.communicationDeadline, b.communicationDeadline);
  dateMove(out, 'registration expiry', a.registrationExpires, b.registrationExpires);
  if (a.ok !== b.ok) out.push(b.ok ? 'collection recovered' : 'collection failed');
  word('worst', a.worst, b.worst);
  const added = b.codes.filter((c) => !a.codes.includes(c));
  const gone = a.codes.filter((c) => !b.codes.includes(c));
  if (added.length) out.push(`new: ${added.join(', ')}`);
  if (gone.length) out.push(`cleared: ${gone.join(', ')}`);
  return out;
}

function dateMove(out: string[], label: string, a: string | null, b: string | null): void {
  if (a === b) return;
  if (a && b) {
    const days = Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
    out.push(`${label} moved ${days >= 0 ? '+' : ''}${days}d (${a.slice(0, 10)} -> ${b.slice(0, 10)})`);
  } else {
    out.push(`${label} ${a?.slice(0, 10) ?? 'none'} -> ${b?.slice(0, 10) ?? 'none'}`);
  }
}

/** Fix records by device (they arrive sorted by device, then time), as `smartlic history` shows them. */
export function fixesByDevice(records: FixRecord[]): Map<string, HistoryFix[]> {
  const out = new Map<string, HistoryFix[]>();
  for (const f of records) {
    const { id: _id, uid: _uid, runUid: _run, device, detail: _detail, ...shown } = f;
    const list = out.get(device) ?? [];
    list.push(shown);
    out.set(device, list);
  }
  return out;
}
