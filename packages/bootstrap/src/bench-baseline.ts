import { Controller, createParamDecorator, type DynamicModule, Get, Inject, Module, type ModuleMetadata } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@sso/guard';
import type { EntryModule } from './run-service.js';

/** `BENCH_BASELINE_ROUTE=1`: what `npm run bench` sets on the services it starts, and nothing else does. */
export const BENCH_BASELINE_ROUTE = 'BENCH_BASELINE_ROUTE';

/** The path of the route; `npm run bench` calls it. */
export const BENCH_BASELINE_PATH = '/bench/baseline';

const SERVICE_NAME = Symbol('bench baseline service name');

/** A fixed caller, shaped as the guard's `AuthenticatedUser` is in `GET /me`'s answer. */
const FIXED_USER = {
  id: '00000000-0000-4000-8000-000000000000',
  email: 'bench@example.test',
  name: 'Bench',
  roles: ['customer'],
} as const;

/**
 * The fixed caller, handed to the handler by a parameter decorator as `GET /me` is handed its caller
 * (`@CurrentPrincipal()`): Nest runs the global pipes on every custom parameter, which costs about
 * 5% of a request on the bench's machine (measured with `@Req()` in its place), and that cost is
 * the route's, not the guard's.
 */
const FixedUser = createParamDecorator(() => ({ ...FIXED_USER, roles: [...FIXED_USER.roles] }));

/**
 * `GET /bench/baseline`: public, and otherwise the same road as `GET /me` (request log line, pipes,
 * interceptors, filters, Nest's router, a parameter decorator for the caller), answering the same
 * shape for a fixed user. It is the honest baseline for the guard: the bench compares `GET /me` to
 * it, so that the difference is the guard alone. Kept out of the OpenAPI document: it is not part
 * of any service's interface.
 */
@ApiExcludeController()
@Controller()
class BenchBaselineController {
  constructor(@Inject(SERVICE_NAME) private readonly service: string) {}

  @Get(BENCH_BASELINE_PATH)
  @Public()
  baseline(@FixedUser() user: { id: string; email: string; name: string; roles: string[] }) {
    // A new object per request, as `GET /me` builds one from the token.
    return { service: this.service, user: { id: user.id, email: user.email, name: user.name, roles: user.roles } };
  }
}

@Module({})
class BenchBaselineModule {}

/**
 * The service's root module with the baseline route beside it, only when the environment asks
 * for it (`BENCH_BASELINE_ROUTE=1`). A route outside every app, switched on by the bench alone,
 * rather than a public route in each app's own code: a deployment never serves it, and the apps
 * stay as they are.
 */
export function withBenchBaseline(module: EntryModule, service: string, environment: NodeJS.ProcessEnv): EntryModule {
  if (environment[BENCH_BASELINE_ROUTE] !== '1') return module;
  const root: DynamicModule = {
    module: BenchBaselineModule,
    imports: [module as NonNullable<ModuleMetadata['imports']>[number]],
    controllers: [BenchBaselineController],
    providers: [{ provide: SERVICE_NAME, useValue: service }],
  };
  return root;
}
