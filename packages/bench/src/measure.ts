import type { BenchOptions } from './bench-options.js';
import type { CaseResult, LatencyProbe, MemoryReading } from './bench-report.js';
import type { BenchProcess, BenchStack } from './bench-stack.js';
import { probeLatency } from './latency-probe.js';
import type { LoadCase } from './load-cases.js';
import { residentMb, residentMemory } from './process-memory.js';
import { runLoad } from './run-load.js';
import { percentile } from './statistics.js';

export interface Measurements {
  results: CaseResult[];
  probes: LatencyProbe[];
  memory: MemoryReading[];
}

/** The cases whose latency alone is probed: the baseline and the guard with and without its cache. */
const PROBED = ['health', 'baseline', 'me-uncached', 'me-cached'] as const;
/** The process that carries most of the load, whose memory is read after every round. */
const LOADED_PROCESS = 'shop';

/**
 * Every runnable case once unmeasured (warm-up), then `rounds` rounds of every case in turn, each
 * round starting one case later so that no case always follows the same one; then one request at
 * a time for the latency the guard adds. Memory is read after start, after each round (shop) and
 * at the end, after the other resource services too have served `GET /me` (a minute, together).
 */
export async function measure(stack: BenchStack, cases: readonly LoadCase[], options: BenchOptions, progress: (line: string) => void): Promise<Measurements> {
  const runnable = cases.filter((each) => each.target);
  const afterStart = await readMemory(stack.processes);
  progress(`warming up ${runnable.length} cases`);
  for (const each of runnable) await runLoad(each.target!, options.warmupSeconds, options.connections);

  const results: CaseResult[] = cases.map(({ id, label, unavailable }) => ({ id, label, rounds: [], unavailable }));
  const perRound: number[] = [];
  const loaded = stack.processes.find((each) => each.label === LOADED_PROCESS)!;
  for (let round = 0; round < options.rounds; round++) {
    progress(`round ${round + 1} of ${options.rounds}`);
    for (let turn = 0; turn < runnable.length; turn++) {
      const each = runnable[(turn + round) % runnable.length]!;
      const sample = await runLoad(each.target!, options.seconds, options.connections);
      results.find((result) => result.id === each.id)!.rounds.push(sample);
    }
    perRound.push(await residentMb(loaded.pid()!));
  }

  progress('one request at a time');
  const probes = await probeCases(cases, options.probeRequests);
  progress(`GET /me on ${stack.otherResourceServices.map(({ label }) => label).join(' and ')} for ${options.memoryLoadSeconds} s, for their memory`);
  await Promise.all(
    stack.otherResourceServices.map(async (service) => {
      const target = { url: `${service.url}/me`, headers: { authorization: `Bearer ${stack.accessToken}` }, expectedStatus: 200 };
      const sample = await runLoad(target, options.memoryLoadSeconds, options.connections);
      if (sample.unexpected > 0) throw new Error(`${service.label} GET /me answered ${JSON.stringify(sample.unexpectedByStatus)} under load`);
    }),
  );
  const afterLoad = new Map(
    await Promise.all(stack.processes.map(async ({ label, pid }) => [label, await residentMemory(pid()!)] as const)),
  );
  const memory = stack.processes.map(({ label }) => ({
    process: label,
    afterStartMb: afterStart.get(label)!,
    afterLoadMb: afterLoad.get(label)!.residentMb,
    afterLoadMappedFilesMb: afterLoad.get(label)!.mappedFilesMb,
    ...(label === LOADED_PROCESS ? { perRoundMb: perRound } : {}),
  }));
  return { results, probes, memory };
}

/** In ten slices, case after case, so that the probes too share the machine's mood. */
async function probeCases(cases: readonly LoadCase[], requests: number): Promise<LatencyProbe[]> {
  const probed = cases.filter((each) => each.target && (PROBED as readonly string[]).includes(each.id));
  const latencies = new Map<string, number[]>(probed.map((each) => [each.id, []]));
  const slices = 10;
  for (let slice = 0; slice < slices; slice++) {
    for (const each of probed) latencies.get(each.id)!.push(...(await probeLatency(each.target!, Math.ceil(requests / slices))));
  }
  return probed.map(({ id }) => ({ id, p50Us: percentile(latencies.get(id)!, 0.5), p99Us: percentile(latencies.get(id)!, 0.99) }));
}

async function readMemory(processes: readonly BenchProcess[]): Promise<Map<string, number>> {
  const readings = await Promise.all(processes.map(async ({ label, pid }) => [label, await residentMb(pid()!)] as const));
  return new Map(readings);
}
