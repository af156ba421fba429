import type { AfterLogout } from './matrix.js';

/** What shop answered to one credential around its logout. */
export interface LogoutObservation {
  acceptedBefore: boolean;
  acceptedAfter: boolean;
  /** Seconds until the credential expires by itself; undefined for a session. */
  secondsLeft: number | undefined;
}

/** The "after logout" cell, from what shop answered right before and right after logout. */
export function classifyAfterLogout({ acceptedBefore, acceptedAfter, secondsLeft }: LogoutObservation): {
  afterLogout: AfterLogout;
  secondsLeftAfterLogout?: number;
} {
  if (!acceptedAfter) return { afterLogout: acceptedBefore ? 'ends at once' : 'no' };
  if (secondsLeft === undefined) return { afterLogout: 'yes' };
  return { afterLogout: 'until exp', secondsLeftAfterLogout: secondsLeft };
}
