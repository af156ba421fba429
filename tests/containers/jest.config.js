import base from '../../jest.base.js';

// turbo prune and docker-compose are child processes that write to temporary directories.
export default { ...base, testTimeout: 60_000 };
