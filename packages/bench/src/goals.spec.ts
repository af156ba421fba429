import { describe, expect, it } from '@jest/globals';
import { caseSummary } from './bench-report.test-support.js';
import { evaluateGoals, type GoalInputs } from './goals.js';

const passing: GoalInputs = {
  cases: [
    caseSummary('health', 8_000),
    caseSummary('baseline', 5_000),
    caseSummary('me-uncached', 3_000),
    caseSummary('me-cached', 4_800),
    caseSummary('session', 1_500),
    caseSummary('introspection', 900),
  ],
  probes: [
    { id: 'baseline', p50Us: 300, p99Us: 700 },
    { id: 'me-uncached', p50Us: 340, p99Us: 760 },
    { id: 'me-cached', p50Us: 310, p99Us: 720 },
  ],
  memory: [
    { process: 'auth', afterStartMb: 120, afterLoadMb: 125, afterLoadMappedFilesMb: 60 },
    { process: 'shop', afterStartMb: 100, afterLoadMb: 130, afterLoadMappedFilesMb: 60, perRoundMb: [128, 129, 130] },
  ],
};

function statusOf(inputs: GoalInputs, goal: RegExp) {
  const result = evaluateGoals(inputs).find((each) => goal.test(each.goal));
  if (!result) throw new Error(`no goal matches ${goal}`);
  return result;
}

describe('evaluateGoals', () => {
  it('passes every goal the figures meet, and says by how much', () => {
    const results = evaluateGoals(passing);
    expect(results.map((result) => result.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    expect(statusOf(passing, /Guard overhead/).figure).toBe('0.96×; without the cache 0.60×');
    expect(statusOf(passing, /session/).figure).toBe('3.20×; per answer over the baseline: lookup +467 µs, token +8 µs');
    expect(statusOf(passing, /introspection/).figure).toBe('5.33×; per answer over the baseline: introspection +911 µs, token +8 µs');
    expect(statusOf(passing, /p99 added/).figure).toBe('+20 µs with the cache, +60 µs without');
    expect(statusOf(passing, /150 MB/).figure).toBe('largest 130 MB (shop)');
  });

  it('misses the guard overhead goal below 0.9× the baseline', () => {
    const slow = { ...passing, cases: passing.cases.map((each) => (each.id === 'me-cached' ? caseSummary('me-cached', 4_400) : each)) };
    expect(statusOf(slow, /Guard overhead/).status).toBe('miss');
  });

  it('prints a figure just under a goal with a third digit, so that a miss never reads as the goal itself', () => {
    const justUnder = { ...passing, cases: passing.cases.map((each) => (each.id === 'me-cached' ? caseSummary('me-cached', 4_498) : each)) };
    expect(statusOf(justUnder, /Guard overhead/)).toMatchObject({ status: 'miss', figure: '0.899×; without the cache 0.60×' });
    const under = { ...passing, cases: passing.cases.map((each) => (each.id === 'me-cached' ? caseSummary('me-cached', 4_470) : each)) };
    expect(statusOf(under, /Guard overhead/).figure).toBe('0.89×; without the cache 0.60×');
  });

  it('misses the end-to-end goal when /me is under half of /health', () => {
    const fastHealth = { ...passing, cases: passing.cases.map((each) => (each.id === 'health' ? caseSummary('health', 10_000) : each)) };
    expect(statusOf(fastHealth, /End to end/)).toMatchObject({ status: 'miss', figure: '0.48×' });
  });

  it('judges a case that did not run as not measured, never as a pass', () => {
    const withoutIntrospection = { ...passing, cases: passing.cases.filter((each) => each.id !== 'introspection') };
    expect(statusOf(withoutIntrospection, /introspection/)).toEqual(expect.objectContaining({ status: 'not measured', figure: 'not measured' }));
  });

  it('misses the memory goals for a service at 150 MB or one that keeps growing', () => {
    const heavy = { ...passing, memory: [{ process: 'auth', afterStartMb: 150, afterLoadMb: 149, afterLoadMappedFilesMb: 60 }] };
    expect(statusOf(heavy, /150 MB/)).toMatchObject({ status: 'miss', figure: 'largest 150 MB (auth)' });
    const growing = { ...passing, memory: [{ process: 'shop', afterStartMb: 100, afterLoadMb: 140, afterLoadMappedFilesMb: 60, perRoundMb: [100, 120, 140] }] };
    expect(statusOf(growing, /growth/)).toMatchObject({ status: 'miss', figure: 'shop: 100 → 120 → 140 MB (+16.7%)' });
  });

  it('judges growth after the first half of the rounds, once the heap has reached its working size', () => {
    const warming = { ...passing, memory: [{ process: 'shop', afterStartMb: 100, afterLoadMb: 150, afterLoadMappedFilesMb: 60, perRoundMb: [120, 140, 149, 150, 150] }] };
    expect(statusOf(warming, /growth/)).toMatchObject({ status: 'pass', figure: 'shop: 120 → 140 → 149 → 150 → 150 MB (+0.7%)' });
  });

  it('misses the latency goal when the guard adds a millisecond', () => {
    const slowGuard = { ...passing, probes: [...passing.probes.filter((each) => each.id !== 'me-cached'), { id: 'me-cached' as const, p50Us: 400, p99Us: 1_700 }] };
    expect(statusOf(slowGuard, /p99 added/).status).toBe('miss');
  });
});
