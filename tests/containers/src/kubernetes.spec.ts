import { beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { activeServices, readComposeDocument, type ComposeService } from './compose-file.js';
import { appOf } from './compose-wiring.js';
import { manifestFiles, podSpecOf, readKustomization, readManifests, validateAgainstSchema, type Kustomization, type Manifest } from './kubernetes-manifests.js';
import { repositoryRoot } from './repository.js';

// No cluster exists here: the manifests are held to the Kubernetes schemas (kubernetes-models, the
// API's OpenAPI definitions) and to each other, the way a cluster would hold them at apply time
// or at the first request: a Service selecting no pod, a probe on a port the container does not
// open, an Ingress naming a missing Service all apply cleanly and fail only in production.
const APPS = ['auth', 'shop', 'helpdesk', 'forum'];
const RESOURCE_APPS = ['shop', 'helpdesk', 'forum'];
/** What compose sets that a cluster deployment leaves out on purpose: demo accounts are for trying it out. */
const COMPOSE_ONLY = ['SEED_DEMO_DATA'];

let kustomization: Kustomization;
let manifests: Manifest[];
const ofKind = (kind: string) => manifests.filter((manifest) => manifest.kind === kind);
const named = (kind: string, name: string) => ofKind(kind).find((manifest) => manifest.metadata.name === name);
const containersOf = (manifest: Manifest): Array<Record<string, any>> => podSpecOf(manifest).containers;
const environmentOf = (container: Record<string, any>): Array<{ name: string; value?: string; valueFrom?: any }> => container.env ?? [];
const valueOf = (container: Record<string, any>, name: string) => environmentOf(container).find((variable) => variable.name === name)?.value;
/** A port given by name (`http`) or number, as the container declares it. */
const containerPort = (container: Record<string, any>, port: string | number) =>
  (container.ports ?? []).find((candidate: any) => candidate.name === port || candidate.containerPort === port)?.containerPort as number | undefined;
const selects = (selector: Record<string, string>, labels: Record<string, string> = {}) => Object.entries(selector).every(([key, value]) => labels[key] === value);

beforeAll(async () => {
  kustomization = await readKustomization();
  manifests = (await readManifests(kustomization)).map(({ manifest }) => manifest);
});

describe('deploy/k8s', () => {
  it('lists every manifest file in its kustomization', async () => {
    expect([...kustomization.resources].sort()).toEqual(await manifestFiles());
  });

  it('is valid against the Kubernetes schema of each kind', () => {
    expect(manifests.length).toBeGreaterThan(0);
    for (const manifest of manifests) validateAgainstSchema(manifest);
  });

  it('has a Deployment and a Service per app, two replicas of each resource service', () => {
    for (const app of APPS) {
      expect({ app, deployment: Boolean(named('Deployment', app)), service: Boolean(named('Service', app)) }).toEqual({ app, deployment: true, service: true });
    }
    for (const app of RESOURCE_APPS) expect({ app, replicas: named('Deployment', app)!.spec.replicas }).toEqual({ app, replicas: 2 });
  });

  it('selects the pods of exactly one Deployment with each Service, on a port the container opens', () => {
    for (const service of ofKind('Service')) {
      const deployments = ofKind('Deployment').filter((deployment) => selects(service.spec.selector, deployment.spec.template.metadata.labels));
      expect({ service: service.metadata.name, deployments: deployments.map((deployment) => deployment.metadata.name) }).toEqual({
        service: service.metadata.name,
        deployments: [service.metadata.name],
      });
      for (const port of service.spec.ports) expect({ service: service.metadata.name, opened: containerPort(containersOf(deployments[0]!)[0]!, port.targetPort ?? port.port) }).toEqual({ service: service.metadata.name, opened: expect.any(Number) });
    }
    for (const deployment of ofKind('Deployment')) {
      expect(selects(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    }
  });

  it('probes readiness at /health/ready and liveness at /health, on the port the service listens on (PORT)', () => {
    for (const deployment of ofKind('Deployment')) {
      for (const container of containersOf(deployment)) {
        const port = Number(valueOf(container, 'PORT'));
        const probe = (name: string) => ({ path: container[name]?.httpGet?.path, port: containerPort(container, container[name]?.httpGet?.port) });
        expect({ app: deployment.metadata.name, readiness: probe('readinessProbe'), liveness: probe('livenessProbe') }).toEqual({
          app: deployment.metadata.name,
          readiness: { path: '/health/ready', port },
          liveness: { path: '/health', port },
        });
      }
    }
  });

  it('routes one host to each of the four services, each backend an existing Service and port', () => {
    const [ingress] = ofKind('Ingress');
    const backends = ingress!.spec.rules.flatMap((rule: any) => rule.http.paths.map((path: any) => ({ host: rule.host, ...path.backend.service })));
    expect(backends.map((backend: any) => backend.name).sort()).toEqual([...APPS].sort());
    for (const backend of backends) {
      const service = named('Service', backend.name);
      const port = service?.spec.ports.find((candidate: any) => candidate.name === backend.port.name || candidate.port === backend.port.number);
      expect({ backend: backend.name, port: Boolean(port) }).toEqual({ backend: backend.name, port: true });
    }
  });

  // What the namespace's `restricted` Pod Security Standard admits, and resources besides.
  it('runs every container as a non-root user without privileges, with resources requested and memory limited', () => {
    expect(ofKind('Namespace')[0]!.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
    for (const workload of [...ofKind('Deployment'), ...ofKind('Job')]) {
      const pod = podSpecOf(workload);
      expect({ workload: workload.metadata.name, runAsNonRoot: pod.securityContext?.runAsNonRoot, root: pod.securityContext?.runAsUser === 0, seccomp: pod.securityContext?.seccompProfile?.type }).toEqual({
        workload: workload.metadata.name,
        runAsNonRoot: true,
        root: false,
        seccomp: 'RuntimeDefault',
      });
      for (const container of containersOf(workload)) {
        expect({ container: container.name, ...container.securityContext, resources: container.resources }).toMatchObject({
          container: container.name,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          resources: { requests: { cpu: expect.any(String), memory: expect.any(String) }, limits: { memory: expect.any(String) } },
        });
      }
    }
  });

  it('takes every secret from a Secret key that exists, and commits placeholders only', () => {
    const secretKeys = new Set(ofKind('Secret').flatMap((secret) => Object.keys(secret.stringData ?? {}).map((key) => `${secret.metadata.name}/${key}`)));
    for (const secret of ofKind('Secret')) {
      expect(secret.data).toBeUndefined();
      for (const value of Object.values<string>(secret.stringData)) expect(value).toContain('CHANGE-ME');
    }
    for (const workload of [...ofKind('Deployment'), ...ofKind('Job')]) {
      for (const variable of containersOf(workload).flatMap(environmentOf)) {
        const reference = variable.valueFrom?.secretKeyRef;
        if (reference) expect(`${workload.metadata.name} ${variable.name}: ${reference.name}/${reference.key}`).toBe(`${workload.metadata.name} ${variable.name}: ${[...secretKeys].find((key) => key === `${reference.name}/${reference.key}`)}`);
      }
    }
  });

  it('runs images the kustomization names, and a database-setup script the auth image contains', () => {
    const images = new Set((kustomization.images ?? []).map((image) => image.name));
    for (const workload of [...ofKind('Deployment'), ...ofKind('Job')]) {
      for (const container of containersOf(workload)) expect(images.has(container.image)).toBe(true);
    }
    const [, script] = containersOf(named('Job', 'database-setup')!)[0]!.command;
    expect(existsSync(join(repositoryRoot, posix.relative('/repo', script)))).toBe(true);
  });

  it("registers helpdesk's client, in helpdesk-client, with the id and secret helpdesk presents, in auth's database", () => {
    const helpdesk = containersOf(named('Deployment', 'helpdesk')!)[0]!;
    const job = containersOf(named('Job', 'helpdesk-client')!)[0]!;
    const reference = (container: Record<string, any>, name: string) => environmentOf(container).find((variable) => variable.name === name)?.valueFrom?.secretKeyRef;
    const [, script, ...args] = job.command as string[];
    expect(existsSync(join(repositoryRoot, posix.relative('/repo', script!)))).toBe(true);
    expect(args.slice(0, 3)).toEqual(['ensure', '--client-id', valueOf(helpdesk, 'HELPDESK_CLIENT_ID')]);
    expect(reference(job, 'CLIENT_SECRET')).toEqual(reference(helpdesk, 'HELPDESK_CLIENT_SECRET'));
    expect(reference(job, 'DATABASE_URL')).toEqual(reference(containersOf(named('Deployment', 'auth')!)[0]!, 'DATABASE_URL'));
    expect(new URL(valueOf(helpdesk, 'SHOP_URL')!).host).toBe(`shop:${named('Service', 'shop')!.spec.ports[0].port}`);
  });

  it('provisions, in database-setup, every database URL a service is given', () => {
    const setup = containersOf(named('Job', 'database-setup')!)[0]!;
    const provisioned = valueOf(setup, 'SERVICE_DATABASE_URLS')!
      .split(',')
      .map((reference) => environmentOf(setup).find((variable) => `$(${variable.name})` === reference)?.valueFrom?.secretKeyRef);
    for (const app of APPS) {
      const given = environmentOf(containersOf(named('Deployment', app)!)[0]!).find((variable) => variable.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef;
      expect(provisioned).toContainEqual(given);
    }
  });
});

describe('deploy/k8s beside docker-compose.yml', () => {
  let compose: Record<string, ComposeService>;
  beforeAll(async () => {
    compose = activeServices(await readComposeDocument());
  });
  const composeServiceOf = (app: string) => Object.values(compose).find((service) => appOf(service) === app && service.environment?.PORT)!;

  it('gives each app every variable compose gives it, on the same port', () => {
    for (const app of APPS) {
      const container = containersOf(named('Deployment', app)!)[0]!;
      const composeVariables = Object.keys(composeServiceOf(app).environment ?? {}).filter((name) => !COMPOSE_ONLY.includes(name));
      const missing = composeVariables.filter((name) => !environmentOf(container).some((variable) => variable.name === name));
      expect({ app, missing, port: valueOf(container, 'PORT') }).toEqual({ app, missing: [], port: String(composeServiceOf(app).environment!.PORT) });
    }
  });

  it("points the resource services at auth's Service for keys, and at the issuer auth signs with, which the Ingress serves", () => {
    const auth = containersOf(named('Deployment', 'auth')!)[0]!;
    const issuer = new URL(valueOf(auth, 'ISSUER')!);
    const authService = named('Service', 'auth')!;
    for (const app of RESOURCE_APPS) {
      const container = containersOf(named('Deployment', app)!)[0]!;
      const authUrl = new URL(valueOf(container, 'AUTH_URL')!);
      expect({ app, host: authUrl.hostname, port: Number(authUrl.port) }).toEqual({ app, host: authService.metadata.name, port: authService.spec.ports[0].port });
      expect({ app, issuer: valueOf(container, 'AUTH_ISSUER') }).toEqual({ app, issuer: issuer.origin });
    }
    const route = ofKind('Ingress')[0]!.spec.rules.find((rule: any) => rule.host === issuer.hostname);
    expect(route?.http.paths[0].backend.service.name).toBe('auth');
  });
});
