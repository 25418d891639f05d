#!/usr/bin/env node
// bench/reconcile: an MFA node's Directory › Reconcile on the standard mix's directory (10,000 users, 500 groups by
// default): the mix's final Okta directory as IdP Directory items, against the mix's starting Duo account as the
// provider's starting state (bench/reconcileProviders.js), through the real node on n8n-core's execution contexts,
// against the provider's fake capped at R requests/second. Providers: duo (default), pingone, rsa; `all` runs the
// three in turn, each in a process of its own so that each measures its own memory.
// Reports calls against the provider's minimum (the listings its API allows + one write per needed change, counted
// from the workload itself; token requests apart), wall time against (minimum calls / R), peak heap and RSS growth,
// and the end state checked against the directory as far as the provider can hold it.
// Bars: calls ≤ 1.1× the minimum, wall ≤ 1.3× the rate bound, memory growth ≤ 256 MB, no end-state mismatch.
// Writes bench/results/reconcile-<provider>.json.
//   node bench/reconcile.js [--provider duo|pingone|rsa|all] [--users 10000] [--rate 50]
'use strict';
require('../scripts/lib/register-ts');
const { spawnSync } = require('node:child_process');
const { performance } = require('node:perf_hooks');
const { generateMix, numberArg, writeResult } = require('./lib');
const { RECONCILE_PROVIDERS } = require('./reconcileProviders');
const { identityUserFromOkta } = require('../nodes/IdpEventTrigger/providers/okta/okta.enrich.ts');
const { tenantPrefix } = require('../nodes/shared/mfa/reconcile.ts');

const USERS = numberArg('users', 10000);
const RATE = numberArg('rate', 50);
const TENANT = 'example.okta.com';
const BARS = { callsOverMinimum: 1.1, wallOverRateBound: 1.3, peakGrowthMB: 256 };
const providerArg = process.argv.includes('--provider') ? process.argv[process.argv.indexOf('--provider') + 1] : 'duo';

/** The mix's final Okta directory as the IdP Directory node emits it. */
function directoryItems(mix) {
	const groupsOf = new Map();
	for (const [groupId, members] of Object.entries(mix.okta.memberships)) {
		const group = mix.okta.groups.find((g) => g.id === groupId);
		for (const userId of members) groupsOf.set(userId, [...(groupsOf.get(userId) ?? []), { id: group.id, profile: { name: group.name } }]);
	}
	const observedAt = new Date().toISOString();
	return mix.okta.users.map((user) => ({
		json: { schemaVersion: 1, type: 'directory.user', idp: 'okta', tenant: TENANT, observedAt, user: identityUserFromOkta(user, groupsOf.get(user.id) ?? []) },
	}));
}

/** Samples the process's memory until stopped; growth is measured from the moment it starts. */
function memorySampler() {
	global.gc?.();
	const base = process.memoryUsage();
	const peak = { rss: base.rss, heapUsed: base.heapUsed };
	const timer = setInterval(() => {
		const now = process.memoryUsage();
		peak.rss = Math.max(peak.rss, now.rss);
		peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
	}, 200);
	const mb = (bytes) => Math.round(bytes / 1024 / 1024);
	return () => {
		clearInterval(timer);
		return { rss: mb(peak.rss - base.rss), heap: mb(peak.heapUsed - base.heapUsed) };
	};
}

async function run(id) {
	const provider = RECONCILE_PROVIDERS[id];
	const mix = generateMix({ users: USERS });
	const items = directoryItems(mix);
	const prefix = tenantPrefix('okta', TENANT);
	const min = provider.minimum(mix, items, prefix);
	const fake = await provider.start(mix, { perSecond: RATE, mode: 'delay' });
	let summary;
	let seconds;
	let growth;
	let counts;
	let problems;
	try {
		const stop = memorySampler();
		const started = performance.now();
		try {
			summary = await provider.reconcile(fake, items);
		} finally {
			seconds = (performance.now() - started) / 1000;
			growth = stop();
		}
		counts = provider.counts(fake);
		problems = provider.endState(fake, mix, items, prefix, summary);
	} finally {
		await fake.close();
	}
	const calls = counts.total - counts.token;
	const result = {
		provider: provider.name,
		params: { users: mix.duo.users.length, directoryUsers: items.length, groups: mix.duo.groups.length, rateLimitPerSecond: RATE },
		minimum: min,
		calls,
		reads: counts.reads,
		writes: counts.writes,
		tokenRequests: counts.token,
		byRoute: counts.byRoute,
		callsOverMinimum: Number((calls / min.calls).toFixed(3)),
		wallSeconds: Number(seconds.toFixed(1)),
		rateBoundSeconds: Number((min.calls / RATE).toFixed(1)),
		wallOverRateBound: Number((seconds / (min.calls / RATE)).toFixed(3)),
		peakGrowthMB: growth,
		endStateProblemCount: problems.length,
		endStateProblems: problems.slice(0, 20),
		summary,
		bars: BARS,
	};
	const file = writeResult(`reconcile-${id}`, result);
	console.log(
		`${provider.name} reconcile of ${items.length} directory users into ${mix.duo.users.length} users: ${calls} calls (${counts.reads} reads, ${counts.writes} writes; ${counts.token} token requests besides) = ${result.callsOverMinimum}× the minimum of ${min.calls}; ${result.wallSeconds} s = ${result.wallOverRateBound}× the rate bound of ${result.rateBoundSeconds} s at ${RATE}/s; peak growth RSS ${growth.rss} MB, heap ${growth.heap} MB; end-state mismatches: ${problems.length} → ${file}`,
	);
	if (problems.length) console.log(problems.slice(0, 10).join('\n'));
	return (
		problems.length === 0 &&
		result.callsOverMinimum <= BARS.callsOverMinimum &&
		result.wallOverRateBound <= BARS.wallOverRateBound &&
		Math.max(growth.rss, growth.heap) <= BARS.peakGrowthMB
	);
}

if (providerArg === 'all') {
	let failed = false;
	for (const id of Object.keys(RECONCILE_PROVIDERS)) {
		const args = process.argv.slice(2).map((arg, i, all) => (all[i - 1] === '--provider' ? id : arg));
		const child = spawnSync(process.execPath, [...process.execArgv, __filename, ...args], { stdio: 'inherit' });
		failed ||= child.status !== 0;
	}
	process.exitCode = failed ? 1 : 0;
} else if (!RECONCILE_PROVIDERS[providerArg]) {
	console.error(`Unknown provider ${providerArg}; use ${Object.keys(RECONCILE_PROVIDERS).join(', ')} or all`);
	process.exitCode = 2;
} else {
	process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
	run(providerArg)
		.then((ok) => {
			if (!ok) process.exitCode = 1;
		})
		.catch((error) => {
			console.error(error);
			process.exit(1);
		});
}
