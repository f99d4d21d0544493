// n8n-core's logger prints node errors to the console; tests assert on them instead.
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';

/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
		// .github/workflows/*.yml, imported by tests as text.
		'\\.yml$': '<rootDir>/test/support/textTransform.cjs',
	},
	moduleFileExtensions: ['js', 'mjs', 'cjs', 'jsx', 'ts', 'tsx', 'json', 'node', 'yml'],
	// Jest's default leaves one core to itself: on 2 cores that is one worker and twice the time.
	maxWorkers: '100%',
	testTimeout: 60000,
	verbose: true,
};
