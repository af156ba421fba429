import { describe, expect, it } from '@jest/globals';
import { type CaseResult, type RoundSample, summarizeCases } from './bench-report.js';

const round = (requestsPerSecond: number, p99Ms = 20): RoundSample => ({ requestsPerSecond, p50Ms: 10, p99Ms, unexpected: 0, unexpectedByStatus: {} });

describe('summarizeCases', () => {
  const baseline: CaseResult = { id: 'baseline', label: 'baseline', rounds: [round(5_000), round(2_000), round(6_000)] };

  it('reports medians of the rounds', () => {
    const [summary] = summarizeCases([baseline]);
    expect(summary).toMatchObject({ requestsPerSecond: 5_000, p99Ms: 20, ratioToBaseline: 1 });
  });

  it('takes each ratio within a round, so that a slow round of the machine cancels out', () => {
    // Every round the guard is 0.9× the baseline of that round, though the machine's speed varies.
    const guarded: CaseResult = { id: 'me-cached', label: 'me', rounds: [round(4_500), round(1_800), round(5_400)] };
    const [, summary] = summarizeCases([baseline, guarded]);
    expect(summary!.ratioToBaseline).toBeCloseTo(0.9);
    expect(summary!.requestsPerSecond).toBe(4_500);
  });

  it('gives the time each answer adds over the baseline of its round, in microseconds', () => {
    // Against 5,000, 2,000, 6,000: 333 − 200 = 133, 526 − 500 = 26, 169 − 167 = 2 µs: the median is 26.
    // From the medians instead (3,000 against 5,000) it would be 133: a slow round of the machine would count.
    const looked: CaseResult = { id: 'session', label: 'session', rounds: [round(3_000), round(1_900), round(5_900)] };
    const [base, summary] = summarizeCases([baseline, looked]);
    expect(base!.addedMicroseconds).toBe(0);
    expect(summary!.addedMicroseconds).toBeCloseTo(1e6 / 1_900 - 1e6 / 2_000);
    const faster: CaseResult = { id: 'health', label: 'health', rounds: [round(10_000), round(4_000), round(12_000)] };
    expect(summarizeCases([baseline, faster])[1]!.addedMicroseconds).toBeCloseTo(-100);
  });

  it('leaves out a case that did not run, and counts unexpected answers', () => {
    const refused: CaseResult = {
      id: 'tampered',
      label: 'tampered',
      rounds: [
        { ...round(3_000), unexpected: 2, unexpectedByStatus: { '200': 2 } },
        { ...round(3_000), unexpected: 1, unexpectedByStatus: { '200': 1 } },
      ],
    };
    const skipped: CaseResult = { id: 'introspection', label: 'introspection', rounds: [], unavailable: 'not built' };
    const summaries = summarizeCases([baseline, skipped, refused]);
    expect(summaries.map((summary) => summary.id)).toEqual(['baseline', 'tampered']);
    expect(summaries[1]).toMatchObject({ unexpected: 3, unexpectedByStatus: { '200': 3 } });
  });

  it('refuses to give ratios without a baseline', () => {
    expect(() => summarizeCases([{ ...baseline, id: 'health' }])).toThrow(/baseline did not run/);
  });
});
