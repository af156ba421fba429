import type { DynamicModule } from '@nestjs/common';

/** Makes a service's validated configuration injectable under `token`, everywhere in the service. */
export function configModule<T>(token: symbol, config: T): DynamicModule {
  return { module: class ConfigModule {}, global: true, providers: [{ provide: token, useValue: config }], exports: [token] };
}
