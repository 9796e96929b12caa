import { capLength, cleanText, cutNote, escapeHtml, escapeMarkdown, markdownText, replaceNul, stripAnsi } from './sanitize';

describe('replaceNul / stripAnsi / cleanText', () => {
  it('replaces NUL bytes with U+FFFD', () => {
    expect(replaceNul('a\u0000b\u0000')).toBe('a\uFFFDb\uFFFD');
  });

  it('strips colour, cursor, OSC hyperlink and title sequences but keeps the text', () => {
    const s =
      '\u001b[31mred\u001b[0m \u001b[1;32mbold\u001b[m\u001b[2K\u001b[1A ' +
      '\u001b]8;;http://x\u0007link\u001b]8;;\u0007 \u001b]0;title\u001b\\done\u001b(B\u009b33m!';
    const out = stripAnsi(s);
    expect(out).toBe('red bold link done!');
    expect(out).not.toMatch(/[\u001b\u009b\u0007]/);
  });

  it('normalises line endings and drops other control characters', () => {
    expect(cleanText('a\r\nb\rc\u0008d\te\u0000')).toBe('a\nb\ncd\te\uFFFD');
  });
});

describe('escaping', () => {
  it('escapes HTML so a printed <script> cannot inject', () => {
    expect(escapeHtml('<script>alert("x")</script> & co')).toBe('&lt;script&gt;alert("x")&lt;/script&gt; &amp; co');
  });

  it('makes Markdown render literally: no emphasis, code, links, tables, headings, lists or code blocks', () => {
    const out = escapeMarkdown('*bold* _it_ `code` [a](javascript:x) a|b ~~s~~ \\');
    expect(out).toBe('\\*bold\\* \\_it\\_ \\`code\\` \\[a\\](javascript:x) a\\|b \\~\\~s\\~\\~ \\\\');
    expect(escapeMarkdown('# title\n- item\n1. first\n    indented <b>')).toBe(
      '\\# title  \n\\- item  \n1\\. first  \n&nbsp;&nbsp;&nbsp;&nbsp;indented &lt;b&gt;',
    );
  });
});

describe('capLength', () => {
  it('leaves short strings alone', () => {
    expect(capLength('short', 10)).toBe('short');
  });

  it('caps long output at the limit with a visible note saying how much was cut', () => {
    const s = 'H'.repeat(30000) + 'T'.repeat(30000);
    const out = capLength(s, 10000);
    expect(out.length).toBeLessThanOrEqual(10000);
    const m = /\[\.\.\. (\d+) characters cut \.\.\.\]/.exec(out);
    expect(m).not.toBeNull();
    const kept = out.replace(`\n\n${m![0]}\n\n`, '');
    expect(kept.length + Number(m![1])).toBe(s.length);
    expect(out.startsWith('HHHH')).toBe(true);
    expect(out.endsWith('TTTT')).toBe(true);
  });

  it('never splits a surrogate pair, an entity or a backslash escape', () => {
    for (const unit of ['😀', '&lt;', '&amp;', '\\*', '\\\\']) {
      for (let pad = 0; pad < 6; pad++) {
        const s = 'x'.repeat(pad) + unit.repeat(400);
        const out = capLength(s, 200);
        expect(out.length).toBeLessThanOrEqual(200);
        const [head, tail] = out.split(/\n\n\[\.\.\. \d+ characters cut \.\.\.\]\n\n/);
        const body = (head ?? '').slice(pad) + (tail ?? '');
        expect(body.length % unit.length).toBe(0);
        expect(body.split(unit).join('')).toBe('');
      }
    }
  });

  it('has a note that names the count', () => {
    expect(cutNote(1234)).toBe('[... 1234 characters cut ...]');
  });
});

describe('markdownText', () => {
  it('cleans, escapes and caps untrusted output in one go', () => {
    const out = markdownText('\u001b[31m<script>\u0000</script>' + 'y'.repeat(50000), 10000);
    expect(out.startsWith('&lt;script&gt;\uFFFD&lt;/script&gt;')).toBe(true);
    expect(out).not.toContain('\u001b');
    expect(out).toContain('characters cut');
    expect(out.length).toBeLessThanOrEqual(10000);
  });
});
