import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { letPostgresUserReach, RUNNING_AS_ROOT } from './postgres-user-access.js';

describe('letPostgresUserReach', () => {
  let privateDir: string;
  let nested: string;

  beforeAll(async () => {
    privateDir = await mkdtemp(join(tmpdir(), 'sso-private-')); // 0700, like any mktemp -d
    nested = join(privateDir, 'checkout', 'node_modules');
    await mkdir(nested, { recursive: true, mode: 0o700 });
  });
  afterAll(() => rm(privateDir, { recursive: true, force: true }));

  const modeOf = async (path: string) => (await stat(path)).mode & 0o777;

  it('under root, opens every directory on the way for traversal only; otherwise changes nothing', async () => {
    await letPostgresUserReach(nested);
    for (const dir of [privateDir, join(privateDir, 'checkout'), nested]) {
      expect(await modeOf(dir)).toBe(RUNNING_AS_ROOT ? 0o701 : 0o700);
    }
  });
});
