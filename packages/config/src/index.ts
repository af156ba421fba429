export { ConfigError, loadConfig, loadConfigOrExit } from './load-config.js';
export { flag, httpUrl, originList, port, postgresUrl, seconds, serviceSettings, type ServiceSettings } from './fields.js';
export { resourceServiceSettings, type ResourceServiceConfig } from './resource-service.js';
