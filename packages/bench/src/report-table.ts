import type { BenchReport, GoalStatus } from './bench-report.js';
import { signedMicroseconds } from './signed-microseconds.js';

/**
 * The report as text: Markdown tables, readable at a terminal and pasted as they are into the
 * README, so that the README shows exactly what the command printed.
 */
export function renderReport(report: BenchReport): string {
  const { machine, settings } = report;
  const sections = [
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node} (${machine.platform}); ` +
      `load average ${machine.loadAverage.toFixed(2)} at the start.`,
    `Each case: ${settings.rounds} rounds × ${settings.seconds} s, ${settings.connections} connections, interleaved; medians of the rounds.`,
    markdownTable(
      ['case', 'req/s', 'p50 ms', 'p99 ms', '× baseline', 'µs per answer over baseline'],
      report.cases.map((summary) => [
        summary.label + (summary.unexpected > 0 ? ` (${summary.unexpected} unexpected answers: ${describeStatuses(summary.unexpectedByStatus)})` : ''),
        grouped(summary.requestsPerSecond),
        fixed(summary.p50Ms, 1),
        fixed(summary.p99Ms, 1),
        `${summary.ratioToBaseline.toFixed(2)}`,
        signedMicroseconds(summary.addedMicroseconds),
      ]),
      [false, true, true, true, true, true],
    ),
    'µs per answer over baseline: 1 ÷ req/s, less the same for the baseline in the same round: the time each answer adds on this machine at full load (for the session and introspection, with the database\'s and auth\'s work on the same cores), which a ratio of req/s hides under the framework\'s own cost.',
    ...report.unavailable.map((left) => `Not measured: ${left.label}: ${left.reason}`),
    'Verification alone, in one process (no HTTP):',
    markdownTable(
      ['verifier', 'µs per token', 'tokens/s'],
      report.micro.map((micro) => [micro.name, fixed(micro.microseconds, micro.microseconds < 10 ? 2 : 1), grouped(micro.operationsPerSecond)]),
      [false, true, true],
    ),
    'One request at a time (no queueing): what the guard adds to a request:',
    markdownTable(
      ['case', 'p50 µs', 'p99 µs'],
      report.probes.map((probe) => [labelOf(report, probe.id), grouped(probe.p50Us), grouped(probe.p99Us)]),
      [false, true, true],
    ),
    'Memory (VmRSS of each service process; the last column is the part of it mapped from files, Node\'s binary and libraries, which every Node process on the machine shares):',
    markdownTable(
      ['process', 'after start MB', 'after load MB', 'of it, files MB'],
      report.memory.map((reading) => [
        reading.process,
        fixed(reading.afterStartMb, 0),
        fixed(reading.afterLoadMb, 0),
        fixed(reading.afterLoadMappedFilesMb, 0),
      ]),
      [false, true, true, true],
    ),
    'Goals (issue 10):',
    markdownTable(
      ['goal', 'figure', ''],
      report.goals.map((goal) => [goal.goal, goal.figure, STATUS_MARK[goal.status]]),
      [false, false, false],
    ),
  ];
  return `${sections.join('\n\n')}\n`;
}

const STATUS_MARK: Record<GoalStatus, string> = { pass: 'pass', miss: 'MISS', 'not measured': 'not measured' };

function labelOf(report: BenchReport, id: string): string {
  return report.cases.find((summary) => summary.id === id)?.label ?? id;
}

/** A Markdown table whose columns line up in plain text too; `right` aligns numbers. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[]): string {
  const widths = header.map((title, column) => Math.max(title.length, 3, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => (right[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (right[column] ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function describeStatuses(byStatus: Record<string, number>): string {
  return Object.entries(byStatus)
    .map(([status, count]) => `${count} × ${status}`)
    .join(', ');
}

function grouped(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}
