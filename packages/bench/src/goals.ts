import type { CaseId, CaseSummary, GoalResult, GoalStatus, LatencyProbe, MemoryReading } from './bench-report.js';
import { signedMicroseconds } from './signed-microseconds.js';

/** The issue's goals (issue 10): benchmarks to print, never timed assertions in tests. */
export const GOALS = {
  guardOverhead: 0.9,
  tokenOverSession: 3,
  tokenOverIntrospection: 5,
  endToEnd: 0.5,
  addedP99Us: 1_000,
  rssMb: 150,
  /**
   * Growth of the loaded service's RSS over the second half of the rounds, beyond which memory is
   * said to grow. The first half is left out: a heap grows to its working size under the first
   * load (that growth shows in the memory table), and only growth after that is a leak.
   */
  rssGrowth: 0.1,
} as const;

export interface GoalInputs {
  cases: readonly CaseSummary[];
  probes: readonly LatencyProbe[];
  memory: readonly MemoryReading[];
}

/** Each goal with the figure it was judged on; a goal whose cases did not run is `not measured`, never a pass. */
export function evaluateGoals({ cases, probes, memory }: GoalInputs): GoalResult[] {
  const ratio = (id: CaseId) => cases.find((summary) => summary.id === id)?.ratioToBaseline;
  const between = (a: CaseId, b: CaseId) => {
    const [top, bottom] = [ratio(a), ratio(b)];
    return top === undefined || bottom === undefined ? undefined : top / bottom;
  };
  const probe = (id: CaseId) => probes.find((result) => result.id === id);
  const addedP99 = (id: CaseId) => {
    const [withGuard, baseline] = [probe(id), probe('baseline')];
    return withGuard && baseline ? withGuard.p99Us - baseline.p99Us : undefined;
  };
  const added = (id: CaseId) => cases.find((summary) => summary.id === id)?.addedMicroseconds;
  // Beside a ratio of req/s, which the framework's own cost dilutes: what each way in adds to an answer.
  const perAnswer = (other: CaseId, name: string) => {
    const [theirs, token] = [added(other), added('me-cached')];
    return theirs === undefined || token === undefined
      ? ''
      : `; per answer over the baseline: ${name} ${signedMicroseconds(theirs)} µs, token ${signedMicroseconds(token)} µs`;
  };
  const uncached = ratio('me-uncached');
  const uncachedP99 = addedP99('me-uncached');
  const largest = memory.length === 0 ? undefined : memory.reduce((a, b) => (largestOf(b) > largestOf(a) ? b : a));
  const tracked = memory.find((reading) => (reading.perRoundMb?.length ?? 0) >= 2);
  const steady = tracked?.perRoundMb!.slice(Math.floor((tracked.perRoundMb!.length - 1) / 2));
  const growth = steady ? steady.at(-1)! / steady[0]! - 1 : undefined;

  return [
    atLeast(
      `Guard overhead: GET /me with a token (cache on) ≥ ${GOALS.guardOverhead}× the Nest baseline`,
      ratio('me-cached'),
      GOALS.guardOverhead,
      uncached === undefined ? '' : `; without the cache ${times(uncached)}`,
    ),
    atLeast(
      `Token ≥ ${GOALS.tokenOverSession}× the shared-store session lookup`,
      between('me-cached', 'session'),
      GOALS.tokenOverSession,
      perAnswer('session', 'lookup'),
    ),
    atLeast(
      `Token ≥ ${GOALS.tokenOverIntrospection}× introspection`,
      between('me-cached', 'introspection'),
      GOALS.tokenOverIntrospection,
      perAnswer('introspection', 'introspection'),
    ),
    atLeast(`End to end: GET /me with a token ≥ ${GOALS.endToEnd}× bare /health`, between('me-cached', 'health'), GOALS.endToEnd),
    judged(
      `p99 added by the guard (one request at a time) < ${GOALS.addedP99Us / 1000} ms`,
      addedP99('me-cached'),
      (added) => added < GOALS.addedP99Us,
      (added) => `${microseconds(added)} with the cache${uncachedP99 === undefined ? '' : `, ${microseconds(uncachedP99)} without`}`,
    ),
    judged(
      `Every service < ${GOALS.rssMb} MB RSS`,
      largest && largestOf(largest),
      (mb) => mb < GOALS.rssMb,
      (mb) => `largest ${mb.toFixed(0)} MB (${largest!.process})`,
    ),
    judged(
      `No memory growth over repeated load (< ${GOALS.rssGrowth * 100}% over the second half of the rounds)`,
      growth,
      (value) => value < GOALS.rssGrowth,
      (value) => `${tracked!.process}: ${tracked!.perRoundMb!.map((mb) => mb.toFixed(0)).join(' → ')} MB (${signedPercent(value)})`,
    ),
  ];
}

function atLeast(goal: string, figure: number | undefined, target: number, more = ''): GoalResult {
  // A figure just under the target is printed with a third digit, rounded down, so that a miss never reads as the target itself.
  const shown = (value: number) => (value < target && Number(value.toFixed(2)) >= target ? `${(Math.floor(value * 1000) / 1000).toFixed(3)}×` : times(value));
  return judged(goal, figure, (value) => value >= target, (value) => `${shown(value)}${more}`);
}

function judged(goal: string, figure: number | undefined, passes: (value: number) => boolean, describe: (value: number) => string): GoalResult {
  if (figure === undefined || !Number.isFinite(figure)) return { goal, figure: 'not measured', status: 'not measured' };
  const status: GoalStatus = passes(figure) ? 'pass' : 'miss';
  return { goal, figure: describe(figure), status };
}

function largestOf(reading: MemoryReading): number {
  return Math.max(reading.afterStartMb, reading.afterLoadMb);
}

function times(value: number): string {
  return `${value.toFixed(2)}×`;
}

function microseconds(value: number): string {
  return `${value >= 0 ? '+' : ''}${Math.round(value)} µs`;
}

function signedPercent(value: number): string {
  return `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
}
