/**
 * Runs a service's start-up; if it fails (database unreachable, port taken, a failed migration)
 * prints one line naming the service and the cause, and exits 1, never a stack trace.
 */
export async function startOrExit(service: string, start: () => Promise<void>): Promise<void> {
  try {
    await start();
  } catch (error) {
    process.stderr.write(`${service}: failed to start: ${describe(error)}\n`);
    process.exit(1);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  const message = error.message || (error instanceof AggregateError ? error.errors.map(describe).join(', ') : error.name);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
