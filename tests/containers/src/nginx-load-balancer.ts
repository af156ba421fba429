import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repositoryRoot } from './repository.js';

export const SCALE_OUT_TEMPLATE = join(repositoryRoot, 'deploy', 'nginx', 'shop-scale-out.conf.template');

export function nginxAvailable(): boolean {
  try {
    execFileSync('nginx', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The template rendered as the official nginx image does it (envsubst with only the variables
 * that are set, so nginx's own `$upstream_addr` and friends stay as they are).
 */
export function renderTemplate(template: string, variables: Record<string, string>): string {
  return template.replace(/\$\{([A-Z_]+)\}/g, (whole, name: string) => variables[name] ?? whole);
}

/** nginx.conf under `prefix` with the rendered site, every path inside the prefix; returns its path. */
export async function writeNginxConfig(prefix: string, variables: Record<string, string>): Promise<string> {
  await mkdir(join(prefix, 'temp'), { recursive: true });
  await writeFile(join(prefix, 'site.conf'), renderTemplate(await readFile(SCALE_OUT_TEMPLATE, 'utf8'), variables));
  const config = join(prefix, 'nginx.conf');
  await writeFile(
    config,
    [
      'daemon off;',
      'worker_processes 1;',
      `pid ${join(prefix, 'nginx.pid')};`,
      'error_log stderr warn;',
      'events {}',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${join(prefix, 'temp', kind)};`),
      `  include ${join(prefix, 'site.conf')};`,
      '}',
    ].join('\n'),
  );
  return config;
}
