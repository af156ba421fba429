// deploy/k8s read as `kubectl apply -k` would send it: every document of every file the
// kustomization lists, with the kustomization's namespace and images applied.
import { Namespace, Secret, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { repositoryRoot } from './repository.js';

export const K8S_DIR = join(repositoryRoot, 'deploy', 'k8s');

/** A manifest as parsed, typed loosely: the checks read the fields they need. */
export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> } } & Record<string, any>;

export interface Kustomization {
  namespace?: string;
  resources: string[];
  images?: Array<{ name: string; newName?: string; newTag?: string }>;
}

/** The models of the kinds deploy/k8s uses; `validate()` checks a manifest against the Kubernetes OpenAPI schema of its kind. */
const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

export async function readKustomization(): Promise<Kustomization> {
  return parse(await readFile(join(K8S_DIR, 'kustomization.yaml'), 'utf8')) as Kustomization;
}

/** The YAML files in deploy/k8s besides the kustomization itself. */
export async function manifestFiles(): Promise<string[]> {
  return (await readdir(K8S_DIR)).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml').sort();
}

/** Every document of the files the kustomization lists, in order, each with the file it came from. */
export async function readManifests(kustomization: Kustomization): Promise<Array<{ file: string; manifest: Manifest }>> {
  const all = [];
  for (const file of kustomization.resources) {
    for (const document of parseAllDocuments(await readFile(join(K8S_DIR, file), 'utf8'))) {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]!.message}`);
      all.push({ file, manifest: document.toJS() as Manifest });
    }
  }
  return all;
}

/** Throws the schema's complaint, prefixed with the manifest's kind and name; or says which kind has no model here. */
export function validateAgainstSchema(manifest: Manifest): void {
  const Model = MODELS[`${manifest.apiVersion}/${manifest.kind}`];
  if (!Model) throw new Error(`${manifest.kind} ${manifest.metadata?.name}: no schema for ${manifest.apiVersion} ${manifest.kind} here`);
  try {
    new Model(manifest).validate();
  } catch (error) {
    throw new Error(`${manifest.kind} ${manifest.metadata.name}: ${(error as Error).message}`);
  }
}

/** The pod template of a Deployment or a Job. */
export function podSpecOf(manifest: Manifest): Record<string, any> {
  return manifest.spec.template.spec;
}
