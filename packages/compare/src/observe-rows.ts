import { SERVICE_NAMES, type RunningStack, type ServiceName } from '@sso/stack';
import { classifyAfterLogout } from './after-logout.js';
import { whileAuthDatabaseIsDown } from './auth-database-outage.js';
import { whileAuthIsStopped } from './auth-outage.js';
import { DEMO_LOGIN, type Credential } from './credential.js';
import { isAccepted } from './http-exchange.js';
import type { ObservedRow } from './matrix.js';
import { progress } from './progress.js';
import { openStatementCounter } from './statement-counter.js';
import type { WayIn } from './ways-in.js';

/** Requests sent to shop, one after another, to count the statements each one costs. */
const BURST_SIZE = 200;

interface LoggedIn {
  way: WayIn;
  credential: Credential;
  acceptedBy: Record<ServiceName, boolean>;
}

/**
 * Observes every cell of `waysIn`'s rows on one running stack. Each phase covers all rows together
 * (log in and ask every service; count statements; stop auth; take auth's database down; log out),
 * so auth restarts once per stack rather than once per row.
 */
export async function observeRows(stack: RunningStack, waysIn: readonly WayIn[]): Promise<ObservedRow[]> {
  const counter = await openStatementCounter(stack.pgPort);
  try {
    const loggedIn = await inSequence(waysIn, (way) => logInAndAskEveryService(stack, way));
    const queries = await inSequence(loggedIn, async ({ way, credential }) => {
      const perRequest = await counter.perRequest(() => credential.present('shop'), BURST_SIZE);
      progress(`${way.row}: ${perRequest} SQL statements/request on shop (${BURST_SIZE} requests)`);
      return perRequest;
    });
    const withAuthStopped = await whileAuthIsStopped(stack, () => askShop(loggedIn, 'auth stopped'));
    const withAuthDatabaseDown = await whileAuthDatabaseIsDown(stack.pgPort, () => askShop(loggedIn, "auth's database down"));
    const afterLogout = await inSequence(loggedIn, observeLogout);
    return loggedIn.map(({ way, acceptedBy }, index) => ({
      row: way.row,
      acceptedBy,
      queriesPerRequest: queries[index]!,
      acceptedWithAuthStopped: withAuthStopped[index]!,
      acceptedWithAuthDatabaseStopped: withAuthDatabaseDown[index]!,
      ...afterLogout[index]!,
    }));
  } finally {
    await counter.close();
  }
}

async function logInAndAskEveryService(stack: RunningStack, way: WayIn): Promise<LoggedIn> {
  const credential = await way.logIn(stack.urls, DEMO_LOGIN);
  const statuses = await inSequence(SERVICE_NAMES, (service) => credential.present(service));
  progress(`${way.row}: ${SERVICE_NAMES.map((service, index) => `${service} ${statuses[index]}`).join(', ')}`);
  const acceptedBy = Object.fromEntries(SERVICE_NAMES.map((service, index) => [service, isAccepted(statuses[index]!)]));
  return { way, credential, acceptedBy: acceptedBy as Record<ServiceName, boolean> };
}

async function askShop(loggedIn: readonly LoggedIn[], situation: string): Promise<boolean[]> {
  return inSequence(loggedIn, async ({ way, credential }) => {
    const status = await credential.present('shop');
    progress(`${way.row}, ${situation}: shop ${status}`);
    return isAccepted(status);
  });
}

async function observeLogout({ way, credential }: LoggedIn) {
  const before = await credential.present('shop');
  await credential.logOut();
  const after = await credential.present('shop');
  progress(`${way.row}: shop ${before} right before logout, ${after} right after`);
  return classifyAfterLogout({ acceptedBefore: isAccepted(before), acceptedAfter: isAccepted(after), secondsLeft: credential.secondsLeft() });
}

/** Maps one item at a time: the statement counts and outages must not overlap. */
async function inSequence<T, R>(items: readonly T[], map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await map(item));
  return results;
}
