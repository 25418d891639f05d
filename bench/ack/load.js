// Open-loop load: requests leave at a fixed rate whether or not earlier ones were answered, as an IdP sends them.
'use strict';
const http = require('node:http');
const { performance } = require('node:perf_hooks');

/** Percentile `p` (0–100) of sorted numbers, nearest rank; undefined for none. */
function percentile(sorted, p) {
	if (sorted.length === 0) return undefined;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * One POST; resolves with the status (0: no answer within `timeoutMs`, or the connection failed), the
 * milliseconds until the reply's headers and body were in, and the body.
 */
function post(url, body, headers, timeoutMs) {
	const start = performance.now();
	return new Promise((resolve) => {
		let done = false;
		const finish = (status, text = '') => {
			if (done) return;
			done = true;
			resolve({ status, ms: performance.now() - start, text });
		};
		const request = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (response) => {
			const chunks = [];
			response.on('data', (chunk) => chunks.push(chunk));
			response.on('end', () => finish(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')));
			response.on('error', () => finish(0));
		});
		request.setTimeout(timeoutMs, () => {
			finish(0);
			request.destroy();
		});
		request.on('error', () => finish(0));
		request.end(body);
	});
}

/**
 * Sends `rate` requests a second for `seconds` to `url`, each body from `makeBody(i)`; waits for every
 * answer (or its timeout). Returns one record per request.
 */
async function sendAtRate({ url, rate, seconds, headers = {}, makeBody, timeoutMs }) {
	const count = Math.max(1, Math.round(rate * seconds));
	const bodies = Array.from({ length: count }, (_, i) => makeBody(i));
	const interval = 1000 / rate;
	const started = performance.now();
	const pending = [];
	for (let i = 0; i < count; i++) {
		const wait = started + i * interval - performance.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		pending.push(post(url, bodies[i], headers, timeoutMs));
	}
	const results = await Promise.all(pending);
	return { results, sendSeconds: (performance.now() - started) / 1000 };
}

/**
 * p50/p95/p99/max ack times, and how many replies were not 2xx or did not come at all. A request left
 * unanswered counts as `timeoutMs`: percentiles over the answered ones alone would flatter an overload.
 */
function ackStats(results, timeoutMs) {
	const times = results.map((r) => (r.status === 0 ? timeoutMs : r.ms)).sort((a, b) => a - b);
	const round = (v) => (v === undefined ? null : Math.round(v));
	return {
		requests: results.length,
		ok: results.filter((r) => r.status >= 200 && r.status < 300).length,
		non2xx: results.filter((r) => r.status !== 0 && (r.status < 200 || r.status >= 300)).length,
		unanswered: results.filter((r) => r.status === 0).length,
		p50: round(percentile(times, 50)),
		p95: round(percentile(times, 95)),
		p99: round(percentile(times, 99)),
		max: round(times[times.length - 1]),
	};
}

module.exports = { sendAtRate, ackStats, percentile, post };
