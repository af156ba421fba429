import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePorts } from '@sso/stack';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activeServices, readComposeDocument, resolveServices, type ComposeService } from './compose-file.js';
import { listens, planLocalRun } from './compose-on-localhost.js';
import { runningInCi } from './compose-tool.js';
import { generatedEnv } from './generated-env.js';
import { nginxAvailable, SCALE_OUT_TEMPLATE, writeNginxConfig } from './nginx-load-balancer.js';
import { repositoryRoot, run } from './repository.js';

describe("the scale-out profile's nginx template", () => {
  let prefix: string;
  let services: Record<string, ComposeService>;
  beforeAll(async () => {
    prefix = await mkdtemp(join(tmpdir(), 'sso-nginx-'));
    services = resolveServices(activeServices(await readComposeDocument(), ['scale-out']), await generatedEnv());
  });
  afterAll(() => rm(prefix, { recursive: true, force: true }));

  it('is the file compose mounts into the nginx image', () => {
    expect(services['shop-load-balancer']!.volumes).toContain('./deploy/nginx/shop-scale-out.conf.template:/etc/nginx/templates/default.conf.template:ro');
    expect(SCALE_OUT_TEMPLATE).toBe(join(repositoryRoot, 'deploy/nginx/shop-scale-out.conf.template'));
  });

  it("passes `nginx -t` rendered with compose's environment for the balancer", async () => {
    if (!nginxAvailable()) {
      // Not a skip: CI installs nginx (.ci/run) and must run this; elsewhere, say so.
      expect(runningInCi).toBe(false);
      console.log('nginx is not installed: `nginx -t` on the scale-out template did NOT run (CI installs it, see .ci/run).');
      return;
    }
    // Container host names resolve only inside compose's network: the local run's ports instead.
    const listening = Object.keys(services).filter((name) => listens(name, services[name]!));
    const ports = Object.fromEntries((await freePorts(listening.length)).map((port, index) => [listening[index]!, port]));
    const config = await writeNginxConfig(prefix, planLocalRun(services, ports).environments['shop-load-balancer']!);
    const { stderr } = await run('nginx', ['-t', '-e', 'stderr', '-p', prefix, '-c', config]);
    expect(stderr).toContain('test is successful');
  });
});
