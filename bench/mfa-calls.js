#!/usr/bin/env node
// bench/mfa-calls: API calls per event for the PingOne MFA, RSA SecurID, Okta MFA, Entra ID MFA and Auth0 MFA nodes on
// the standard Okta mix (../shared/bench/okta-duo-mix.mjs: 2,000 users, 500 groups, 5,000 events, mapped to each
// provider by bench/mfaProviders.js and bench/mfaTargets.js), next to the lower bound each provider's API allows for the same work.
//
// Every delivery goes through the real IdP Event Trigger (verify, parse, normalize, coalesce, dedupe, enrichment
// from a fake Okta serving the workload's directory) and then the provider node's "Apply Identity Event", both on
// n8n-core's execution contexts with n8n's HTTP helpers, one execution per delivery, against the provider's fake.
// The end state is checked against the workload's expected state as far as the provider can hold it.
//   node bench/mfa-calls.js [--provider pingone|rsa|okta|entra|auth0] [--events 5000]   (every provider by default)
'use strict';
const { performance } = require('node:perf_hooks');
const { generateMix, numberArg, writeResult } = require('./lib');
const { startFakeOkta } = require('../sandbox/okta/server');
const { oktaDirectory, throughTrigger } = require('./mixRun');
const { PROVIDERS: OTHERS } = require('./mfaProviders');
const { TARGETS } = require('./mfaTargets');

const PROVIDERS = { ...OTHERS, ...TARGETS };

const EVENTS = numberArg('events', 5000);
const chosen = process.argv.includes('--provider') ? [process.argv[process.argv.indexOf('--provider') + 1]] : Object.keys(PROVIDERS);

async function run(provider, mix) {
	const okta = await startFakeOkta(oktaDirectory(mix));
	const fake = await provider.start(mix);
	const staticData = {};
	const actions = {};
	const start = performance.now();
	try {
		for (const delivery of mix.deliveries) {
			const items = await throughTrigger(okta, delivery, staticData);
			if (items.length === 0) continue;
			for (const json of await provider.apply(fake, items)) {
				if (json.error) throw new Error(`${provider.name} apply failed: ${JSON.stringify(json)}`);
				const reason = String(json.reason ?? '').replace(/\(as of [^)]*\)/g, '(as of …)');
				const key = json.action === 'skipped' ? `skipped: ${reason}` : json.action;
				actions[key] = (actions[key] ?? 0) + 1;
			}
		}
		return {
			seconds: (performance.now() - start) / 1000,
			counts: fake.counts(),
			actions,
			extraWrites: provider.extraWrites?.(fake),
			problems: provider.checkEndState(fake, mix),
		};
	} finally {
		await okta.close();
		await fake.close();
	}
}

(async () => {
	process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
	const mix = generateMix({ events: EVENTS });
	const events = mix.lowerBound.events;
	const perEvent = (calls) => Number((calls / events).toFixed(3));
	console.log(`workload: ${events} events in ${mix.lowerBound.deliveries} deliveries`);
	const results = {};
	for (const key of chosen) {
		const provider = PROVIDERS[key];
		if (!provider) throw new Error(`Unknown provider ${key}; use ${Object.keys(PROVIDERS).join(' or ')}`);
		const bound = provider.lowerBound(mix);
		const ours = await run(provider, mix);
		const calls = ours.counts.total - ours.counts.token;
		results[key] = {
			lowerBound: { ...bound, callsPerEvent: perEvent(bound.calls) },
			ours: {
				calls,
				reads: ours.counts.reads,
				writes: ours.counts.writes,
				tokenRequests: ours.counts.token,
				callsPerEvent: perEvent(calls),
				ratioToLowerBound: Number((calls / bound.calls).toFixed(3)),
				wallSeconds: Number(ours.seconds.toFixed(1)),
				byRoute: ours.counts.byRoute,
				...(ours.extraWrites ? { writesBeyondTheBound: ours.extraWrites } : {}),
				actions: ours.actions,
				endStateProblems: ours.problems.slice(0, 20),
				endStateProblemCount: ours.problems.length,
			},
		};
		console.log(`${provider.name}: ours ${calls} calls (${ours.counts.reads} reads, ${ours.counts.writes} writes; ${ours.counts.token} token requests besides) = ${perEvent(calls)}/event; lower bound ${bound.calls} = ${perEvent(bound.calls)}/event (${JSON.stringify(bound)}); ratio ${results[key].ours.ratioToLowerBound}; ${ours.seconds.toFixed(1)} s; end-state problems: ${ours.problems.length}`);
		if (ours.problems.length) { console.log(ours.problems.slice(0, 10).join('\n')); process.exitCode = 1; }
	}
	const file = writeResult('mfa-calls', { params: mix.params, events, deliveries: mix.lowerBound.deliveries, providers: results });
	console.log(`→ ${file}`);
})().catch((error) => { console.error(error); process.exit(1); });
