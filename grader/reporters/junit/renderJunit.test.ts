import { failingRun } from '../shared/testing';
import { detailsText, escapeXml, renderJunit } from './renderJunit';

/** Element names in document order, checked to nest properly; throws on a stray `<` or `&`. */
function checkWellFormed(xml: string): string[] {
  const body = xml.replace(/^<\?xml[^>]*\?>\n/, '');
  const stack: string[] = [];
  const names: string[] = [];
  const re = /<(\/?)([A-Za-z-]+)((?:\s+[a-z_]+="[^"<&]*(?:&(?:amp|lt|gt|quot|apos|#9);[^"<&]*)*")*)\s*(\/?)>|([^<]+)/g;
  let consumed = 0;
  for (const m of body.matchAll(re)) {
    if (m.index !== consumed) throw new Error(`unparsable XML at ${consumed}: ${body.slice(consumed, consumed + 60)}`);
    consumed += m[0].length;
    if (m[5] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#9);)/.test(m[5])) throw new Error(`bare & in text: ${m[5].slice(0, 60)}`);
      continue;
    }
    const [, close, name, , selfClosing] = m;
    if (close) {
      if (stack.pop() !== name) throw new Error(`</${name}> closes nothing open`);
    } else {
      names.push(name);
      if (!selfClosing) stack.push(name);
    }
  }
  if (consumed !== body.length || stack.length > 0) throw new Error(`unclosed: ${stack.join(', ')}`);
  return names;
}

describe('renderJunit', () => {
  const xml = renderJunit(failingRun());

  it('is well-formed: a testsuite per question, a testcase per test', () => {
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="rnn-lab grade student-42: 5.6 / 30" tests="7" failures="4" errors="2" skipped="0" time="52.437">',
      ),
    ).toBe(true);
    const names = checkWellFormed(xml);
    expect(names.filter((n) => n === 'testsuite')).toHaveLength(3);
    expect(names.filter((n) => n === 'testcase')).toHaveLength(7);
    expect(xml).toContain('<testsuite name="RNN language model" id="rnn" tests="3" failures="2" errors="1" skipped="0" time="10.690">');
  });

  it('gives each testcase its time in seconds, its points, and a failure or error that says why', () => {
    expect(xml).toContain('<testcase name="2.2 gradients through time" classname="rnn-lab.rnn" time="0.480">');
    expect(xml).toContain('<property name="score" value="3.6"/><property name="max_score" value="6"/>');
    expect(xml).toContain(
      '<failure message="3 of 5 gradients match the reference; W_r and b_r do not" type="failed">3 of 5 gradients match',
    );
    expect(xml).toContain(
      'W_r [24, 16]: max abs error 0.041, max rel error 1.2, tolerance atol 1e-5 + rtol 1e-3 * |expected|: OFF, first at [0, 3]',
    );
    expect(xml).toContain('<error message="timed out after 10 s (the submission host was killed)" type="timeout">');
    expect(xml).toContain('<error message="did not run" type="not_run">did not run</error>');
    expect(xml).toMatch(
      /<testcase name="1.1 vocabulary order and &lt;unk&gt;" classname="rnn-lab.data" time="0.012">\n\s*<properties>.*<\/properties>\n\s*<\/testcase>/,
    );
  });

  it('writes the evidence as plain text lines', () => {
    const run = failingRun();
    expect(detailsText(run.tests.find((t) => t.id === 'data.windows')!.details!)).toEqual([
      'inputs: expected shape [2, 5], found [2, 5]',
      'labels: expected shape [2, 5], found [2, 4]',
      'mask: expected shape [2, 5], found none',
    ]);
    expect(detailsText(run.tests.find((t) => t.id === 'train.rnn')!.details!)).toEqual([
      'held-out perplexity 612 (pass at or below 400, implausible below 20)',
      expect.stringMatching(/^loss 8\.\d+ -> 6\.\d+ over 200 steps in 40\.8 s$/),
      'sample: the the jury said <unk> . of the',
    ]);
  });

  it('escapes markup, quotes and characters XML forbids', () => {
    expect(escapeXml('<a href="x">&\'</a>\u0000\u001b[31m\ud800\uffff\t')).toBe(
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;\uFFFD\uFFFD\uFFFD&#9;',
    );
    const run = failingRun((o) => {
      o[0] = { ...o[0], status: 'error', message: '<script>alert(1)</script>" & ]]> \u001b[2J\u0000' };
    });
    run.submission = '"><x>';
    const out = renderJunit(run);
    checkWellFormed(out);
    expect(out).not.toMatch(/<script|<x>|\u001b|\u0000/);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp; ]]&gt; \uFFFD');
  });

  it('in the student view, leaves out tests that are not visible', () => {
    const out = renderJunit(failingRun(), { studentView: true });
    expect(out).not.toContain('causality');
    expect(out).toContain('tests="6"');
    expect(out).toContain('5.6 / 26');
  });
});
