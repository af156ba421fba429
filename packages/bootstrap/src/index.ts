export { BODY_LIMIT_BYTES } from './body-limit.js';
export { configModule } from './config-module.js';
export { type ErrorBody, HttpErrorFilter } from './http-error.filter.js';
export { loggingModule, type LoggingSettings } from './logging.js';
export { assignRequestId } from './request-id.js';
export { ResourceIdPipe } from './resource-id.pipe.js';
export { createService, type EntryModule, type ListenOptions, runService, type ServiceOptions } from './run-service.js';
export { type ServiceDefinition, startService } from './start-service.js';
export { startOrExit } from './start-or-exit.js';
