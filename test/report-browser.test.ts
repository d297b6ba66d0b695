import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, tempDir } from './helpers/cli.ts';
import { writeHerdCompare, writeHerdRun, writeSmallPlan, writeSmallSweep } from './helpers/report-fixtures.ts';

/**
 * The reports as a reader meets them: report.html of a run, a sweep, a plan and a compare,
 * opened from disk (file://, no server, no network) in headless Chromium. Screenshots go to
 * test-output/browser/ (git-ignored) for a person to look at.
 */
// The few DOM calls the page-side functions make (the project compiles without the DOM library).
interface PageElement {
  readonly classList: { contains(name: string): boolean };
  readonly textContent: string | null;
  querySelector(selector: string): unknown;
  querySelectorAll(selector: string): { readonly length: number };
}
declare const document: { querySelectorAll(selector: string): Iterable<PageElement> };

const BROWSER = [process.env.SIM_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => p && existsSync(p));
const SHOTS = join(ROOT, 'test-output', 'browser');
// CI installs Chromium (.ci/run); elsewhere the test says why it did not run rather than fail.
const maybe = BROWSER || process.env.CI ? describe : describe.skip;
if (!BROWSER && !process.env.CI) console.warn('report-browser: no Chromium found (apt-get install chromium, or set SIM_CHROMIUM); browser tests skipped');

