#!/usr/bin/env node
// bench/duo-calls: Duo Admin API calls per event and wall time for the standard Okta → Duo workload
// (../shared/bench/okta-duo-mix.mjs: 2,000 users, 500 groups, 5,000 events), against a fake Duo capped at
// 50 requests/second, next to a baseline in the same run that resolves groups the naive way.
//
// Ours: every delivery goes through the real IdP Event Trigger (verify, parse, normalize, coalesce, dedupe, and
// enrichment from a fake Okta serving the workload's directory) and then the real Duo Security node's
// "Apply Identity Event", both on n8n-core's execution contexts with n8n's HTTP helpers, as one execution per
// delivery. The end state is checked against the workload's expected Duo state.
//   node bench/duo-calls.js [--events 5000] [--rate 50] [--skip-baseline]
'use strict';
const { performance } = require('node:perf_hooks');
const { generateMix, numberArg, writeResult } = require('./lib');
const { createNaiveClient } = require('./baseline/naiveGroupSync');
const { startFakeOkta } = require('../sandbox/okta/server');
const { startFakeDuo } = require('../sandbox/duo/server');
const { IKEY, SKEY, applyToDuo, checkEndState, oktaDirectory, throughTrigger } = require('./mixRun');

const EVENTS = numberArg('events', 5000);
const RATE = numberArg('rate', 50);

async function runOurs(mix) {
	const okta = await startFakeOkta(oktaDirectory(mix));
	const duo = await startFakeDuo({ ikey: IKEY, skey: SKEY, seed: mix.duo, rateLimit: { perSecond: RATE, mode: 'delay' } });
	const staticData = {};
	let events = 0;
	const start = performance.now();
	try {
		for (const delivery of mix.deliveries) {
			const items = await throughTrigger(okta, delivery, staticData);
			events += delivery.data.events.length;
			if (items.length === 0) continue;
			const failed = (await applyToDuo(duo, items)).filter((json) => json.error);
			if (failed.length) throw new Error(`Duo apply failed: ${JSON.stringify(failed[0])}`);
		}
		const seconds = (performance.now() - start) / 1000;
		const counts = duo.counts();
		return { events, seconds, counts, problems: checkEndState(duo, mix.expected), oktaCalls: okta.requests.length };
	} finally {
		await okta.close();
		await duo.close();
	}
}

async function runBaseline(mix) {
	const okta = await startFakeOkta(oktaDirectory(mix));
	const duo = await startFakeDuo({ ikey: IKEY, skey: SKEY, seed: mix.duo, rateLimit: { perSecond: RATE, mode: 'delay' } });
	const client = createNaiveClient({ baseUrl: duo.url, host: duo.host, ikey: IKEY, skey: SKEY });
	const staticData = {};
	const start = performance.now();
	try {
		for (const delivery of mix.deliveries) {
			for (const item of await throughTrigger(okta, delivery, staticData)) await client.apply(item.json);
		}
		return { seconds: (performance.now() - start) / 1000, counts: duo.counts(), problems: checkEndState(duo, mix.expected) };
	} finally {
		await okta.close();
		await duo.close();
	}
}

(async () => {
	process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
	const mix = generateMix({ events: EVENTS });
	const bound = mix.lowerBound;
	console.log(`workload: ${bound.events} events in ${bound.deliveries} deliveries; lower bound ${bound.batchedCalls} calls (${bound.writes} writes + ${bound.deliveries} batched lookups + ${Math.ceil(mix.params.groups / 100)} group pages)`);
	const ours = await runOurs(mix);
	const perEvent = (calls) => Number((calls / bound.events).toFixed(3));
	console.log(`ours:     ${ours.counts.total} calls (${ours.counts.reads} reads, ${ours.counts.writes} writes) = ${perEvent(ours.counts.total)}/event, ${ours.seconds.toFixed(1)} s at ${RATE} req/s, end-state problems: ${ours.problems.length}`);
	let baseline;
	if (!process.argv.includes('--skip-baseline')) {
		baseline = await runBaseline(mix);
		console.log(`baseline: ${baseline.counts.total} calls (${baseline.counts.reads} reads, ${baseline.counts.writes} writes) = ${perEvent(baseline.counts.total)}/event, ${baseline.seconds.toFixed(1)} s at ${RATE} req/s, end-state problems: ${baseline.problems.length}`);
	}
	const result = {
		params: mix.params,
		rateLimitPerSecond: RATE,
		lowerBound: bound,
		ours: {
			calls: ours.counts.total, reads: ours.counts.reads, writes: ours.counts.writes, callsPerEvent: perEvent(ours.counts.total),
			wallSeconds: Number(ours.seconds.toFixed(1)), byRoute: ours.counts.byRoute, endStateProblems: ours.problems.slice(0, 20), endStateProblemCount: ours.problems.length,
			ratioToLowerBound: Number((ours.counts.total / bound.batchedCalls).toFixed(3)), oktaEnrichmentCalls: ours.oktaCalls,
		},
		baseline: baseline && {
			calls: baseline.counts.total, reads: baseline.counts.reads, writes: baseline.counts.writes, callsPerEvent: perEvent(baseline.counts.total),
			wallSeconds: Number(baseline.seconds.toFixed(1)), byRoute: baseline.counts.byRoute, endStateProblemCount: baseline.problems.length,
		},
		baselineOverOurs: baseline ? Number((baseline.counts.total / ours.counts.total).toFixed(2)) : undefined,
	};
	const file = writeResult('duo-calls', result);
	console.log(`ratio to lower bound ${result.ours.ratioToLowerBound}${baseline ? `; baseline makes ${result.baselineOverOurs}× our calls` : ''} → ${file}`);
	if (ours.problems.length) { console.log(ours.problems.slice(0, 10).join('\n')); process.exitCode = 1; }
})().catch((error) => { console.error(error); process.exit(1); });
