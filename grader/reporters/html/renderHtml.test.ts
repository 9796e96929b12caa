import * as fs from 'fs';
import * as path from 'path';
import { failingRun, sampleRun } from '../shared/testing';
import { renderHtml } from './renderHtml';
import { reportsDir } from '../shared/template';
import { LIMITS } from '../shared/limits';

/** Text of the page without tags, entities decoded (roughly what a reader sees). */
function visibleText(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&');
}

describe('renderHtml', () => {
  const html = renderHtml(failingRun());

  it('is one self-contained page: inline style, no script, nothing fetched', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(
      '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; img-src data:">',
    );
    expect(html).toMatch(/<style>[\s\S]*\.report \{[\s\S]*<\/style>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\s(src|href)="(?!#|data:)/);
    expect(html).not.toMatch(/<link rel="stylesheet"/);
    expect(html).not.toMatch(/url\(/);
  });

  it('heads the page with the score, backend, device, time taken, version and suites hash', () => {
    const text = visibleText(html);
    expect(text).toContain('student-42');
    expect(text).toMatch(/Score\s+5\.6 \/ 30\s+18%/);
    expect(text).toContain('wasm');
    expect(text).toContain('cpu (2 cores)');
    expect(text).toContain('52 s');
    expect(text).toContain('0.1.0');
    expect(html).toContain(`title="sha256 ${'a'.repeat(64)}">${'a'.repeat(12)}</code>`);
  });

  it('has a section per question and a row per test with status, points and message', () => {
    for (const title of ['Data pipeline', 'RNN language model', 'Training'])
      expect(html).toMatch(new RegExp(`<h2 id="q-[a-z]+-title"><span class="title">${title}</span>`));
    expect((html.match(/<li class="test status-/g) ?? []).length).toBe(7);
    expect(html).toContain('<li class="test status-timeout" id="t-rnn.causal">');
    const bptt = html.slice(html.indexOf('id="t-rnn.bptt"'), html.indexOf('id="t-rnn.causal"'));
    expect(bptt).toContain('Failed');
    expect(bptt).toContain('3.6 / 6');
    expect(bptt).toContain('3 of 5 gradients match the reference; W_r and b_r do not');
    // a multi-line message keeps its lines as they are (partials must not indent them)
    expect(html).toContain(
      '<pre class="message">logits differ from the reference\nchecked with the given weights, batch 2, window 5</pre>',
    );
  });

  it('tabulates each weight: shape, max abs and rel error, tolerance, where it is off', () => {
    const bptt = html.slice(html.indexOf('id="t-rnn.bptt"'), html.indexOf('id="t-rnn.causal"'));
    expect(bptt).toContain('<table class="comparisons">');
    expect((bptt.match(/<tr class="(ok|bad)">/g) ?? []).length).toBe(5);
    expect(visibleText(bptt)).toContain('W_r[24, 16]0.0411.2atol 1e-5 + rtol 1e-3 * |expected|✗ off (first at [0, 3])');
    expect(visibleText(bptt)).toContain('E[50, 8]2.10e-73.00e-6');
  });

  it('shows expected against found shapes side by side, the differing dimension marked', () => {
    const windows = html.slice(html.indexOf('id="t-data.windows"'), html.indexOf('id="q-rnn"'));
    expect(windows).toContain('<table class="shapes">');
    expect(windows).toContain('[<span>2</span>, <span class="dim-bad">4</span>]');
    expect(visibleText(windows)).toMatch(/mask\s*\[2, 5\]\s*nothing/);
  });

  it('charts the training loss and sets the perplexity against the bar, with the generated text', () => {
    const training = html.slice(html.indexOf('id="t-train.rnn"'));
    expect(training).toContain('<svg class="loss-chart"');
    expect(training).toContain('<polyline class="loss-line"');
    expect(training).toContain('<line class="threshold"');
    expect(training).toContain('<svg class="perplexity-gauge"');
    expect(visibleText(training)).toContain('Held-out perplexity 612: above the bar of 400.');
    expect(visibleText(training)).toContain('the the jury said <unk> . of the');
  });

  it('folds the evidence of passed tests away and shows it open for the others', () => {
    const run = sampleRun();
    const page = renderHtml(run);
    const passedTraining = page.slice(page.indexOf('id="t-train.rnn"'));
    expect(passedTraining).toMatch(/<details class="evidence"><summary>Evidence<\/summary>[\s\S]*loss-chart/);
    expect(page.slice(page.indexOf('id="t-rnn.bptt"'))).toMatch(/^[^]*?<div class="evidence">/);
  });

  it('in the student view, leaves out tests that are not visible and the total while any is hidden', () => {
    const page = renderHtml(failingRun(), { studentView: true });
    expect(page).not.toContain('t-rnn.causal');
    expect(page).not.toContain('timed out after 10 s');
    expect(page).not.toContain('causality');
    const text = visibleText(page);
    expect(text).toMatch(/Visible tests\s+5\.6 \/ 26/);
    expect(text).toContain('Other tests are shown later.');
    expect(text).toContain('1 more test is shown later.');
    expect(text).not.toContain('/ 30');
    expect(text).toContain('Student view');
    // every test visible: the student view shows the total
    const allVisible = failingRun();
    allVisible.tests = allVisible.tests.map((t) => ({ ...t, visibility: 'visible' }));
    expect(visibleText(renderHtml(allVisible, { studentView: true }))).toMatch(/Score\s+5\.6 \/ 30/);
  });

  it('says that hidden tests were not run in check mode', () => {
    expect(visibleText(renderHtml(sampleRun({ mode: 'check' })))).toContain('Public checks only: the hidden tests were not run.');
  });

  it('renders a run without tests, messages or training', () => {
    const page = renderHtml(sampleRun({ tests: [], score: 0, maxScore: 0, messages: [], rnnPerplexity: undefined }));
    expect(visibleText(page)).toMatch(/Score\s+0 \/ 0\s+–/);
    expect(page).not.toContain('class="notes"');
  });
});

describe('renderHtml output hygiene', () => {
  const hostile =
    '<script>alert(1)</script> \u001b[31mred\u001b[0m \u001b]0;title\u0007nul\u0000 <img src=x onerror=alert(2)> {{css}} "q" \'a\'';
  const run = failingRun((outcomes) => {
    outcomes[0] = { ...outcomes[0], status: 'failed', message: hostile, details: { values: { [hostile]: hostile } } };
    const training = outcomes.find((o) => o.id === 'train.rnn')!;
    training.details!.training!.sample = `</pre></blockquote>${hostile}`;
  });
  run.submission = `<b>${hostile}</b>`;
  run.messages = [hostile];
  run.environment = { ...run.environment, device: hostile };
  const html = renderHtml(run);

  it('writes student text literally: no element, no attribute, no escape sequence gets through', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b>/);
    expect(html).not.toContain('\u001b');
    expect(html).not.toContain('\u0007');
    expect(html).not.toContain('\u0000');
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt; red nul\uFFFD &lt;img src&#x3D;x onerror&#x3D;alert(2)&gt; {{css}} &quot;q&quot; &#x27;a&#x27;',
    );
    expect(visibleText(html)).toContain('<script>alert(1)</script> red nul\uFFFD <img src=x onerror=alert(2)>');
  });

  it('caps long text with a visible note', () => {
    const long = failingRun((outcomes) => {
      outcomes[0] = { ...outcomes[0], status: 'error', message: 'x'.repeat(200_000) };
    });
    long.messages = ['y'.repeat(100_000)];
    const page = renderHtml(long);
    expect(page.length).toBeLessThan(130_000);
    expect(page).toMatch(/\[\.\.\. \d+ characters cut \.\.\.\]/);
    expect((page.match(/characters cut/g) ?? []).length).toBe(2);
    expect(LIMITS.message).toBe(10_000);
  });

  it('never writes unescaped values: no triple braces in any template or partial', () => {
    const dir = reportsDir();
    const files = ['templates', 'partials'].flatMap((d) => fs.readdirSync(path.join(dir, d)).map((f) => path.join(dir, d, f)));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(`${f}: ${fs.readFileSync(f, 'utf8')}`).not.toMatch(/\{\{\{|\{\{&/);
  });
});
