#!/usr/bin/env node
// bench/reconcile: the Duo node's Reconcile on the standard mix's directory (10,000 users, 500 groups by default):
// the mix's final Okta directory as IdP Directory items, against the mix's starting Duo account, through the real
// node on n8n-core's execution contexts, against a fake Duo capped at R requests/second.
// Reports total calls against the minimum (one paged user listing + one group listing + one write per needed change,
// counted from the workload itself), wall time against (minimum calls / R), and peak heap and RSS growth.
// Bars: calls ≤ 1.1× the minimum, wall ≤ 1.3× the rate bound, memory growth ≤ 256 MB.
//   node bench/reconcile.js [--users 10000] [--rate 50]
'use strict';
require('../scripts/lib/register-ts');
const { performance } = require('node:perf_hooks');
const { generateMix, numberArg, writeResult } = require('./lib');
const { IKEY, SKEY } = require('./mixRun');
const { startFakeDuo } = require('../sandbox/duo/server');
const { executeNode } = require('../test/harness/engine.ts');
const { DuoSecurity } = require('../nodes/DuoSecurity/DuoSecurity.node.ts');
const { DuoAdminApi } = require('../credentials/DuoAdminApi.credentials.ts');
const { identityUserFromOkta } = require('../nodes/IdpEventTrigger/providers/okta/okta.enrich.ts');

const USERS = numberArg('users', 10000);
const RATE = numberArg('rate', 50);
const TENANT = 'example.okta.com';
const USERS_PAGE = 300;
const GROUPS_PAGE = 100;

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

/** The fewest calls a reconcile can make: the listings, and one write per change the workload needs. */
function minimum(mix, items) {
	const duoByName = new Map(mix.duo.users.map((u) => [u.username.toLowerCase(), u]));
	const groupName = new Map(mix.duo.groups.map((g) => [g.group_id, g.name]));
	const managed = new Set(items.flatMap((item) => item.json.user.groups.map((g) => g.name)));
	let writes = 0;
	for (const { json } of items) {
		const user = json.user;
		const wanted = new Set(user.groups.map((g) => g.name));
		const duo = duoByName.get(user.login.toLowerCase());
		if (!duo) {
			writes += 1 + wanted.size;
			continue;
		}
		const status = user.status === 'active' ? 'active' : 'disabled';
		if (duo.alias1 !== `idp:okta:${TENANT}/${user.id}` || duo.lastname !== user.familyName || duo.email !== user.email || duo.status !== status) writes += 1;
		const has = new Set(duo.groups.map((id) => groupName.get(id)));
		for (const name of wanted) if (!has.has(name)) writes += 1;
		for (const name of has) if (managed.has(name) && !wanted.has(name)) writes += 1;
	}
	const listing = Math.ceil(mix.duo.users.length / USERS_PAGE) + Math.ceil(mix.duo.groups.length / GROUPS_PAGE);
	return { calls: listing + writes, writes, listing };
}

(async () => {
	process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
	const mix = generateMix({ users: USERS });
	const items = directoryItems(mix);
	const min = minimum(mix, items);
	const duo = await startFakeDuo({ ikey: IKEY, skey: SKEY, seed: mix.duo, rateLimit: { perSecond: RATE, mode: 'delay' } });
	global.gc?.();
	const base = process.memoryUsage();
	let peak = { rss: base.rss, heapUsed: base.heapUsed };
	const sampler = setInterval(() => {
		const now = process.memoryUsage();
		peak = { rss: Math.max(peak.rss, now.rss), heapUsed: Math.max(peak.heapUsed, now.heapUsed) };
	}, 200);
	const started = performance.now();
	let summary;
	try {
		const [out] = await executeNode({
			node: new DuoSecurity(),
			parameters: {
				resource: 'directory',
				operation: 'reconcile',
				dryRun: false,
				usernameSource: 'login',
				options: { maxRequestsPerSecond: 0, allowLargeRemovals: true, retryBaseDelayMs: 200 },
			},
			items,
			credentials: { duoAdminApi: { integrationKey: IKEY, secretKey: SKEY, apiHostname: duo.url } },
			credentialTypes: [new DuoAdminApi()],
		});
		summary = out[0].json;
	} finally {
		clearInterval(sampler);
	}
	const seconds = (performance.now() - started) / 1000;
	const counts = duo.counts();
	await duo.close();
	const mb = (bytes) => Math.round(bytes / 1024 / 1024);
	const result = {
		params: { users: mix.duo.users.length, directoryUsers: items.length, groups: mix.duo.groups.length, rateLimitPerSecond: RATE },
		minimum: min,
		calls: counts.total,
		reads: counts.reads,
		writes: counts.writes,
		callsOverMinimum: Number((counts.total / min.calls).toFixed(3)),
		wallSeconds: Number(seconds.toFixed(1)),
		rateBoundSeconds: Number((min.calls / RATE).toFixed(1)),
		wallOverRateBound: Number((seconds / (min.calls / RATE)).toFixed(3)),
		peakGrowthMB: { rss: mb(peak.rss - base.rss), heap: mb(peak.heapUsed - base.heapUsed) },
		summary,
		bars: { callsOverMinimum: 1.1, wallOverRateBound: 1.3, peakGrowthMB: 256 },
	};
	const file = writeResult('reconcile', result);
	console.log(
		`reconcile of ${items.length} directory users into ${mix.duo.users.length} Duo users: ${counts.total} calls (${counts.reads} reads, ${counts.writes} writes) = ${result.callsOverMinimum}× the minimum of ${min.calls}; ${result.wallSeconds} s = ${result.wallOverRateBound}× the rate bound of ${result.rateBoundSeconds} s at ${RATE}/s; peak growth RSS ${result.peakGrowthMB.rss} MB, heap ${result.peakGrowthMB.heap} MB → ${file}`,
	);
	const ok = result.callsOverMinimum <= 1.1 && result.wallOverRateBound <= 1.3 && Math.max(result.peakGrowthMB.rss, result.peakGrowthMB.heap) <= 256;
	if (!ok) process.exitCode = 1;
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
