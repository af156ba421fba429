import { execFileSync } from 'node:child_process';

/**
 * Whether Debian's `docker-compose` is on PATH. CI installs it (.ci/run), so there a missing tool
 * is a failure; elsewhere the spec says in the output that it did not run, and why.
 */
export function dockerComposeAvailable(): boolean {
  try {
    execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const runningInCi = process.env.CI === 'true';
