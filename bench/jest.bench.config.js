// Jest config of `npm run bench` (bench/run.js starts one Jest process per measurement).
// Not picked up by `npm test`: the main jest.config.js only looks under test/.
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';

/** @type {import('jest').Config} */
module.exports = {
	rootDir: '..',
	testEnvironment: 'node',
	roots: ['<rootDir>/bench'],
	testMatch: ['<rootDir>/bench/**/*.bench.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/bench/tsconfig.json' }],
	},
	testTimeout: 40 * 60 * 1000,
	verbose: true,
};
