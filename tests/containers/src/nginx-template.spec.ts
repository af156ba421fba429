import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runningInCi } from './compose-tool.js';
import { nginxAvailable, SCALE_OUT_TEMPLATE, writeNginxConfig } from './nginx-load-balancer.js';
import { repositoryRoot, run } from './repository.js';

interface ComposeService {
  environment?: Record<string, string | number>;
  volumes?: string[];
}

describe("the scale-out profile's nginx template", () => {
  let prefix: string;
  let balancer: ComposeService;
  beforeAll(async () => {
    prefix = await mkdtemp(join(tmpdir(), 'sso-nginx-'));
    const compose = parse(await readFile(join(repositoryRoot, 'docker-compose.yml'), 'utf8')) as { services: Record<string, ComposeService> };
    balancer = compose.services['shop-load-balancer']!;
  });
  afterAll(() => rm(prefix, { recursive: true, force: true }));

  it('is the file compose mounts into the nginx image', () => {
    expect(balancer.volumes).toContain('./deploy/nginx/shop-scale-out.conf.template:/etc/nginx/templates/default.conf.template:ro');
    expect(SCALE_OUT_TEMPLATE).toBe(join(repositoryRoot, 'deploy/nginx/shop-scale-out.conf.template'));
  });

  it("passes `nginx -t` rendered with compose's environment for the balancer", async () => {
    if (!nginxAvailable()) {
      // Not a skip: CI installs nginx (.ci/run) and must run this; elsewhere, say so.
      expect(runningInCi).toBe(false);
      console.log('nginx is not installed: `nginx -t` on the scale-out template did NOT run (CI installs it, see .ci/run).');
      return;
    }
    // Container host names resolve only inside compose's network: the same ports on loopback.
    const variables = Object.fromEntries(
      Object.entries(balancer.environment ?? {}).map(([name, value]) => [name, String(value).replace(/^shop-replica-[ab]:/, '127.0.0.1:')]),
    );
    const config = await writeNginxConfig(prefix, variables);
    const { stderr } = await run('nginx', ['-t', '-e', 'stderr', '-p', prefix, '-c', config]);
    expect(stderr).toContain('test is successful');
  });
});
