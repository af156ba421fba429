import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import type { Machine } from './bench-report.js';

/** What the figures were measured on, printed with them: throughput means little without it. */
export function describeMachine(): Machine {
  const processors = cpus();
  return {
    cpu: processors[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown CPU',
    cores: processors.length,
    node: process.version,
    platform: `${platform()} ${release()}`,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverage: loadavg()[0]!,
  };
}
