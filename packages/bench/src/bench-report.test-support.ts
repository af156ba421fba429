import type { BenchReport, CaseSummary } from './bench-report.js';

/** A summary with round figures, for specs of what renders and judges reports. */
export function caseSummary(id: CaseSummary['id'], requestsPerSecond: number, baseline = 5_000): CaseSummary {
  return { id, label: `label of ${id}`, requestsPerSecond, p50Ms: 9, p99Ms: 21.5, ratioToBaseline: requestsPerSecond / baseline, addedMicroseconds: 1e6 / requestsPerSecond - 1e6 / baseline, unexpected: 0, unexpectedByStatus: {} };
}

/** A whole report as the bench builds it, with figures chosen by hand. */
export function sampleReport(overrides: Partial<BenchReport> = {}): BenchReport {
  return {
    date: '2026-11-30T19:00:00.000Z',
    machine: { cpu: 'Test CPU <2 GHz>', cores: 2, node: 'v24.22.3', platform: 'linux 6.1', memoryGb: 24, loadAverage: 1.5 },
    settings: { rounds: 5, seconds: 4, connections: 50 },
    cases: [caseSummary('health', 12_000), caseSummary('baseline', 5_000), caseSummary('me-cached', 4_750)],
    unavailable: [{ id: 'introspection', label: 'GET /me, token introspection', reason: 'not built' }],
    micro: [
      { name: 'jsonwebtoken verify', microseconds: 32.04, operationsPerSecond: 31_211 },
      { name: 'cache hit', microseconds: 1.634, operationsPerSecond: 611_995 },
    ],
    probes: [
      { id: 'baseline', p50Us: 348, p99Us: 900 },
      { id: 'me-cached', p50Us: 365, p99Us: 950 },
    ],
    memory: [{ process: 'shop', afterStartMb: 120.4, afterLoadMb: 140.6, afterLoadMappedFilesMb: 60, perRoundMb: [139, 140] }],
    goals: [
      { goal: 'Guard overhead', figure: '0.95×', status: 'pass' },
      { goal: 'Token ≥ 5× introspection', figure: 'not measured', status: 'not measured' },
      { goal: 'Every service < 150 MB RSS', figure: 'largest 151 MB (auth)', status: 'miss' },
    ],
    ...overrides,
  };
}
