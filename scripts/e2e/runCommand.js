'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');

/**
 * Runs a command, collecting its output; rejects with that output when it exits non-zero.
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} options
 * @returns {Promise<string>}
 */
function run(command, args, options) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout?.on('data', (chunk) => (output += chunk));
		child.stderr?.on('data', (chunk) => (output += chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) resolve(output);
			else
				reject(
					new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code}\n${output}`),
				);
		});
	});
}

module.exports = { run };
