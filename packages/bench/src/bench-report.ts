import { median } from './statistics.js';

/** The cases driven over HTTP, in the order the table lists them. */
export const CASE_IDS = ['health', 'baseline', 'me-uncached', 'me-cached', 'session', 'introspection', 'tampered'] as const;
export type CaseId = (typeof CASE_IDS)[number];

/** One case, driven for one round. */
export interface RoundSample {
  requestsPerSecond: number;
  /** Latency under load (autocannon, `connections` at once), milliseconds. */
  p50Ms: number;
  p99Ms: number;
  /** Answers with another status than the case expects, and connection errors: must be 0. */
  unexpected: number;
  /** Those answers by status (`"503"`), connection errors as `"errors"`. */
  unexpectedByStatus: Record<string, number>;
}

export interface CaseResult {
  id: CaseId;
  label: string;
  /** One per round; empty when the case could not run. */
  rounds: RoundSample[];
  /** Why the case was left out, when it was. */
  unavailable?: string;
}

/** A case's figures over its rounds: medians, and the median of its per-round ratios to the baseline. */
export interface CaseSummary {
  id: CaseId;
  label: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Median over rounds of (this case ÷ the Nest baseline, same round): rounds next to each other share the machine's mood. */
  ratioToBaseline: number;
  /**
   * Median over rounds of (1 / this case's req/s − 1 / the baseline's, same round), microseconds:
   * how much longer the machine takes over each answer at full load than over the baseline's. For
   * the session lookup and introspection it includes the database's and auth's work, which shares
   * the machine; it is what each way in costs, where ratios of req/s hide it under the framework.
   */
  addedMicroseconds: number;
  unexpected: number;
  unexpectedByStatus: Record<string, number>;
}

/** One way to verify a token, alone in a loop. */
export interface MicroResult {
  name: string;
  microseconds: number;
  operationsPerSecond: number;
}

/** Latency of one request at a time (no queueing), microseconds: what the guard adds to a request. */
export interface LatencyProbe {
  id: CaseId;
  p50Us: number;
  p99Us: number;
}

/** A service process's resident memory (`VmRSS`), MiB. */
export interface MemoryReading {
  process: string;
  afterStartMb: number;
  afterLoadMb: number;
  /** Of `afterLoadMb`, the pages mapped from files (Node's binary and libraries), shared by every Node process. */
  afterLoadMappedFilesMb: number;
  /** After each round, for the process that carried most of the load: growth shows here. */
  perRoundMb?: number[];
}

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  platform: string;
  memoryGb: number;
  /** Load average over one minute when the bench began: the other processes sharing the machine. */
  loadAverage: number;
}

export type GoalStatus = 'pass' | 'miss' | 'not measured';

export interface GoalResult {
  goal: string;
  figure: string;
  status: GoalStatus;
}

export interface BenchReport {
  date: string;
  machine: Machine;
  settings: { rounds: number; seconds: number; connections: number };
  cases: CaseSummary[];
  unavailable: { id: CaseId; label: string; reason: string }[];
  micro: MicroResult[];
  probes: LatencyProbe[];
  memory: MemoryReading[];
  goals: GoalResult[];
}

/** Medians of each measured case; the baseline must have run, since every ratio is to it. */
export function summarizeCases(results: readonly CaseResult[]): CaseSummary[] {
  const baseline = results.find((result) => result.id === 'baseline');
  if (!baseline || baseline.rounds.length === 0) throw new Error('the Nest baseline did not run: no ratio can be given');
  const baselineRate = (round: number) => baseline.rounds[round % baseline.rounds.length]!.requestsPerSecond;
  return results
    .filter((result) => result.rounds.length > 0)
    .map((result) => ({
      id: result.id,
      label: result.label,
      requestsPerSecond: median(result.rounds.map((round) => round.requestsPerSecond)),
      p50Ms: median(result.rounds.map((round) => round.p50Ms)),
      p99Ms: median(result.rounds.map((round) => round.p99Ms)),
      ratioToBaseline: median(result.rounds.map((round, index) => round.requestsPerSecond / baselineRate(index))),
      addedMicroseconds: median(result.rounds.map((round, index) => 1e6 / round.requestsPerSecond - 1e6 / baselineRate(index))),
      unexpected: result.rounds.reduce((sum, round) => sum + round.unexpected, 0),
      unexpectedByStatus: result.rounds.reduce<Record<string, number>>((all, round) => {
        for (const [status, count] of Object.entries(round.unexpectedByStatus)) all[status] = (all[status] ?? 0) + count;
        return all;
      }, {}),
    }));
}
