// `npm test`: every workspace's tests through turbo (after the builds they need), then one line
// with the totals, read from what scripts/test-summary-reporter.js recorded. Exits as turbo did.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESULTS_DIR_VARIABLE } from './test-summary-reporter.js';

// A directory of this run's own, so that jest runs started elsewhere at the same time count nothing.
const resultsDir = mkdtempSync(join(tmpdir(), 'sso-test-summary-'));
const turbo = spawnSync('npx', ['turbo', 'run', 'test', '--concurrency=1', '--continue', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', [RESULTS_DIR_VARIABLE]: resultsDir },
});

const runs = readdirSync(resultsDir).map((name) => JSON.parse(readFileSync(join(resultsDir, name), 'utf8')));
rmSync(resultsDir, { recursive: true, force: true });
const sum = (field) => runs.reduce((total, run) => total + run[field], 0);
const failures = sum('failedTests') + sum('brokenSuites');
const skipped = sum('skippedTests') > 0 ? `, ${sum('skippedTests')} skipped` : '';
console.log(
  `\nnpm test: ${sum('suites')} suites in ${runs.length} workspaces, ${sum('tests')} tests, ${failures} failures${skipped}` +
    (turbo.status === 0 ? '.' : ` (turbo exited with ${turbo.status ?? turbo.signal}).`),
);
process.exit(turbo.status ?? 1);
