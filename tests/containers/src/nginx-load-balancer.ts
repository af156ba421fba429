import { execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
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
export async function writeNginxConfig(prefix: string, variables: Record<string, string>, template = SCALE_OUT_TEMPLATE): Promise<string> {
  await mkdir(join(prefix, 'temp'), { recursive: true });
  await writeFile(join(prefix, 'site.conf'), renderTemplate(await readFile(template, 'utf8'), variables));
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

export interface NginxProcess {
  /** SIGQUIT (nginx's graceful shutdown), SIGKILL if it has not exited after 10 s; waits for the exit. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Debian's nginx in the foreground (`daemon off;` in the config) as our own child process, resolved
 * once `port` accepts connections. Rejects, with what nginx printed, if it exits first.
 */
export async function startNginx(prefix: string, config: string, port: number, logFile: string): Promise<NginxProcess> {
  const output = openSync(logFile, 'a');
  const child = spawn('nginx', ['-e', 'stderr', '-p', prefix, '-c', config], { stdio: ['ignore', output, output] });
  closeSync(output);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping: Promise<void> | undefined;
  const nginx: NginxProcess = {
    stop() {
      stopping ??= (async () => {
        child.kill('SIGQUIT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (gone || Date.now() > deadline) {
      await nginx.stop();
      throw new Error(`nginx did not listen on port ${port}: ${(await readFile(logFile, 'utf8')).trim()}`);
    }
    await sleep(100);
  }
  return nginx;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
