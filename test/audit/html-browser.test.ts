// The HTML report opened in Debian's headless Chromium (playwright-core): no console errors, no
// network request at all, the fleet table and the timeline chart present; the built-in lab's
// report (audited over SSH by `smartlic demo`) shows the fleet summary first and draws what-ifs
// of healthy devices apart from what is happening. Screenshots are kept under test-artifacts/.
// With CI=true a missing Chromium fails the test instead of skipping it.

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../../src/audit/report/contract.ts';
import { renderHtml } from '../../src/audit/report/html.ts';
import { runAudit } from '../../src/audit/run.ts';
import { BUILTIN_DEVICES } from '../../src/lab/builtin.ts';
import { runCli } from '../helpers/cli.ts';
import { fileCollection, readCorpus, seedFleet } from './inputs.ts';

const CHROMIUM = process.env.SMARTLIC_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true')
    throw new Error(`${CHROMIUM} is missing and CI=true: install Debian's chromium`);
  console.warn(`skipping the browser test: ${CHROMIUM} not found`);
  return false;
}

const run = chromiumAvailable();

describe.runIf(run)('HTML report in headless Chromium', () => {
  let browser: BrowserContext;
  // A fresh, empty profile per run (playwright passes it to Chromium as --user-data-dir).
  const profile = mkdtempSync(join(tmpdir(), 'smartlic-chromium-'));
  beforeAll(async () => {
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      viewport: { width: 1200, height: 900 },
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('renders with no console error and no network, fleet table and timeline present', async () => {
    const report = await runAudit({
      collections: [
        ...seedFleet(),
        fileCollection(
          'ntc1',
          { 'show license all': readCorpus('show-license-all__ntc-templates__1.txt') },
          '2025-12-01T00:00:00Z',
        ),
      ],
      now: Date.parse('2026-02-01T00:00:00Z'),
    });
    const dir = mkdtempSync(join(tmpdir(), 'smartlic-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(report));

    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

    expect(await page.locator('#fleet-table tbody tr').count()).toBe(4);
    expect(await page.locator('#fleet-table').textContent()).toContain('COMM_FAILING');
    const chart = page.locator('#timeline-chart');
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.locator('g.lane').count()).toBe(4);
    // asa-comm has its authorization expiry and registration expiry ahead: two markers.
    expect(await chart.locator('g.lane[data-device="asa-comm"] circle').count()).toBe(2);
    expect(await page.locator('#details').textContent()).toContain('2026-04-12 authorization expires');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'audit-report.png'), fullPage: true });
    await page.close();
    rmSync(dir, { recursive: true, force: true });
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('a 3,000-character value wraps inside the page, and no two devices share an anchor', async () => {
    const long = 'X'.repeat(3000);
    const license = readCorpus('show-license-all__ntc-templates__1.txt');
    const version = readCorpus('show-version__ntc-templates__1.txt').replace(
      /^Hardware:\s+\S+/m,
      `Hardware:   ${long}`,
    );
    const report = await runAudit({
      collections: ['fw 1', 'fw_1', 'dup', 'dup', long].map((name) =>
        fileCollection(
          name,
          { 'show license all': license, 'show version': version },
          '2019-01-01T00:00:00Z',
        ),
      ),
      now: Date.parse('2019-01-15T00:00:00Z'),
    });
    const dir = mkdtempSync(join(tmpdir(), 'smartlic-html-wide-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(report));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    // The viewport is 1200 px wide; unwrapped, the value alone is tens of thousands.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1200);
    const ids = await page.locator('#details .device').evaluateAll((els) => els.map((e) => e.id));
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    // Each row's link leads to that row's own details.
    const rows = page.locator('#fleet-table tbody tr');
    for (let i = 0; i < 5; i++) {
      const link = rows.nth(i).locator('a');
      const target = (await link.getAttribute('href'))?.slice(1) ?? '';
      expect(target).toBe(ids[i]);
      expect(await page.locator(`[id="${target}"] h3`).textContent()).toContain(await link.textContent());
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'audit-report-long-values.png') });
    await page.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the built-in lab: fleet summary first, what-ifs of healthy devices hollow and apart, failing devices filled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smartlic-html-lab-'));
    const run = await runCli(['demo', '--json', '--html', 'lab.html'], { cwd: dir });
    const report = JSON.parse(run.out) as AuditReport;
    const b = BUILTIN_DEVICES;
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    await page.goto(pathToFileURL(join(dir, 'lab.html')).href, { waitUntil: 'load' });

    // The fleet summary is the first section, with the counts and what to do first.
    expect(await page.locator('section').first().getAttribute('id')).toBe('summary');
    const cards = await page.locator('#summary .card').allTextContents();
    expect(cards).toContain(`${report.summary.byState.critical}critical`);
    expect(cards).toContain(`${report.summary.byState.ok}ok (nothing worse than info)`);
    expect(await page.locator('#actions li').count()).toBeGreaterThan(0);
    expect(await page.locator('#actions').textContent()).toContain(b.authExpired);
    expect(await page.locator('#by-transport').textContent()).toContain('callhome');

    // Healthy devices: hollow what-if markers only; failing devices: filled expected markers.
    const lane = (name: string) => page.locator(`#timeline-chart g.lane[data-device="${name}"]`);
    expect(await lane(b.healthy).locator('circle.expected').count()).toBe(0);
    expect(await lane(b.healthy).locator('circle.what-if').count()).toBeGreaterThan(0);
    expect(await lane(b.healthy).locator('circle.what-if').first().getAttribute('fill')).toBe('none');
    expect(await lane(b.commFailing).locator('circle.expected').count()).toBeGreaterThan(0);
    expect(await lane(b.commFailing).locator('circle.what-if').count()).toBe(0);
    // The table of what is ahead lists failing devices only.
    const upcoming = await page.locator('#upcoming').textContent();
    expect(upcoming).toContain(b.commFailing);
    expect(upcoming).not.toContain(b.healthy);
    // Worst first: the first row is critical.
    expect(
      await page.locator('#fleet-table tbody tr').first().locator('.sev').getAttribute('class'),
    ).toContain('critical');
    // A healthy device's what-ifs are folded under their own heading.
    const whatIf = page.locator(`#dev-${b.healthy} details.whatif`);
    expect(await whatIf.locator('summary').textContent()).toMatch(/only if connectivity broke now/i);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'lab-report.png'), fullPage: true });
    await page.locator('#summary').screenshot({ path: join(ARTIFACTS, 'lab-report-summary.png') });
    await page.locator('#timeline').screenshot({ path: join(ARTIFACTS, 'lab-report-timeline.png') });
    await page.close();
    rmSync(dir, { recursive: true, force: true });
    expect(problems).toEqual([]);
  }, 90_000);
});
