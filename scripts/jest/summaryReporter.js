'use strict';

const fs = require('node:fs');

/** Where run-e2e.js asks for the counts, to print the summary line after its timings. */
const SUMMARY_FILE_ENV = 'IDP_MFA_SYNC_JEST_SUMMARY';

/**
 * The counts of a jest run as one line: `unit: 812 passed, 0 failed` (`, 3 skipped` when any were).
 * @param {string} label
 * @param {{ numPassedTests: number, numFailedTests: number, numPendingTests: number, numTodoTests: number, numRuntimeErrorTestSuites: number }} results
 */
function summaryLine(label, results) {
	const skipped = results.numPendingTests + results.numTodoTests;
	const broken = results.numRuntimeErrorTestSuites > 0 ? ` (${results.numRuntimeErrorTestSuites} test files did not run)` : '';
	return `${label}: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ''}${broken}`;
}

/**
 * A jest reporter that ends the run with the summary line. Jest always runs its own summary after
 * the custom reporters, so the line is written once that is done.
 */
class SummaryReporter {
	/** @param {unknown} _globalConfig @param {{ label?: string }} [options] */
	constructor(_globalConfig, options = {}) {
		this.label = options.label ?? 'jest';
	}

	/** @param {unknown} _contexts @param {Parameters<typeof summaryLine>[1]} results */
	onRunComplete(_contexts, results) {
		const line = summaryLine(this.label, results);
		const file = process.env[SUMMARY_FILE_ENV];
		if (file) fs.writeFileSync(file, line);
		else setImmediate(() => process.stdout.write(`${line}\n`));
	}
}

module.exports = SummaryReporter;
module.exports.SUMMARY_FILE_ENV = SUMMARY_FILE_ENV;
module.exports.summaryLine = summaryLine;
