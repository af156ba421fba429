import { describe, expect, it } from '@jest/globals';
import { sampleReport } from './bench-report.test-support.js';
import { markdownTable, renderReport } from './report-table.js';
import { signedMicroseconds } from './signed-microseconds.js';

describe('markdownTable', () => {
  it('lines up columns, numbers to the right, as Markdown that renders as a table', () => {
    const table = markdownTable(['case', 'req/s'], [['health', '12,000'], ['me', '950']], [false, true]);
    expect(table).toBe(['| case   |  req/s |', '| ------ | -----: |', '| health | 12,000 |', '| me     |    950 |'].join('\n'));
  });
});

describe('renderReport', () => {
  const text = renderReport(sampleReport());

  it('names the machine and how the figures were taken', () => {
    expect(text).toContain('Machine: Test CPU <2 GHz>, 2 cores, 24 GB, Node v24.22.3 (linux 6.1); load average 1.50 at the start.');
    expect(text).toContain('Each case: 5 rounds × 4 s, 50 connections, interleaved; medians of the rounds.');
  });

  it('gives each case its req/s, latencies, ratio to the baseline and the time it adds to an answer', () => {
    expect(text).toContain('| label of health    | 12,000 |    9.0 |   21.5 |       2.40 |                        -117 |');
    expect(text).toContain('| label of baseline  |  5,000 |    9.0 |   21.5 |       1.00 |                           0 |');
    expect(text).toContain('| label of me-cached |  4,750 |    9.0 |   21.5 |       0.95 |                         +11 |');
  });

  it('signs microseconds, and groups thousands', () => {
    expect([1012.6, -98.4, 0.2, -0.3].map(signedMicroseconds)).toEqual(['+1,013', '-98', '0', '0']);
  });

  it('says which case was left out and why', () => {
    expect(text).toContain('Not measured: GET /me, token introspection: not built');
  });

  it('prints the micro-benchmark, the memory and every goal with its outcome', () => {
    expect(text).toContain('| cache hit           |         1.63 |  611,995 |');
    expect(text).toContain('| jsonwebtoken verify |         32.0 |   31,211 |');
    expect(text).toContain('| shop    |            120 |           141 |              60 |');
    expect(text).toMatch(/\| Every service < 150 MB RSS +\| largest 151 MB \(auth\) +\| MISS +\|/);
    expect(text).toMatch(/\| Token ≥ 5× introspection +\| not measured +\| not measured \|/);
  });

  it('flags a case whose answers were not all what it expected', () => {
    const [first, ...rest] = sampleReport().cases;
    const cases = [{ ...first!, unexpected: 3, unexpectedByStatus: { '503': 2, errors: 1 } }, ...rest];
    expect(renderReport(sampleReport({ cases }))).toContain('label of health (3 unexpected answers: 2 × 503, 1 × errors)');
  });
});
