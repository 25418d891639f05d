'use strict';

const fs = require('node:fs');

/** Environment variable naming a JSON-lines file that n8n runs append their timings and memory to. */
const METRICS_ENV = 'IDP_MFA_SYNC_E2E_METRICS';

/**
 * Appends one record when METRICS_ENV is set (run-e2e.js sets it); otherwise does nothing.
 * @param {Record<string, unknown>} record
 */
function recordMetrics(record) {
	const file = process.env[METRICS_ENV];
	if (!file) return;
	fs.appendFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), ...record })}\n`);
}

/**
 * Appends one figure of the real-n8n reliability checks, printed by run-e2e.js beside its goal.
 * @param {{ check: string, measured: string, goal: string }} figure
 */
function recordReliability(figure) {
	recordMetrics({ kind: 'reliability', ...figure });
}

/**
 * @param {string} file
 * @returns {Record<string, any>[]}
 */
function readMetrics(file) {
	if (!fs.existsSync(file)) return [];
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line));
}

/**
 * Named laps of a start-up: each `lap(name)` records the milliseconds since the previous lap.
 * @returns {{ timings: Record<string, number>, lap: (name: string) => void }}
 */
function stopwatch() {
	/** @type {Record<string, number>} */
	const timings = {};
	let mark = Date.now();
	return {
		timings,
		lap(name) {
			const now = Date.now();
			timings[name] = now - mark;
			mark = now;
		},
	};
}

module.exports = { METRICS_ENV, recordMetrics, recordReliability, readMetrics, stopwatch };
