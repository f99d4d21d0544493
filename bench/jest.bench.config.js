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
	// n8n's HTTP Request node (loaded from the e2e n8n install, see system.js) must run on this
	// repository's n8n-workflow and n8n-core, the same module instances as the Hex node.
	moduleNameMapper: {
		'^n8n-workflow$': '<rootDir>/node_modules/n8n-workflow',
		'^n8n-core$': '<rootDir>/node_modules/n8n-core',
	},
	testTimeout: 40 * 60 * 1000,
	verbose: true,
};
