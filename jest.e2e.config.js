/**
 * Real-n8n end-to-end tests (`npm run test:e2e` runs them through scripts/e2e/run-e2e.js).
 * One n8n at a time: each test file starts its own instance, and the machine has 2 cores.
 * @type {import('jest').Config}
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	maxWorkers: 1,
	testTimeout: 180000,
	slowTestThreshold: 60,
	reporters: ['default', ['<rootDir>/scripts/jest/summaryReporter.js', { label: 'e2e' }]],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
};
