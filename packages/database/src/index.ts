export { applyMigrations } from './apply-migrations.js';
export { withDatabase } from './connection-url.js';
export { ensureDatabase } from './ensure-database.js';
export { ensureLoginRole } from './login-role.js';
export { MigrationError, type MigrationErrorReason } from './migration-error.js';
export { prepareDatabase, type PrepareDatabaseOptions } from './prepare-database.js';
export { embeddedPostgresFolder, letPostgresUserReach, RUNNING_AS_ROOT } from './postgres-user-access.js';
export { provisionServiceDatabase } from './service-database.js';
export { withConnection } from './with-connection.js';
