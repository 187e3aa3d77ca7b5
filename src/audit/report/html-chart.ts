// The fleet timeline chart: one lane per device from `now` (worst device on top), with a marker
// for each dated event ahead (authorization expiry, registration expiry, evaluation end) and a red
// mark where a deadline has already passed. Expected events (the device is failing now) are filled;
// what-ifs of a device communicating today are hollow and grey, so a healthy fleet does not look
// as if it were losing its licences; a date resting on an assumption is dashed. Plain SVG text,
// deterministic for a given report.

import { DAY } from '../../core/time.ts';
import type { AuditReport } from './contract.ts';
import { esc } from './escape.ts';

const LANE = 26;
/** What-if markers: grey and hollow, unlike anything that is happening. */
const WHAT_IF = '#8c959f';
const LEFT = 170;
const WIDTH = 900;
/** The deadline kinds the chart draws (the core timeline's kinds); other events stay in the text. */
const COLORS: Record<string, string> = {
  'auth-expired': '#bf8700',
  'registration-expired': '#cf222e',
  'eval-expired': '#8250df',
};

/** An inline `<svg>` chart of the deadlines ahead across the fleet. */
export function timelineChartSvg(report: AuditReport): string {
  const now = Date.parse(report.now);
  const points = report.devices.flatMap((d) =>
    d.timeline.filter((t) => COLORS[t.kind]).map((t) => Date.parse(t.at)),
  );
  const end = Math.max(now + 30 * DAY, ...points.filter((p) => !Number.isNaN(p))) + 15 * DAY;
  const x = (t: number) => LEFT + ((Math.max(t, now) - now) / (end - now)) * (WIDTH - LEFT - 20);
  const height = 40 + report.devices.length * LANE + 30;
  const out: string[] = [
    `<svg id="timeline-chart" xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Licensing deadlines across the fleet">`,
  ];
  for (const tick of monthTicks(now, end)) {
    out.push(
      `<line x1="${x(tick).toFixed(1)}" y1="20" x2="${x(tick).toFixed(1)}" y2="${height - 25}" stroke="#eaeef2"/>`,
      `<text x="${x(tick).toFixed(1)}" y="${height - 10}" text-anchor="middle" fill="#57606a">${esc(new Date(tick).toISOString().slice(0, 7))}</text>`,
    );
  }
  out.push(`<line x1="${LEFT}" y1="15" x2="${LEFT}" y2="${height - 25}" stroke="#0969da" stroke-width="2"/>`);
  out.push(
    `<text x="${LEFT}" y="12" text-anchor="middle" fill="#0969da">now ${esc(report.now.slice(0, 10))}</text>`,
  );
  report.devices.forEach((d, i) => {
    const y = 40 + i * LANE;
    out.push(`<g class="lane" data-device="${esc(d.device)}">`);
    // The lane's label fits left of the axis; the full name is in its tooltip and the table.
    const label = d.device.length > 26 ? `${d.device.slice(0, 25)}…` : d.device;
    out.push(
      `<text x="${LEFT - 8}" y="${y + 4}" text-anchor="end">${esc(label)}<title>${esc(d.device)}</title></text>`,
    );
    out.push(`<line x1="${LEFT}" y1="${y}" x2="${WIDTH - 20}" y2="${y}" stroke="#d0d7de"/>`);
    if (d.facts.deadlinePassed) {
      out.push(
        `<rect x="${LEFT - 4}" y="${y - 6}" width="8" height="12" fill="#cf222e"><title>${esc(`${d.device}: communication deadline passed`)}</title></rect>`,
      );
    }
    for (const t of d.timeline) {
      const at = Date.parse(t.at);
      const color = COLORS[t.kind];
      if (Number.isNaN(at) || !color) continue;
      const whatIf = t.basis === 'hypothetical';
      const look = whatIf
        ? `fill="none" stroke="${WHAT_IF}" stroke-width="1.5"`
        : `fill="${color}"${t.assumption ? ` fill-opacity="0.45" stroke="${color}" stroke-dasharray="2 2"` : ''}`;
      const title = `${d.device}: ${whatIf ? 'only if connectivity broke now: ' : ''}${t.event}${t.assumption ? ` (assumed: ${t.assumption})` : ''}`;
      out.push(
        `<circle class="${whatIf ? 'what-if' : 'expected'}" cx="${x(at).toFixed(1)}" cy="${y}" r="6" ${look}><title>${esc(title)}</title></circle>`,
      );
    }
    out.push('</g>');
  });
  out.push('</svg>');
  out.push(
    `<p><small>${Object.entries(COLORS)
      .map(([k, c]) => `<span style="color:${c}">●</span> ${esc(k.replace(/-/g, ' '))}`)
      .join(
        ' &nbsp; ',
      )} (expected: the device is failing now) &nbsp; <span style="color:${WHAT_IF}">○</span> only if connectivity broke now (the device communicates today) &nbsp; <span style="color:#cf222e">■</span> deadline passed</small></p>`,
  );
  return out.join('\n');
}

function monthTicks(from: number, to: number): number[] {
  const ticks: number[] = [];
  const d = new Date(from);
  let t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  const months = (to - from) / (30 * DAY);
  const step = months > 24 ? 6 : months > 12 ? 3 : 1;
  while (t < to) {
    ticks.push(t);
    const n = new Date(t);
    t = Date.UTC(n.getUTCFullYear(), n.getUTCMonth() + step, 1);
  }
  return ticks;
}
