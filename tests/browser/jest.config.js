import base from '../../jest.base.js';

// One stack and one Chromium per test file; files run one at a time.
export default { ...base, maxWorkers: 1, testTimeout: 60_000 };
