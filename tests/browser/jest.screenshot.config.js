import config from './jest.config.js';

// `npm run screenshot`: not a test, the README's picture of the page, taken the way the tests drive it.
export default { ...config, testMatch: ['<rootDir>/src/readme-screenshot.task.ts'] };
