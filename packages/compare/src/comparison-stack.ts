import { startTestStack, type RunningStack, type SessionMode } from '@sso/stack';
import { progress } from './progress.js';

/** Stacks this run has started and not yet stopped, so an interruption can stop them too. */
const liveStacks = new Set<Promise<RunningStack>>();
let interrupted = false;

/**
 * Starts a throwaway stack (free ports, a temporary directory) whose resource services run in
 * `sessionMode`, with pg_stat_statements loaded for counting statements; runs `use` on it, then
 * stops it and deletes its data, whether `use` succeeds or fails.
 */
export async function withComparisonStack<T>(sessionMode: SessionMode, use: (stack: RunningStack) => Promise<T>): Promise<T> {
  if (interrupted) throw new Error('The comparison was interrupted.');
  progress(`Starting a stack with SESSION_MODE=${sessionMode}...`);
  const starting = startTestStack(
    // Tokens must outlive the run for "after logout" to read "until exp", whatever the caller's environment says.
    { SESSION_MODE: sessionMode, ACCESS_TOKEN_TTL: '900' },
    {
      postgresSettings: { shared_preload_libraries: 'pg_stat_statements' },
      onUnexpectedExit: (name, status) => progress(`${name} exited unexpectedly (${status.signal ?? `exit code ${status.code}`}).`),
    },
  );
  liveStacks.add(starting);
  try {
    const stack = await starting;
    try {
      if (interrupted) throw new Error('The comparison was interrupted.');
      return await use(stack);
    } finally {
      await stack.stop();
    }
  } finally {
    liveStacks.delete(starting);
  }
}

/**
 * Stops every stack this run started (waiting for one still starting), deleting its data; none
 * starts afterwards.
 */
export async function stopComparisonStacks(): Promise<void> {
  interrupted = true;
  await Promise.all([...liveStacks].map((starting) => starting.then((stack) => stack.stop(), () => undefined)));
}
