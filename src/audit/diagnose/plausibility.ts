// IMPLAUSIBLE_DATE: the device printed licensing dates (or is judged at a time) outside what a
// working device shows, by the core's rule (core/agent/plausible-dates.ts). The rest of the
// diagnosis still runs on those dates; this finding says why its numbers should not be trusted.

import { fromLicenseView, implausibleDates, PLAUSIBLE_FROM, PLAUSIBLE_UNTIL } from '../../core/index.ts';
import type { Finding } from '../report/contract.ts';
import { IMPLAUSIBLE_YEARS } from './catalogue.ts';
import type { DeviceSnapshot } from './snapshot.ts';
import { isoDay } from './time.ts';

const RANGE = `${isoDay(PLAUSIBLE_FROM)} to ${isoDay(PLAUSIBLE_UNTIL - 1)}`;

/** The finding for `snapshot` judged at `now`, or undefined when every date is plausible. */
export function implausibleDateFinding(snapshot: DeviceSnapshot, now: number): Finding | undefined {
  const lic = snapshot.license;
  const state = lic?.registration || lic?.authorization ? fromLicenseView(lic, now) : undefined;
  const odd = implausibleDates(state, now);
  if (odd.length === 0) return undefined;
  const listed = odd.slice(0, 4).map((d) => `${d.what} ${isoDay(d.at)}`);
  if (odd.length > 4) listed.push(`${odd.length - 4} more`);
  return {
    code: 'IMPLAUSIBLE_DATE',
    severity: 'warning',
    summary: `dates outside ${RANGE}: ${listed.join(', ')}`,
    detail:
      `A licensing date ${IMPLAUSIBLE_YEARS} means the device clock is wrong or the capture is damaged; ` +
      'the days left and the dated prediction are computed from these dates and should not be trusted. ' +
      'Set the clock (NTP) and collect again.',
  };
}
