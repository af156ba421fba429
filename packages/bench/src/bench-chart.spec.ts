import { describe, expect, it } from '@jest/globals';
import { renderChart } from './bench-chart.js';
import { sampleReport } from './bench-report.test-support.js';

describe('renderChart', () => {
  const svg = renderChart(sampleReport());

  it('is one SVG document', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('draws one bar per case, as long as its req/s relative to the fastest', () => {
    const widths = [...svg.matchAll(/<rect x="250" y="\d+" width="(\d+)"/g)].map((match) => Number(match[1]));
    expect(widths).toHaveLength(3);
    expect(widths[0]).toBe(260);
    expect(widths[1]).toBe(Math.round((5_000 / 12_000) * 260));
    expect(widths[2]).toBe(Math.round((4_750 / 12_000) * 260));
  });

  it('labels each bar with its req/s, ratio to the baseline and the time it adds to an answer', () => {
    expect(svg).toContain('>12,000 req/s · 2.40× · -117 µs<');
    expect(svg).toContain('>5,000 req/s · 1.00×<');
    expect(svg).toContain('>4,750 req/s · 0.95× · +11 µs<');
  });

  it('escapes text, names the machine and the case left out', () => {
    expect(svg).toContain('Test CPU &#60;2 GHz&#62;, 2 cores, Node v24.22.3');
    expect(svg).not.toContain('<2 GHz>');
    expect(svg).toContain('Not measured: GET /me, token introspection');
  });
});
