// One self-contained HTML file for an audit: the fleet summary first (states, what to do first,
// findings and transports, notes), a timeline chart of what is ahead across the fleet (inline
// SVG, drawn here), the fleet table worst first and per-device details. What is expected (the
// device is failing now) and what is only a what-if (it communicates today) are drawn and listed
// apart. No script, no network, no CDN; every value from a device goes through `esc` (device text
// is untrusted), long unbroken values wrap (`overflow-wrap:anywhere`: a 3,000-character name does
// not widen the page), and each device has an id no other device shares (escape.ts `deviceIds`).

import type { AuditReport, DeviceAudit, DeviceState, Severity, TimelineEvent } from './contract.ts';
import { deviceIds, esc } from './escape.ts';
import { groupByMessage } from './grouped.ts';
import { timelineChartSvg } from './html-chart.ts';
import { isoSecond } from './when.ts';

export { esc } from './escape.ts';

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d232a;background:#fff;overflow-wrap:anywhere}
h1{font-size:1.4rem;margin:0 0 .3rem}h2{font-size:1.15rem;margin:2rem 0 .6rem}h3{margin:1.4rem 0 .4rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f7}code,pre{font-family:ui-monospace,monospace}pre{background:#f6f8fa;padding:.5rem;margin:.3rem 0;white-space:pre-wrap}
.sev{display:inline-block;padding:0 .45rem;border-radius:.6rem;font-size:.85em;font-weight:600}
.critical{background:#ffd7d5;color:#82071e}.warning{background:#fff1c2;color:#7a4d00}.info{background:#ddf4ff;color:#0a3069}.ok{background:#dafbe1;color:#116329}.unknown{background:#eee5ff;color:#512a97}
.whatif{color:#57606a}.whatif summary{cursor:pointer}.assumed{font-style:italic;color:#7a4d00}#actions li{margin:.2rem 0}.notes li{color:#57606a}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:.4rem;padding:.5rem 1rem;min-width:7rem}
.card b{display:block;font-size:1.5rem}table.facts{width:auto;margin:.3rem 0}table.facts th{font-weight:500}.device{border-top:2px solid #d0d7de;margin-top:1.5rem}
svg text{font:11px system-ui,sans-serif}#upcoming td:first-child{white-space:nowrap}
`;

/** Render the report as one HTML document. */
export function renderHtml(report: AuditReport): string {
  // One id per device row and its details; a device named in a list links to the first of its name.
  const ids = deviceIds(report.devices.map((d) => d.device));
  const idOf = new Map<string, string>();
  report.devices.forEach((d, i) => {
    if (!idOf.has(d.device)) idOf.set(d.device, ids[i] as string);
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>smartlic audit ${esc(report.now.slice(0, 10))}</title>
<style>${CSS}</style></head>
<body>
<h1>Smart Licensing audit</h1>
<p>Evaluated at <time datetime="${esc(report.now)}">${esc(isoSecond(report.now))}</time>; generated ${esc(isoSecond(report.generatedAt))}.</p>
${fleetSummary(report, idOf)}
<section id="timeline"><h2>What is ahead across the fleet</h2>
${timelineChartSvg(report)}
${upcoming(report)}
</section>
<section id="fleet"><h2>Devices, worst first</h2>
<table id="fleet-table"><thead><tr><th>device</th><th>platform</th><th>version</th><th>transport</th><th>registration</th><th>authorization</th><th>days to deadline</th><th>days to reg. expiry</th><th>worst</th></tr></thead>
<tbody>
${report.devices.map((d, i) => fleetRow(d, ids[i] as string)).join('\n')}
</tbody></table></section>
<section id="details"><h2>Details</h2>
${report.devices.map((d, i) => deviceDetails(d, ids[i] as string)).join('\n')}
</section>
</body></html>
`;
}

/** States (info counted as ok), what to do first, findings and transports, the notes grouped. */
function fleetSummary(report: AuditReport, idOf: Map<string, string>): string {
  const s = report.summary;
  const b = s.byState;
  const counts = (rec: Record<string, number>) =>
    Object.entries(rec)
      .sort((x, y) => y[1] - x[1])
      .map(([k, n]) => `<li><code>${esc(k)}</code> ${n}</li>`)
      .join('');
  const actions = s.actions.length
    ? `<h3>What to do first</h3><ol id="actions">${s.actions
        .map(
          (a) =>
            `<li>${state(a.state)} ${esc(a.what)}: ${a.devices.map((d) => `<a href="#${idOf.get(d) ?? ''}">${esc(d)}</a>`).join(', ')}</li>`,
        )
        .join('')}</ol>`
    : '<p>Nothing to do: every device is ok.</p>';
  const notes = groupByMessage(
    report.devices.flatMap((d) => d.notes.map((n) => ({ subject: d.device, message: n }))),
  );
  return `<section id="summary"><h2>Fleet summary</h2><div class="cards">
${card('devices', s.devices, null)}${card('critical', b.critical, 'critical')}${card('warning', b.warning, 'warning')}${card('not checked', b.unknown, 'unknown')}${card('ok (nothing worse than info)', b.ok, 'ok')}
</div>
${actions}
<div class="cards"><div><h3>Findings</h3><ul id="by-finding">${counts(s.byFinding)}</ul></div><div><h3>Transports</h3><ul id="by-transport">${counts(s.byTransport)}</ul></div></div>
${notes.length ? `<h3>Notes</h3><ul class="notes">${notes.map((g) => `<li>${esc(g.subjects.join(', '))}: ${esc(g.message)}</li>`).join('')}</ul>` : ''}
</section>`;
}

/**
 * The next dated events of failing devices, soonest first (the chart's filled markers as a
 * table). What-ifs of devices communicating today are counted here and listed in their details.
 */
function upcoming(report: AuditReport): string {
  const rows = report.devices
    .flatMap((d) =>
      d.timeline
        .filter((t) => t.kind !== 'reload-eval' && t.basis === 'expected')
        .map((t) => ({ device: d.device, ...t })),
    )
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .slice(0, 25);
  const healthy = report.devices.filter((d) => d.timeline.some((t) => t.basis === 'hypothetical')).length;
  const whatIf = healthy
    ? `<p class="whatif">${healthy} device${healthy === 1 ? '' : 's'} communicate${healthy === 1 ? 's' : ''} today: ${healthy === 1 ? 'its' : 'their'} dates are what-ifs (hollow markers above), in the details under “only if connectivity broke now”.</p>`
    : '';
  if (rows.length === 0) return `<p>No dated event ahead for a failing device.</p>${whatIf}`;
  return `<h3>Ahead unless fixed (the devices are failing now)</h3><table id="upcoming"><thead><tr><th>date</th><th>device</th><th>what happens unless it is fixed</th></tr></thead><tbody>
${rows.map((r) => `<tr><td>${esc(r.at.slice(0, 10))}</td><td>${esc(r.device)}</td><td>${esc(r.event.replace(/^\d{4}-\d{2}-\d{2} /, ''))}${assumedText(r)}</td></tr>`).join('\n')}
</tbody></table>${whatIf}`;
}

function assumedText(t: TimelineEvent): string {
  return t.assumption ? ` <span class="assumed">(assumed date: ${esc(t.assumption)})</span>` : '';
}

function state(s: DeviceState): string {
  return `<span class="sev ${s}">${esc(s === 'unknown' ? 'not checked' : s)}</span>`;
}

function card(label: string, n: number, sev: DeviceState | null): string {
  return `<div class="card${sev ? ` ${sev}` : ''}"><b>${n}</b>${esc(label)}</div>`;
}

function sev(s: Severity, text?: string): string {
  return `<span class="sev ${s}">${esc(text ?? s)}</span>`;
}

function fleetRow(d: DeviceAudit, id: string): string {
  const f = d.facts;
  const t = f.transport
    ? `${f.transport.type}${f.transport.proxy ? ` via ${f.transport.proxy.host}:${f.transport.proxy.port}` : ''}`
    : '';
  const cells = [
    `<a href="#${id}">${esc(d.device)}</a>`,
    esc(f.platform ?? ''),
    esc(f.version ?? ''),
    esc(t),
    esc(f.registration ?? ''),
    esc(f.authorization ?? ''),
    esc(f.daysToDeadline ?? (f.deadlinePassed ? 'passed' : '')),
    esc(f.daysToRegistrationExpiry ?? ''),
    sev(d.worst, d.findings[0] ? `${d.worst} ${d.findings[0].code}` : d.worst),
  ];
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

function deviceDetails(d: DeviceAudit, id: string): string {
  const parts = [`<div class="device" id="${id}"><h3>${esc(d.device)} ${sev(d.worst)}</h3>`, factsList(d)];
  if (d.error)
    parts.push(
      `<p><b>Not checked</b>: collection failed at ${esc(d.error.phase)} (${esc(d.error.code)}): ${esc(d.error.message)}</p>`,
    );
  if (d.findings.length) {
    parts.push(
      `<h4>Findings</h4><ul>${d.findings.map((f) => `<li>${sev(f.severity, f.code)} ${esc(f.summary)}<br><small>${esc(f.detail)}</small></li>`).join('')}</ul>`,
    );
  }
  if (d.advisories.length) {
    parts.push(
      `<h4>Advisories</h4><ul>${d.advisories.map((a) => `<li><b>${esc(a.id)}</b>: ${esc(a.reason)}<br><small>${esc(a.summary)}</small></li>`).join('')}</ul>`,
    );
  }
  for (const n of d.notes) parts.push(`<p class="note"><b>Note:</b> ${esc(n)}</p>`);
  const expected = d.timeline.filter((t) => t.basis === 'expected');
  const whatIf = d.timeline.filter((t) => t.basis === 'hypothetical');
  const list = (ts: TimelineEvent[]) =>
    `<ul>${ts.map((t) => `<li><time datetime="${esc(t.at)}">${esc(t.event)}</time>${assumedText(t)}</li>`).join('')}</ul>`;
  if (expected.length) parts.push(`<h4>Ahead unless it is fixed</h4>${list(expected)}`);
  if (whatIf.length)
    parts.push(
      `<details class="whatif"><summary>Only if connectivity broke now (the device communicates today): ${whatIf.length} what-if event${whatIf.length === 1 ? '' : 's'}</summary>${list(whatIf)}</details>`,
    );
  if (d.remediation.length) {
    parts.push(
      `<h4>Fix</h4><ol>${d.remediation
        .map(
          (r) =>
            `<li>${esc(r.why)}${r.cli.length ? `<pre>${esc(r.cli.join('\n'))}</pre>` : ''}${r.asdm ? `<small>ASDM: ${esc(r.asdm)}</small>` : ''}</li>`,
        )
        .join('')}</ol>`,
    );
  }
  parts.push('</div>');
  return parts.join('\n');
}

function factsList(d: DeviceAudit): string {
  const f = d.facts;
  const t = f.transport;
  const last = f.lastCommunication;
  const rows: [string, string | null][] = [
    ['hostname', f.name],
    ['platform / version', [f.platform, f.version].filter(Boolean).join(' / ') || null],
    [
      'transport',
      t
        ? `${t.type}${t.url ? ` ${t.url}` : ''}${t.proxy ? ` via proxy ${t.proxy.host}:${t.proxy.port}` : ''}`
        : null,
    ],
    ['registration', f.registration],
    ['export-controlled', f.exportControlled],
    ['authorization', f.authorization],
    [
      'last communication',
      last
        ? `${last.result}${last.at ? ` ${isoSecond(last.at)}` : ''}${last.failureReason ? ` (${last.failureReason})` : ''}`
        : null,
    ],
    [
      'communication deadline',
      f.communicationDeadline
        ? `${isoSecond(f.communicationDeadline)}${f.deadlinePassed ? ' (passed)' : ''}`
        : null,
    ],
    ['registration expires', f.registrationExpires && isoSecond(f.registrationExpires)],
    ['context / failover', [f.context, f.failover].filter(Boolean).join(' / ') || null],
  ];
  const shown = rows.filter(([, v]) => v);
  if (shown.length === 0) return '';
  return `<table class="facts">${shown.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
}
