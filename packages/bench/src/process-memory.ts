import { readFile } from 'node:fs/promises';

/**
 * A process's resident set (`VmRSS` in `/proc/<pid>/status`, Linux), MiB: the memory it holds
 * now, as an operator's dashboard shows it, worker threads included.
 */
export async function residentMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`/proc/${pid}/status has no VmRSS line`);
  return Number(kib) / 1024;
}
