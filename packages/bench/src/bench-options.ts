/** How long and how hard the bench drives each case. */
export interface BenchOptions {
  /** Rounds: every case runs once per round, in turn, so a slow minute of the machine hits them all alike. */
  rounds: number;
  /** Seconds each case is driven per round. */
  seconds: number;
  /** Concurrent connections autocannon keeps open. */
  connections: number;
  /** Seconds each case is driven once, unmeasured, before the first round (JIT, connection pools, caches). */
  warmupSeconds: number;
  /** Milliseconds per micro-benchmark sample, and how many samples. */
  microMillis: number;
  microSamples: number;
  /** Sequential requests per case for the latency added by the guard (one connection, no queueing). */
  probeRequests: number;
  /** Seconds the other resource services (helpdesk, forum) are driven, together, before their memory is read. */
  memoryLoadSeconds: number;
  /** `--json`: print the report as JSON instead of the table; `--json=<file>`: also write it there. */
  json?: { print: true } | { file: string };
  /** Where the chart is written, relative to the repository root. */
  chart: string;
}

/**
 * Eight rounds of 2.5 s rather than five of 4 s, for the same time: on these shared machines the
 * rate moves by 10% or more from one round to the next, so more ratios to take the median of
 * steady the figure more than longer rounds do.
 */
export const DEFAULT_OPTIONS: BenchOptions = {
  rounds: 8,
  seconds: 2.5,
  connections: 50,
  warmupSeconds: 1,
  microMillis: 300,
  microSamples: 5,
  probeRequests: 2_000,
  memoryLoadSeconds: 60,
  chart: 'docs/bench.svg',
};

/** `--quick`: the same cases, short rounds; for a first look, under two minutes. */
export const QUICK_OPTIONS: BenchOptions = {
  ...DEFAULT_OPTIONS,
  rounds: 3,
  seconds: 1.5,
  warmupSeconds: 0.5,
  microMillis: 100,
  microSamples: 3,
  probeRequests: 500,
  memoryLoadSeconds: 10,
};

const USAGE = 'usage: npm run bench [-- --quick] [--json | --json=<file>] [--rounds=N] [--seconds=S] [--connections=N]';

/** Reads the command line; an unknown or malformed option is an error naming it, with the usage. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  let options = argv.includes('--quick') ? { ...QUICK_OPTIONS } : { ...DEFAULT_OPTIONS };
  for (const argument of argv) {
    const [name, value] = splitOption(argument);
    if (name === '--quick') continue;
    if (name === '--json') options = { ...options, json: value === undefined ? { print: true } : { file: nonEmpty(name, value) } };
    else if (name === '--rounds') options = { ...options, rounds: positive(name, value, true) };
    else if (name === '--seconds') options = { ...options, seconds: positive(name, value, false) };
    else if (name === '--connections') options = { ...options, connections: positive(name, value, true) };
    else throw new Error(`unknown option ${argument}\n${USAGE}`);
  }
  return options;
}

function splitOption(argument: string): [string, string | undefined] {
  const equals = argument.indexOf('=');
  return equals === -1 ? [argument, undefined] : [argument.slice(0, equals), argument.slice(equals + 1)];
}

function nonEmpty(name: string, value: string): string {
  if (value === '') throw new Error(`${name}= needs a file name\n${USAGE}`);
  return value;
}

function positive(name: string, value: string | undefined, whole: boolean): number {
  const number = Number(value);
  if (value === undefined || value === '' || !(number > 0) || (whole && !Number.isInteger(number))) {
    throw new Error(`${name} must be a positive ${whole ? 'whole ' : ''}number\n${USAGE}`);
  }
  return number;
}
