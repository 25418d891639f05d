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

module.exports = { METRICS_ENV, recordMetrics, readMetrics };
