import { fileURLToPath } from 'node:url';

/** The monorepo root: this file is `packages/stack/{src,dist}/repo-root.*`. */
export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
