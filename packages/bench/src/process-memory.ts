import { readFile } from 'node:fs/promises';

/** A process's resident memory, MiB (Linux, `/proc/<pid>/status`). */
export interface ResidentMemory {
  /** `VmRSS`: the memory it holds now, as an operator's dashboard shows it, worker threads included. */
  residentMb: number;
  /**
   * `RssFile` + `RssShmem`: the part of it mapped from files, mostly Node's own binary and
   * libraries. Every Node process on the machine shares these pages; the rest (`RssAnon`) is the
   * process's own: V8's heap, its compiled code, what native code allocated.
   */
  mappedFilesMb: number;
}

export async function residentMemory(pid: number): Promise<ResidentMemory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => {
    const kib = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1];
    if (kib === undefined) throw new Error(`/proc/${pid}/status has no ${name} line`);
    return Number(kib) / 1024;
  };
  return { residentMb: field('VmRSS'), mappedFilesMb: field('RssFile') + field('RssShmem') };
}

/** A process's resident set (`VmRSS`), MiB. */
export async function residentMb(pid: number): Promise<number> {
  return (await residentMemory(pid)).residentMb;
}
