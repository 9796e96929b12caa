import { gaugeDomain, perplexityGaugeSvg } from './perplexityGauge';

function markerX(svg: string): number {
  return Number(/<g class="marker"[^>]*><path d="M([\d.]+) /.exec(svg)![1]);
}
function rectX(svg: string, cls: string): number {
  return Number(new RegExp(`<rect class="${cls}" x="([\\d.]+)"`).exec(svg)![1]);
}

describe('perplexityGaugeSvg', () => {
  const bars = { threshold: 400, implausibleBelow: 20 };

  it('shows the three zones, both bounds and the value', () => {
    const svg = perplexityGaugeSvg({ perplexity: 287.31, ...bars });
    for (const zone of ['zone-implausible', 'zone-pass', 'zone-fail']) expect(svg).toContain(`class="${zone}"`);
    expect(svg).toContain('>20</text>');
    expect(svg).toContain('>400</text>');
    expect(svg).toContain('>287</text>');
  });

  it('puts the marker in the zone the perplexity falls in', () => {
    const pass = perplexityGaugeSvg({ perplexity: 287, ...bars });
    expect(markerX(pass)).toBeGreaterThan(rectX(pass, 'zone-pass'));
    expect(markerX(pass)).toBeLessThan(rectX(pass, 'zone-fail'));
    const fail = perplexityGaugeSvg({ perplexity: 1677, ...bars });
    expect(markerX(fail)).toBeGreaterThan(rectX(fail, 'zone-fail'));
    const leak = perplexityGaugeSvg({ perplexity: 5.4, ...bars });
    expect(markerX(leak)).toBeLessThan(rectX(leak, 'zone-pass'));
  });

  it('spans every bound and the value on its log scale', () => {
    expect(gaugeDomain({ perplexity: 287, ...bars })).toEqual([10, 800]);
    expect(gaugeDomain({ perplexity: 5000, ...bars })).toEqual([10, 10000]);
    expect(gaugeDomain({ perplexity: NaN, threshold: NaN, implausibleBelow: 0 })).toEqual([1, 10]);
  });

  it('says when the perplexity is not a number', () => {
    const svg = perplexityGaugeSvg({ perplexity: NaN, ...bars });
    expect(svg).toContain('perplexity: NaN');
    expect(svg).not.toContain('class="marker"');
  });
});
