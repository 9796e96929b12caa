/**
 * The batch summary page as staff see it, opened from disk in headless Chromium (found by
 * grader/testing/findChromium.ts and driven by playwright-core, as report.browser.test.ts does): the headline, the
 * histogram, the item analysis, failures by kind and the gradebook are there and readable at 1280
 * and 400 px, nothing is fetched, and students' names and messages stay text. Screenshots go to
 * reports/out/screenshots/. It never skips.
 */
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectRoot } from '../../projectRoot';
import { findChromium } from '../../testing/findChromium';
import type { BatchEntry, Rubric } from '../types';
import { renderSummaryHtml } from './renderSummary';
import { summarize } from './summarize';

const OUT_DIR = path.join(projectRoot(), 'reports', 'out', 'screenshots');
const HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">';

const RUBRIC: Rubric = {
  name: 'RNN lab',
  questions: [
    {
      id: 'data',
      title: 'Data',
      tests: [
        { id: 'data.vocab', name: 'vocabulary', points: 2 },
        { id: 'data.windows', name: 'windows and the label shift', points: 3 },
      ],
    },
    { id: 'rnn', title: 'RNN', tests: [{ id: 'rnn.bptt', name: 'backpropagation through time', points: 5 }] },
  ],
};
const FP = { config: 'c'.repeat(64), suites: 's'.repeat(64), seed: 0 };

function entry(i: number, passed: string[], extra: Partial<BatchEntry> = {}): BatchEntry {
  const ids = RUBRIC.questions.flatMap((q) => q.tests);
  const tests = Object.fromEntries(ids.map((t) => [t.id, passed.includes(t.id) ? 'passed' : 'failed'])) as BatchEntry['tests'];
  const score = ids.filter((t) => passed.includes(t.id)).reduce((s, t) => s + t.points, 0);
  const key = `student-${String(i).padStart(3, '0')}`;
  return {
    key,
    id: key,
    source: key,
    students: [{ name: `Student ${i}`, email: `s${i}@uni.edu` }],
    status: 'graded',
    kinds: [],
    reasons: {},
    reason: '',
    score,
    maxScore: 10,
    questions: {},
    tests,
    backend: 'wasm',
    seconds: 20 + (i % 7),
    fingerprint: FP,
    sourceStamp: 'x',
    gradedAt: '2025-03-01T00:00:00Z',
    ...extra,
  };
}

/** 40 students: everyone passes data.vocab, 30 the windows, 10 BPTT; one crash with a hostile message, one broken zip, one grader fault. */
function classSummary() {
  const entries = Array.from({ length: 40 }, (_, i) =>
    entry(i, ['data.vocab', ...(i < 30 ? ['data.windows'] : []), ...(i < 10 ? ['rnn.bptt'] : [])]),
  );
  entries[35] = {
    ...entries[35],
    status: 'crash',
    kinds: ['crash'],
    reasons: { crash: HOSTILE },
    reason: HOSTILE,
    students: [{ name: HOSTILE }],
  };
  entries[36] = {
    ...entries[36],
    status: 'rejected',
    kinds: ['rejected'],
    reasons: { rejected: 'not a zip' },
    reason: 'not a zip',
    score: 0,
    tests: {},
    backend: 'none',
  };
  entries[37] = {
    ...entries[37],
    status: 'grader_fault',
    kinds: ['grader_fault'],
    reasons: { grader_fault: 'killed by SIGKILL' },
    reason: 'killed by SIGKILL',
    score: null,
    tests: {},
    backend: 'none',
  };
  return summarize(
    entries,
    [{ kind: 'duplicate-id', keys: ['student-001', 'student-002'], message: `student ${HOSTILE} has 2 submissions` }],
    { input: '/class', shard: null, fingerprint: FP, rubric: RUBRIC, run: { gradedNow: 40, reused: 0, wallSeconds: 900, jobs: 2 } },
  );
}

let browser: Browser;

beforeAll(async () => {
  const found = await findChromium();
  if (!found.ok) throw new Error(found.message);
  const { executablePath, args, env, description } = found.chromium;
  browser = await chromium.launch({ executablePath, args, env, timeout: 60_000 });
  console.log(`summary.browser.test: Chromium ${browser.version()}, ${description}`);
  fs.mkdirSync(OUT_DIR, { recursive: true });
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

async function open(html: string, width: number): Promise<{ page: Page; problems: string[] }> {
  const file = path.join(OUT_DIR, 'summary.html');
  fs.writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
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

describe('the batch summary in Chromium', () => {
  const summary = classSummary();
  const html = renderSummaryHtml(summary, { reportHref: (key) => `submissions/${key}/report.html` });

  it('shows the headline, the histogram, the item analysis with pass rates, failures by kind and every row (1280 px)', async () => {
    const { page, problems } = await open(html, 1280);
    try {
      expect(await page.locator('dd.submissions').innerText()).toBe('40');
      expect(await page.locator('dd.failed').innerText()).toBe('3');
      const bins = page.locator('svg.histogram g.bin');
      expect(await bins.count()).toBe(10);
      const counts = await bins.evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-count'))));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(39);
      expect(await page.locator('svg.histogram').isVisible()).toBe(true);
      expect((await page.locator('svg.histogram').boundingBox())!.width).toBeGreaterThan(400);
      const rows = page.locator('table.items tbody tr');
      expect(await rows.count()).toBe(3);
      // 38 ran (the crash did; the broken zip and the grader fault did not): windows 30 of 38, bptt 10 of 38
      expect(await rows.locator('td:nth-child(4) .value').allInnerTexts()).toEqual(['100%', '79%', '26%']);
      expect(await page.locator('tr.item.low td code').allInnerTexts()).toEqual(['rnn.bptt']);
      expect(await page.locator('ol.hardest li').first().innerText()).toMatch(/^rnn\.bptt backpropagation through time: 26%$/);
      expect(await page.locator('.failure.kind-grader_fault .count').innerText()).toBe('1');
      expect(await page.locator('.failure.kind-rejected li').innerText()).toBe('student-036: not a zip');
      expect(await page.locator('table.gradebook tbody tr').count()).toBe(40);
      expect(await page.locator('table.gradebook a').first().getAttribute('href')).toBe('submissions/student-000/report.html');
      await page.screenshot({ path: path.join(OUT_DIR, 'summary-1280.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('reads at 400 px: tables scroll in their boxes, nothing else overflows the page', async () => {
    const { page, problems } = await open(html, 400);
    try {
      const widths = (await page.evaluate('({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth })')) as {
        scroll: number;
        viewport: number;
      };
      expect(widths.scroll).toBeLessThanOrEqual(widths.viewport);
      const wide = await page.evaluate(
        "[...document.querySelectorAll('body *')].filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > window.innerWidth + 0.5).map((e) => e.tagName.toLowerCase() + '.' + e.getAttribute('class'))",
      );
      expect(wide).toEqual([]);
      const chart = await page.locator('svg.histogram').boundingBox();
      expect(chart!.x + chart!.width).toBeLessThanOrEqual(400);
      await page.screenshot({ path: path.join(OUT_DIR, 'summary-400.png'), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("shows students' names and messages as text; nothing runs", async () => {
    const { page, problems } = await open(html, 1280);
    try {
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('.failure.kind-crash li').innerText()).toBe(`student-035: ${HOSTILE}`);
      expect(await page.locator('tr.status-row-crash td:nth-child(2)').innerText()).toBe(HOSTILE);
      expect(await page.locator('.problems li').innerText()).toBe(`duplicate-id: student ${HOSTILE} has 2 submissions`);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
