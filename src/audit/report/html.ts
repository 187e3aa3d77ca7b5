// One self-contained HTML file for an audit: fleet summary, a timeline chart of deadlines across
// the fleet (inline SVG, drawn here), the fleet table and per-device details. No script, no
// network, no CDN; every value from a device goes through `esc` (device text is untrusted).

import type { AuditReport, DeviceAudit, Severity } from './contract.ts';
import { esc } from './escape.ts';
import { timelineChartSvg } from './html-chart.ts';

export { esc } from './escape.ts';

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1d232a;background:#fff}
h1{font-size:1.4rem;margin:0 0 .3rem}h2{font-size:1.15rem;margin:2rem 0 .6rem}h3{margin:1.4rem 0 .4rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f7}code,pre{font-family:ui-monospace,monospace}pre{background:#f6f8fa;padding:.5rem;margin:.3rem 0}
.sev{display:inline-block;padding:0 .45rem;border-radius:.6rem;font-size:.85em;font-weight:600}
.critical{background:#ffd7d5;color:#82071e}.warning{background:#fff1c2;color:#7a4d00}.info{background:#ddf4ff;color:#0a3069}.ok{background:#dafbe1;color:#116329}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:.4rem;padding:.5rem 1rem;min-width:7rem}
.card b{display:block;font-size:1.5rem}table.facts{width:auto;margin:.3rem 0}table.facts th{font-weight:500}.device{border-top:2px solid #d0d7de;margin-top:1.5rem}
svg text{font:11px system-ui,sans-serif}#upcoming td:first-child{white-space:nowrap}
`;

/** Render the report as one HTML document. */
export function renderHtml(report: AuditReport): string {
  const b = report.summary.bySeverity;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>smartlic audit ${esc(report.now.slice(0, 10))}</title>
<style>${CSS}</style></head>
<body>
<h1>Smart Licensing audit</h1>
<p>Evaluated at <time datetime="${esc(report.now)}">${esc(report.now)}</time>; generated ${esc(report.generatedAt)}.</p>
<section id="summary"><h2>Fleet summary</h2><div class="cards">
${card('devices', report.summary.devices, null)}${card('critical', b.critical, 'critical')}${card('warning', b.warning, 'warning')}${card('info', b.info, 'info')}${card('ok', b.ok, 'ok')}
</div></section>
<section id="timeline"><h2>Deadlines across the fleet</h2>
${timelineChartSvg(report)}
${upcoming(report)}
</section>
<section id="fleet"><h2>Devices</h2>
<table id="fleet-table"><thead><tr><th>device</th><th>platform</th><th>version</th><th>transport</th><th>registration</th><th>authorization</th><th>days to deadline</th><th>days to reg. expiry</th><th>worst</th></tr></thead>
<tbody>
${report.devices.map(fleetRow).join('\n')}
</tbody></table></section>
<section id="details"><h2>Details</h2>
${report.devices.map(deviceDetails).join('\n')}
</section>
</body></html>
`;
}

/** The next dated events across the fleet, soonest first (the chart's data as a table). */
function upcoming(report: AuditReport): string {
  const rows = report.devices
    .flatMap((d) =>
      d.timeline.filter((t) => t.kind !== 'reload-eval').map((t) => ({ device: d.device, ...t })),
    )
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .slice(0, 25);
  if (rows.length === 0) return '<p>No dated event ahead.</p>';
  return `<table id="upcoming"><thead><tr><th>date</th><th>device</th><th>what happens if connectivity stays broken</th></tr></thead><tbody>
${rows.map((r) => `<tr><td>${esc(r.at.slice(0, 10))}</td><td>${esc(r.device)}</td><td>${esc(r.event.replace(/^\d{4}-\d{2}-\d{2} /, ''))}</td></tr>`).join('\n')}
</tbody></table>`;
}

function card(label: string, n: number, sev: Severity | null): string {
  return `<div class="card${sev ? ` ${sev}` : ''}"><b>${n}</b>${esc(label)}</div>`;
}

function sev(s: Severity, text?: string): string {
  return `<span class="sev ${s}">${esc(text ?? s)}</span>`;
}

function fleetRow(d: DeviceAudit): string {
  const f = d.facts;
  const t = f.transport
    ? `${f.transport.type}${f.transport.proxy ? ` via ${f.transport.proxy.host}:${f.transport.proxy.port}` : ''}`
    : '';
  const cells = [
    `<a href="#dev-${anchor(d.device)}">${esc(d.device)}</a>`,
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

function deviceDetails(d: DeviceAudit): string {
  const parts = [
    `<div class="device" id="dev-${anchor(d.device)}"><h3>${esc(d.device)} ${sev(d.worst)}</h3>`,
    factsList(d),
  ];
  if (d.error)
    parts.push(
      `<p><b>Collection failed</b> at ${esc(d.error.phase)} (${esc(d.error.code)}): ${esc(d.error.message)}</p>`,
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
  if (d.timeline.length) {
    parts.push(
      `<h4>If connectivity stays broken</h4><ul>${d.timeline.map((t) => `<li><time datetime="${esc(t.at)}">${esc(t.event)}</time></li>`).join('')}</ul>`,
    );
  }
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
        ? `${last.result}${last.at ? ` ${last.at}` : ''}${last.failureReason ? ` (${last.failureReason})` : ''}`
        : null,
    ],
    [
      'communication deadline',
      f.communicationDeadline ? `${f.communicationDeadline}${f.deadlinePassed ? ' (passed)' : ''}` : null,
    ],
    ['registration expires', f.registrationExpires],
    ['context / failover', [f.context, f.failover].filter(Boolean).join(' / ') || null],
  ];
  const shown = rows.filter(([, v]) => v);
  if (shown.length === 0) return '';
  return `<table class="facts">${shown.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
}

function anchor(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_');
}
