import base from '../../jest.base.js';

// turbo prune, docker-compose, nginx and the services compose declares run as child processes;
// the suites that start a whole stack give their set-up more time still (compose-parity, scale-out).
export default { ...base, testTimeout: 60_000 };
