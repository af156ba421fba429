/** The four deployables under `apps/`, each one process with its own port and database. */
export type ServiceName = 'auth' | 'shop' | 'helpdesk' | 'forum';

/** In start order: auth first, since the others fetch its keys. */
export const SERVICE_NAMES: readonly ServiceName[] = ['auth', 'shop', 'helpdesk', 'forum'];
