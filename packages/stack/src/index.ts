export { databaseUrl, startDatabaseServer, type DatabaseServer, type DatabaseServerOptions } from './database-server.js';
export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.js';
export { freePort, freePorts } from './free-port.js';
export { SERVICE_NAMES, type ServiceName } from './service-names.js';
export type { ExitStatus } from './service-process.js';
export { startStack, type RunningStack, type StackOptions } from './stack.js';
export type { SessionMode } from './start-settings.js';
export { startTestStack, type TestStackOverrides } from './test-stack.js';
export { startTestDatabase, type TestDatabase } from './test-database.js';
