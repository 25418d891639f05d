'use strict';

const { spawnSync } = require('node:child_process');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Runs a command of this repository's node_modules/.bin with its output passed through, and returns
 * its exit code.
 * @param {string} bin
 * @param {string[]} args
 */
function runBin(bin, args) {
	const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', bin), args, { cwd: ROOT, stdio: 'inherit' });
	if (result.error) throw result.error;
	return result.status ?? 1;
}

/**
 * Runs the steps in order, stops at the first that fails, and ends with one line:
 * `<label>: passed (<what>, 4.2 s)` or `<label>: FAILED at <step> (exit code 2)`.
 * @param {string} label
 * @param {Array<{ name: string, run: () => number }>} steps
 * @param {() => string} describe  what was done, for the line of a passing run
 */
function runSteps(label, steps, describe) {
	const started = Date.now();
	for (const step of steps) {
		const code = step.run();
		if (code !== 0) {
			process.stdout.write(`${label}: FAILED at ${step.name} (exit code ${code})\n`);
			return code;
		}
	}
	process.stdout.write(`${label}: passed (${describe()}, ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
	return 0;
}

module.exports = { ROOT, runBin, runSteps };
