import { readdir, readFile } from 'node:fs/promises';

/**
 * Every process of the stack's PostgreSQL server (the postmaster started with `-p <port>` and the
 * backends it forked), found through /proc (Linux): what a test freezes to make the database hang.
 */
async function postgresProcesses(pgPort: number): Promise<number[]> {
  const commandLines = new Map<number, string[]>();
  const parents = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      commandLines.set(pid, (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0'));
      // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      parents.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked: not ours to freeze.
    }
  }
  const postmaster = [...commandLines].find(([, args]) => args[0]?.endsWith('postgres') && args[args.indexOf('-p') + 1] === String(pgPort))?.[0];
  if (postmaster === undefined) throw new Error(`no PostgreSQL listens on port ${pgPort}`);
  return [postmaster, ...[...parents].filter(([, parent]) => parent === postmaster).map(([pid]) => pid)];
}

/**
 * Runs `during` with every PostgreSQL process stopped (SIGSTOP): the server still accepts TCP
 * connections (the kernel completes the handshake) and never answers, as in a network partition.
 * Always resumes them (SIGCONT), whatever `during` does: the whole stack shares this server.
 */
export async function withFrozenDatabase<T>(pgPort: number, during: () => Promise<T>): Promise<T> {
  const pids = await postgresProcesses(pgPort);
  try {
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    return await during();
  } finally {
    for (const pid of pids) process.kill(pid, 'SIGCONT');
  }
}

/** Resumes every PostgreSQL process (harmless when none is stopped): for an `afterAll`, in case a frozen test never returned. */
export async function resumeDatabase(pgPort: number): Promise<void> {
  for (const pid of await postgresProcesses(pgPort)) process.kill(pid, 'SIGCONT');
}
