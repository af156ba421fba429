import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';

// `read` returns once the pipe from the parent closes, which the kernel does when the parent exits
// for any reason, SIGKILL included: no polling, no handler in the parent that has to run. Then the
// first signal, and the second one if the target is still there after $4 seconds.
const WATCHDOG_SCRIPT = `
read -r _
kill -s "$2" -- "$1" 2>/dev/null || exit 0
waited=0
while kill -0 -- "$1" 2>/dev/null; do
  if [ "$waited" -ge "$4" ]; then kill -s "$3" -- "$1" 2>/dev/null; exit 0; fi
  sleep 1
  waited=$((waited + 1))
done
`;

/** What to send an orphaned process: a polite signal, then a firm one if it is still there later. */
export interface OrphanSignals {
  first: 'INT' | 'TERM';
  then: 'QUIT' | 'KILL';
  afterSeconds: number;
}

export interface OrphanWatchdog {
  /** The process ended normally: stand down. */
  release(): void;
}

/**
 * Makes sure a child process does not outlive this one, even when this one dies without running any
 * handler (SIGKILL, a crash). A tiny `sh` in its own session waits on a pipe from this process and
 * signals `target` (a pid, or a whole process group) when the pipe closes.
 */
export function watchForOrphan(target: { pid: number; group: boolean }, signals: OrphanSignals): OrphanWatchdog {
  const targetArgument = target.group ? `-${target.pid}` : String(target.pid);
  const watchdog = spawn(
    '/bin/sh',
    ['-c', WATCHDOG_SCRIPT, 'sso-watchdog', targetArgument, signals.first, signals.then, String(signals.afterSeconds)],
    { stdio: ['pipe', 'ignore', 'ignore'], detached: true },
  );
  watchdog.unref();
  (watchdog.stdin as unknown as Socket).unref();
  return {
    release() {
      if (watchdog.pid !== undefined) signalGroup(watchdog.pid, 'SIGKILL');
    },
  };
}

/** Sends `signal` to every process of the group led by `pid`; a group that is already gone is fine. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
