/**
 * The HTML report as a person sees it: the report of a failing run, opened from disk in headless
 * Chromium driven by playwright-core (found by ../../testing/findChromium: RNN_LAB_CHROMIUM, else
 * Debian's /usr/bin/chromium, else the one in the @sparticuz/chromium devDependency; the output
 * says which). Screenshots at 1280 and 400 px go to reports/out/screenshots/ for a human to look
 * at. Without a Chromium this test fails; it never skips.
 */
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from '../../projectRoot';
import { findChromium } from '../../testing/findChromium';
import { renderHtml } from './renderHtml';
import { failingRun } from '../shared/testing';

const OUT_DIR = path.join(projectRoot(), 'reports', 'out', 'screenshots');

interface Opened {
  page: Page;
  problems: string[];
}

let browser: Browser;

beforeAll(async () => {
  const found = await findChromium();
  if (!found.ok) throw new Error(found.message);
  const { executablePath, args, env, description } = found.chromium;
  browser = await chromium.launch({ executablePath, args, env, timeout: 60_000 });
  console.log(`report.browser.test: Chromium ${browser.version()}, ${description}`);
  fs.mkdirSync(OUT_DIR, { recursive: true });
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

/** Writes `html` to OUT_DIR/<name>.html and opens it from disk, recording every console error, page error, failed request and dialog. */
async function open(html: string, name: string, width: number): Promise<Opened> {
  const file = path.join(OUT_DIR, `${name}.html`);
  fs.writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('request', (r) => {
    if (r.url() !== `file://${file}`) problems.push(`request: ${r.url()}`);
  });
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  return { page, problems };
}

describe('the HTML report in Chromium', () => {
  const run = failingRun();
  const html = renderHtml(run);

  it('loads from disk with no console error and no request, and shows the score, every question, a gradient table and the loss chart (1280 px)', async () => {
    const { page, problems } = await open(html, 'report', 1280);
    try {
      expect(await page.locator('.score strong').innerText()).toBe('5.6 / 30');
      expect(await page.locator('.score').isVisible()).toBe(true);
      const titles = [...new Set(run.tests.map((t) => t.questionTitle))];
      expect(titles).toEqual(['Data pipeline', 'RNN language model', 'Training']);
      for (const title of titles) {
        const heading = page.locator('section.question h2', { hasText: title });
        expect(await heading.count()).toBe(1);
        expect(await heading.isVisible()).toBe(true);
      }
      const gradients = page.locator('#t-rnn\\.bptt table.comparisons');
      expect(await gradients.isVisible()).toBe(true);
      expect(await gradients.locator('tbody tr').count()).toBe(5);
      expect(await gradients.locator('tr.bad th').allInnerTexts()).toEqual(['W_r', 'b_r']);
      const chart = page.locator('#t-train\\.rnn svg.loss-chart');
      expect(await chart.isVisible()).toBe(true);
      expect(await chart.locator('polyline.loss-line').isVisible()).toBe(true);
      // a horizontal line has no height, so Playwright never calls it visible: check its label and width
      expect(await chart.locator('text.threshold-label').isVisible()).toBe(true);
      expect((await chart.locator('line.threshold').boundingBox())!.width).toBeGreaterThan(200);
      const box = await chart.boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(await page.locator('#t-train\\.rnn svg.perplexity-gauge').isVisible()).toBe(true);
      // labels: expected [2, 5], found [2, 4]; mask: expected [2, 5], found nothing
      expect(await page.locator('#t-data\\.windows table.shapes .dim-bad').allInnerTexts()).toEqual(['5', '4', '2', '5']);
      await page.screenshot({ path: path.join(OUT_DIR, 'report-1280.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('reads at 400 px: nothing overflows the page horizontally, the chart fits', async () => {
    const { page, problems } = await open(html, 'report', 400);
    try {
      // Page-side code as strings: the project's TypeScript has no DOM types.
      const widths = (await page.evaluate(
        '({ scroll: document.documentElement.scrollWidth, body: document.body.scrollWidth, viewport: window.innerWidth })',
      )) as { scroll: number; body: number; viewport: number };
      expect(widths.viewport).toBe(400);
      expect(widths.scroll).toBeLessThanOrEqual(400);
      expect(widths.body).toBeLessThanOrEqual(400);
      // no single element sticks out past the right edge either
      const wide = await page.evaluate(
        "[...document.querySelectorAll('body *')].filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > window.innerWidth + 0.5).map((e) => e.tagName.toLowerCase() + '.' + e.getAttribute('class'))",
      );
      expect(wide).toEqual([]);
      expect(await page.locator('.score').isVisible()).toBe(true);
      const chart = await page.locator('#t-train\\.rnn svg.loss-chart').boundingBox();
      expect(chart!.x).toBeGreaterThanOrEqual(0);
      expect(chart!.x + chart!.width).toBeLessThanOrEqual(400);
      await page.screenshot({ path: path.join(OUT_DIR, 'report-400.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('reads as a student\'s in the student view: "fix this first" on top, a neutral "not started", the preview\'s chart open, no bar drawn (1280 and 400 px)', async () => {
    const student = failingRun((outcomes) => {
      outcomes[0] = {
        ...outcomes[0],
        status: 'error',
        message:
          'Error: TODO(buildVocab): count the tokens, keep words seen >= minCount times plus <unk>, sort them (near data.ts line 29)',
      };
      const train = outcomes.find((o) => o.id === 'train.rnn')!;
      train.status = 'passed';
      train.details!.training = { ...train.details!.training!, indicative: { gradedSteps: 460 } };
    });
    student.mode = 'check';
    const html = renderHtml(student, { studentView: true });
    for (const width of [1280, 400]) {
      const { page, problems } = await open(html, `student-${width}`, width);
      try {
        expect(await page.locator('h1').innerText()).toBe('Your public checks');
        const first = page.locator('section.fix-first');
        expect(await first.isVisible()).toBe(true);
        expect((await first.boundingBox())!.y).toBeLessThan((await page.locator('section.question').first().boundingBox())!.y);
        expect(await first.locator('li').allInnerTexts()).toEqual([
          '1.1 vocabulary order and <unk> (Data pipeline): Not started',
          '2.1 logits on given weights (RNN language model): Failed',
          '3.2 no tensor leak per step (Training): Not run',
        ]);
        const todo = page.locator('#t-data\\.vocab');
        expect(await todo.locator('.badge').innerText()).toContain('Not started');
        // neutral: the colours of a test that did not run, not those of an error
        const colours = (await page.evaluate(
          "['#t-data\\\\.vocab .badge', '#t-train\\\\.leak .badge'].map((s) => getComputedStyle(document.querySelector(s)).color)",
        )) as string[];
        expect(colours[0]).toBe(colours[1]);
        const chart = page.locator('#t-train\\.rnn svg.loss-chart');
        expect(await chart.isVisible()).toBe(true);
        expect(await chart.locator('line.threshold').count()).toBe(0);
        expect(await page.locator('#t-train\\.rnn svg.perplexity-gauge').count()).toBe(0);
        expect(await page.locator('#t-train\\.rnn .indicative').innerText()).toContain('not the graded bar');
        expect(await page.locator('#t-rnn\\.causal').count()).toBe(0);
        const scroll = (await page.evaluate('document.documentElement.scrollWidth')) as number;
        expect(scroll).toBeLessThanOrEqual(width);
        await page.screenshot({ path: path.join(OUT_DIR, `student-${width}.png`), fullPage: true });
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    }
  });

  it("shows a submission's <script> and ANSI escapes as text; nothing runs", async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"> \u001b[31mred\u001b[0m\u0000end';
    const evil = failingRun((outcomes) => {
      outcomes[0] = { ...outcomes[0], status: 'failed', message: hostile };
    });
    evil.submission = '<script>alert(3)</script>';
    evil.messages = [hostile];
    const { page, problems } = await open(renderHtml(evil), 'hostile', 1280);
    try {
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('h1.submission').innerText()).toBe('<script>alert(3)</script>');
      const message = await page.locator('#t-data\\.vocab pre.message').innerText();
      expect(message).toBe('<script>alert(1)</script><img src=x onerror="alert(2)"> red\uFFFDend');
      expect(await page.locator('.notes pre.note').innerText()).toBe(message);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
