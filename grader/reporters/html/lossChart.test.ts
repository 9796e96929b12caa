import { trainingCurve } from '../shared/testing';
import { lossChartSvg, thinIndices, thresholdIsMeaningful } from './lossChart';

function count(svg: string, pattern: RegExp): number {
  return (svg.match(pattern) ?? []).length;
}

function polylinePoints(svg: string): [number, number][] {
  return [...svg.matchAll(/<polyline[^>]*points="([^"]*)"/g)].flatMap((m) =>
    m[1].split(' ').map((p) => p.split(',').map(Number) as [number, number]),
  );
}

describe('lossChartSvg', () => {
  const losses = trainingCurve(200, 8.52, 5.6);

  it('draws both axes with tick labels, an axis title each, and the curve as one polyline', () => {
    const svg = lossChartSvg(losses, { steps: 200 });
    expect(svg.startsWith('<svg class="loss-chart"')).toBe(true);
    expect(svg).toContain('viewBox="0 0 400 230"');
    expect(svg).toContain('class="x-axis"');
    expect(svg).toContain('class="y-axis"');
    expect(svg).toContain('>training step</text>');
    expect(svg).toContain('>loss</text>');
    // x ticks 0..200 by 50; y ticks round numbers around 5.6..8.5
    for (const t of ['0', '50', '100', '150', '200']) expect(svg).toMatch(new RegExp(`text-anchor="middle">${t}</text>`));
    expect(svg).toMatch(/text-anchor="end">9<\/text>/);
    expect(count(svg, /<polyline/g)).toBe(1);
    expect(polylinePoints(svg)).toHaveLength(200);
    expect(svg).toContain('<title>Training loss per step</title>');
  });

  it('keeps the curve inside the plot, falling from left-top to right-bottom', () => {
    const pts = polylinePoints(lossChartSvg(losses, { steps: 200 }));
    for (const [x, y] of pts) {
      expect(x).toBeGreaterThanOrEqual(52);
      expect(x).toBeLessThanOrEqual(400 - 14);
      expect(y).toBeGreaterThanOrEqual(14);
      expect(y).toBeLessThanOrEqual(230 - 42);
    }
    expect(pts[0][1]).toBeLessThan(pts[pts.length - 1][1]);
    expect(pts[pts.length - 1][0]).toBeCloseTo(386, 0);
  });

  it('draws the pass bar where it falls near the curve, with its label', () => {
    const svg = lossChartSvg(losses, { threshold: Math.log(400), thresholdLabel: 'pass bar: ln(400) = 5.99' });
    expect(count(svg, /<line class="threshold"/g)).toBe(1);
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('>pass bar: ln(400) = 5.99</text>');
  });

  it('leaves out a bar so far from the curve that drawing it would flatten the curve', () => {
    expect(lossChartSvg(losses, { threshold: 60 })).not.toContain('class="threshold"');
    expect(lossChartSvg(losses, { threshold: NaN })).not.toContain('class="threshold"');
    expect(lossChartSvg(losses, {})).not.toContain('class="threshold"');
    expect(thresholdIsMeaningful(5.99, 5.6, 8.5)).toBe(true);
    expect(thresholdIsMeaningful(3.0, 5.6, 8.5)).toBe(true);
    expect(thresholdIsMeaningful(1.0, 5.6, 8.5)).toBe(false);
  });

  it('draws a second, lower level (the implausible bar) in its own class', () => {
    const svg = lossChartSvg(trainingCurve(150, 7.6, 1.5), { threshold: Math.log(400), floor: Math.log(20), floorLabel: 'implausible' });
    expect(svg).toContain('<line class="threshold"');
    expect(svg).toContain('<line class="floor"');
    expect(svg).toContain('>implausible</text>');
  });

  it('breaks the line where a loss is NaN or infinite, and draws a lone finite loss as a dot', () => {
    const svg = lossChartSvg([5, 4, NaN, 3.5, 3, Infinity, 2.5]);
    expect(count(svg, /<polyline/g)).toBe(2);
    expect(count(svg, /<circle class="loss-point"/g)).toBe(1);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('says so when there is nothing to plot', () => {
    for (const empty of [[], [NaN, NaN]]) {
      const svg = lossChartSvg(empty);
      expect(svg).toContain('No finite loss values were reported');
      expect(svg).not.toContain('<polyline');
    }
  });

  it('handles a flat curve and a single step', () => {
    expect(polylinePoints(lossChartSvg([2, 2, 2])).every(([, y]) => Number.isFinite(y))).toBe(true);
    expect(lossChartSvg([4.2])).toContain('<circle class="loss-point"');
  });

  it("thins a long curve but keeps each stretch's lowest and highest loss", () => {
    const long = trainingCurve(5000);
    long[2345] = 20; // a spike must survive the thinning
    const svg = lossChartSvg(long, { maxPoints: 400 });
    expect(polylinePoints(svg).length).toBeLessThanOrEqual(400);
    expect(thinIndices(long, 400)).toContain(2345);
    expect(thinIndices([1, 2, 3], 400)).toEqual([0, 1, 2]);
  });

  it('escapes its labels', () => {
    const svg = lossChartSvg(losses, { threshold: 6, thresholdLabel: '<b>x</b>', title: '"t" & <u>' });
    expect(svg).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(svg).toContain('aria-label="&quot;t&quot; &amp; &lt;u&gt;"');
    expect(svg).not.toContain('<b>');
  });
});
