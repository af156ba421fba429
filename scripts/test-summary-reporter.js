// A jest reporter that records each workspace's totals, for the one summary line `npm test` ends
// with (scripts/test.js): turbo runs one jest per workspace and prints no overall total itself.
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Set by scripts/test.js to a fresh directory; a jest run without it (one workspace, by hand) records nothing. */
export const RESULTS_DIR_VARIABLE = 'TEST_SUMMARY_DIR';

export default class TestSummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const resultsDir = process.env[RESULTS_DIR_VARIABLE];
    if (!resultsDir) return;
    const totals = {
      workspace: this.rootDir,
      suites: results.numTotalTestSuites,
      /** Files that could not run at all (a syntax error, a failing import): no test of theirs counts. */
      brokenSuites: results.numRuntimeErrorTestSuites,
      tests: results.numTotalTests,
      failedTests: results.numFailedTests,
      skippedTests: results.numPendingTests + results.numTodoTests,
    };
    writeFileSync(join(resultsDir, `${basename(this.rootDir)}-${process.pid}.json`), JSON.stringify(totals));
  }
}