maybe('report.html in a real browser', () => {
  let browser: Browser;
  const dir = tempDir('sim-browser-');
  const reports: Record<string, string> = {};

  beforeAll(async () => {
    if (!BROWSER) throw new Error('CI must install Chromium: apt-get install chromium (see .ci/run)');
    mkdirSync(SHOTS, { recursive: true });
    const [browserStarted, incident, fixed, sweep, plan] = await Promise.all([
      chromium.launch({
        executablePath: BROWSER,
        // No network here: without these Chromium keeps trying Google's services at start-up.
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      }),
      writeHerdRun(join(dir, 'incident')),
      writeHerdRun(join(dir, 'fixed'), { jitter: '15m' }),
      writeSmallSweep(dir),
      writeSmallPlan(dir),
    ]);
    browser = browserStarted;
    reports.run = join(incident, 'report.html');
    reports.sweep = join(sweep, 'report.html');
    reports.plan = join(plan, 'report.html');
    reports.compare = join(await writeHerdCompare(join(dir, 'compare'), incident, fixed), 'report.html');
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a report and waits until every chart has been made interactive (or failed). */
  async function open(kind: string): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) errors.push(`network request: ${r.url()}`);
    });
    await page.goto(`file://${reports[kind]}`);
    await page.waitForSelector('body[data-charts="ready"]', { timeout: 60_000 });
    return { page, errors };
  }

  /** Every figure is live (its static SVG replaced) and draws marks. */
  async function chartsDrawn(page: Page): Promise<{ figures: number; live: number; withMarks: number }> {
    return page.evaluate(() => {
      const figures = [...document.querySelectorAll('figure.vis')];
      const live = figures.filter((f) => f.classList.contains('live') && f.querySelector('.vis-live svg'));
      const withMarks = live.filter((f) => f.querySelectorAll('.vis-live svg .role-mark path, .vis-live svg .role-mark line, .vis-live svg .role-mark rect').length > 0);
      return { figures: figures.length, live: live.length, withMarks: withMarks.length };
    });
  }

  /** Hovers the middle of a figure's plot and returns the tooltip's text, if one shows. */
  async function hoverTooltip(page: Page, selector: string, at: { x: number; y: number }): Promise<string> {
    const box = (await page.locator(selector).boundingBox())!;
    await page.mouse.move(box.x + box.width * at.x, box.y + box.height * at.y);
    const tip = page.locator('#vg-tooltip-element.visible');
    await tip.waitFor({ timeout: 5_000 });
    return (await tip.textContent()) ?? '';
  }

  const axisLabels = (page: Page, figure: string) =>
    page.evaluate((f) => [...document.querySelectorAll(`#${f} .vis-live svg .role-axis-label text`)].map((t) => t.textContent ?? ''), figure);

  test('a run: the stacked timeline and the zoomed window draw, read in clock time, and show values on hover', async () => {
    const { page, errors } = await open('run');
    const drawn = await chartsDrawn(page);
    expect(drawn.figures).toBe(2); // the timeline and one zoomed window (the pool saturated at 01:00)
    expect(drawn).toEqual({ figures: drawn.figures, live: drawn.figures, withMarks: drawn.figures });
    const labels = await axisLabels(page, 'timeline');
    expect(labels).toContain('01:00');
    expect(labels.filter((l) => /^\d\d:\d\d$/.test(l)).length).toBeGreaterThan(10);
    const zoomLabels = await axisLabels(page, 'zoom-1');
    expect(zoomLabels.some((l) => /^00:59:\d\d$|^01:0\d:\d\d$/.test(l))).toBe(true);
    const tip = await hoverTooltip(page, '#timeline', { x: 0.5, y: 0.12 });
    expect(tip).toMatch(/time\s*00:3\d/);
    expect(tip).toMatch(/p99/);
    await page.screenshot({ path: join(SHOTS, 'run.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('a sweep: each chart draws, with a tooltip on a point', async () => {
    const { page, errors } = await open('sweep');
    const drawn = await chartsDrawn(page);
    expect(drawn).toEqual({ figures: 1, live: 1, withMarks: 1 });
    const point = page.locator('#wait_mean_s-vs-servers-by-service-time .vis-live .role-mark.layer_2_marks path').first();
    await point.hover();
    await page.locator('#vg-tooltip-element.visible').waitFor({ timeout: 5_000 });
    expect(await page.locator('#vg-tooltip-element').textContent()).toMatch(/servers\s*1[02].*mean ± 95% CI/);
    await page.screenshot({ path: join(SHOTS, 'sweep.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('a plan: its chart draws, the axis in the parameter\'s values, with a tooltip on a point', async () => {
    const { page, errors } = await open('plan');
    const drawn = await chartsDrawn(page);
    expect(drawn).toEqual({ figures: 1, live: 1, withMarks: 1 });
    // The points of the view near the answer; an SLO line may lie over one, so try them in turn.
    const points = page.locator('figure.vis .vis-live path[aria-roledescription="point"]');
    let tip = '';
    for (let i = (await points.count()) - 1; i >= 0 && !tip; i--) {
      await points.nth(i).hover({ force: true });
      if (await page.locator('#vg-tooltip-element.visible').count()) tip = (await page.locator('#vg-tooltip-element').textContent()) ?? '';
    }
    expect(tip).toMatch(/servers\s*\d+.*verdict/);
    // Servers are whole numbers, and so is every mark of their axis; waits from 0.3 ms to 6 s read on a log scale.
    const axes = await page.evaluate(() =>
      [...document.querySelectorAll('figure.vis .vis-live svg .role-axis')].map((a) => ({
        label: (a as unknown as { getAttribute(n: string): string | null }).getAttribute('aria-label') ?? '',
        ticks: [...(a as unknown as { querySelectorAll(s: string): Iterable<PageElement> }).querySelectorAll('.role-axis-label text')].map((t) => t.textContent ?? ''),
      })),
    );
    const xTicks = axes.filter((a) => a.label.startsWith('X-axis')).flatMap((a) => a.ticks);
    expect(xTicks.length).toBeGreaterThan(3);
    for (const t of xTicks) expect(t).toMatch(/^\d+$/);
    expect(axes.some((a) => a.label.startsWith('Y-axis') && a.label.includes('log scale'))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'plan.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('a compare: both runs on one clock axis, every run listed in the tooltip', async () => {
    const { page, errors } = await open('compare');
    const drawn = await chartsDrawn(page);
    expect(drawn).toEqual({ figures: 1, live: 1, withMarks: 1 });
    expect(await axisLabels(page, 'timeline')).toContain('01:00');
    const tip = await hoverTooltip(page, '#timeline', { x: 0.5, y: 0.12 });
    expect(tip).toMatch(/jitter=0s · p99/);
    expect(tip).toMatch(/jitter=15m · p99/);
    await page.screenshot({ path: join(SHOTS, 'compare.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
