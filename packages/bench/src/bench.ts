// npm run bench: what each way to authenticate costs, measured side by side on a real stack (issue 10).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderChart } from './bench-chart.js';
import { parseBenchOptions } from './bench-options.js';
import { type BenchReport, type CaseResult, summarizeCases } from './bench-report.js';
import { startBenchStack } from './bench-stack.js';
import { evaluateGoals } from './goals.js';
import { loadCases } from './load-cases.js';
import { describeMachine } from './machine.js';
import { measure } from './measure.js';
import { renderReport } from './report-table.js';
import { benchVerification } from './verification-micro.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let options: ReturnType<typeof parseBenchOptions>;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);
const machine = describeMachine();
progress('verification alone, in this process');
const micro = await benchVerification(options.microMillis, options.microSamples);
progress('starting the stack (production settings, JSON logs at info)');
const stack = await startBenchStack();
const stopOnSignal = () => void stack.stop().finally(() => process.exit(130));
process.once('SIGINT', stopOnSignal);
process.once('SIGTERM', stopOnSignal);

let measured: Awaited<ReturnType<typeof measure>>;
try {
  measured = await measure(stack, loadCases(stack), options, progress);
} finally {
  await stack.stop();
}

const cases = summarizeCases(measured.results);
const report: BenchReport = {
  date: new Date().toISOString(),
  machine,
  settings: { rounds: options.rounds, seconds: options.seconds, connections: options.connections },
  cases,
  unavailable: measured.results.filter((result: CaseResult) => result.unavailable).map(({ id, label, unavailable }) => ({ id, label, reason: unavailable! })),
  micro,
  probes: measured.probes,
  memory: measured.memory,
  goals: evaluateGoals({ cases, probes: measured.probes, memory: measured.memory }),
};

const chart = resolve(REPO_ROOT, options.chart);
await mkdir(dirname(chart), { recursive: true });
await writeFile(chart, renderChart(report));
if (options.json && 'print' in options.json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  process.stdout.write(renderReport(report));
  if (options.json) await writeFile(resolve(options.json.file), `${JSON.stringify(report, null, 2)}\n`);
}
progress(`chart written to ${options.chart}${options.json && 'file' in options.json ? `, JSON to ${options.json.file}` : ''}`);
