import type { RunningStack } from '@sso/stack';

/** Runs `observe` while the auth process is stopped, then starts auth again (also when `observe` fails). */
export async function whileAuthIsStopped<T>(stack: RunningStack, observe: () => Promise<T>): Promise<T> {
  await stack.stopService('auth');
  try {
    return await observe();
  } finally {
    await stack.startService('auth');
  }
}
