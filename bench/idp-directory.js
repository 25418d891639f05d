#!/usr/bin/env node
// bench/idp-directory: the IdP Directory node's Get Users over the standard workload's directory
// (../shared/bench/okta-duo-mix.mjs: 10,000 users, 500 groups), served by the fake Okta (its rate limits
// enforced per endpoint, 600 a minute), and the same directory in the fake Graph and the fake Auth0. For each: the
// calls made next to the fewest the provider's list APIs allow, the wall time, and a check of every user's groups.
//   node bench/idp-directory.js [--users 10000] [--groups 500]
'use strict';
require('../scripts/lib/register-ts');
const { performance } = require('node:perf_hooks');
const { generateMix, numberArg, writeResult } = require('./lib');
const { executeNode } = require('../test/harness/engine.ts');
const { IdpDirectory } = require('../nodes/IdpDirectory/IdpDirectory.node.ts');
const { OktaIdpApi } = require('../credentials/OktaIdpApi.credentials.ts');
const { Auth0IdpApi } = require('../credentials/Auth0IdpApi.credentials.ts');
const { EntraIdpApi } = require('../credentials/EntraIdpApi.credentials.ts');
const { startFakeOkta } = require('../sandbox/okta/server');
const { startFakeAuth0 } = require('../sandbox/auth0/server');
const { startFakeGraph } = require('../sandbox/graph/server');

const USERS = numberArg('users', 10000);
const GROUPS = numberArg('groups', 500);
const pages = (count, size) => Math.max(1, Math.ceil(count / size));

async function getUsers(provider, credentialType, credentials) {
	const start = performance.now();
	const [items] = await executeNode({
		node: new IdpDirectory(),
		parameters: { provider, resource: 'user', operation: 'getAll' },
		credentials: { [credentialType.name]: credentials },
		credentialTypes: [credentialType],
	});
	return { users: items.map((item) => item.json), seconds: (performance.now() - start) / 1000 };
}

/** Every user's group IDs from the node's output, checked against the workload's memberships. */
function membershipProblems(users, memberships, idOf) {
	const expected = new Map();
	for (const [groupId, userIds] of Object.entries(memberships)) for (const userId of userIds) (expected.get(userId) ?? expected.set(userId, []).get(userId)).push(idOf.group(groupId));
	const problems = [];
	for (const user of users) {
		const got = (user.user.groups ?? []).map((g) => g.id).sort().join(',');
		const want = (expected.get(idOf.reverseUser(user.user.id)) ?? []).sort().join(',');
		if (got !== want) problems.push(`${user.user.id}: groups ${got} ≠ ${want}`);
	}
	return problems;
}

function summary(name, run, requests, minimum, problems) {
	const made = requests.length;
	const least = Object.values(minimum).reduce((a, b) => a + b, 0);
	console.log(`${name.padEnd(6)} ${run.users.length} users: ${made} calls (minimum ${least}), ${run.seconds.toFixed(1)} s, membership problems: ${problems.length}`);
	return { users: run.users.length, calls: made, minimumCalls: least, minimumByRoute: minimum, wallSeconds: Number(run.seconds.toFixed(2)), membershipProblems: problems.length };
}

async function okta(mix) {
	const fake = await startFakeOkta({
		users: mix.okta.users, groups: mix.okta.groups.map((g) => ({ id: g.id, name: g.name })), memberships: mix.okta.memberships,
		rateLimit: { limit: 600, windowSeconds: 60, enforce: true },
	});
	try {
		const run = await getUsers('okta', new OktaIdpApi(), { orgUrl: fake.url, apiToken: fake.apiToken });
		const memberPages = mix.okta.groups.reduce((sum, g) => sum + pages(mix.okta.memberships[g.id]?.length ?? 0, 200), 0);
		const minimum = { users: pages(mix.okta.users.length, 200), groups: pages(mix.okta.groups.length, 200), members: memberPages };
		const problems = membershipProblems(run.users, mix.okta.memberships, { group: (id) => id, reverseUser: (id) => id });
		return summary('okta', run, fake.requests, minimum, problems);
	} finally {
		await fake.close();
	}
}

async function entra(mix) {
	const uuid = (prefix, id) => `${prefix}${Buffer.from(id).toString('hex').padEnd(32, '0').slice(0, 32)}`.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5');
	const userIds = new Map(mix.okta.users.map((u) => [u.id, uuid('', u.id)]));
	const reverse = new Map([...userIds].map(([a, b]) => [b, a]));
	const fake = await startFakeGraph({
		users: mix.okta.users.map((u) => ({ id: userIds.get(u.id), userPrincipalName: u.profile.login, givenName: u.profile.firstName, surname: u.profile.lastName, department: u.profile.department })),
		groups: mix.okta.groups.map((g) => ({ id: uuid('', g.id), displayName: g.name })),
		members: Object.fromEntries(Object.entries(mix.okta.memberships).map(([g, ids]) => [uuid('', g), ids.map((id) => userIds.get(id))])),
	});
	try {
		const run = await getUsers('entra', new EntraIdpApi(), { tenantId: fake.tenantId, clientId: fake.clientId, clientSecret: fake.clientSecret, graphBaseUrl: fake.graphUrl, loginBaseUrl: fake.loginUrl });
		const memberPages = mix.okta.groups.reduce((sum, g) => { const n = mix.okta.memberships[g.id]?.length ?? 0; return sum + (n >= 20 ? pages(n, 999) : 0); }, 0);
		const minimum = { token: 1, users: pages(mix.okta.users.length, 999), groupsWithFirst20Members: pages(mix.okta.groups.length, 100), membersOfGroupsOf20OrMore: memberPages };
		const problems = membershipProblems(run.users, mix.okta.memberships, { group: (id) => uuid('', id), reverseUser: (id) => reverse.get(id) });
		return summary('entra', run, fake.requests, minimum, problems);
	} finally {
		await fake.close();
	}
}

async function auth0(mix) {
	const userRoles = {};
	for (const [groupId, ids] of Object.entries(mix.okta.memberships)) for (const id of ids) (userRoles[`auth0|${id}`] ??= []).push(`rol_${groupId}`);
	const fake = await startFakeAuth0({
		users: mix.okta.users.map((u) => ({ user_id: `auth0|${u.id}`, email: u.profile.email, given_name: u.profile.firstName, family_name: u.profile.lastName })),
		roles: mix.okta.groups.map((g) => ({ id: `rol_${g.id}`, name: g.name })),
		userRoles,
		exportPollsUntilDone: 2,
	});
	try {
		const run = await getUsers('auth0', new Auth0IdpApi(), { domain: fake.domain, clientId: fake.clientId, clientSecret: fake.clientSecret });
		const roleUserPages = mix.okta.groups.reduce((sum, g) => sum + pages(mix.okta.memberships[g.id]?.length ?? 0, 100), 0);
		const minimum = { token: 1, roles: pages(mix.okta.groups.length, 100), roleUsers: roleUserPages, firstUsersPage: 1, exportJob: 1, exportPolls: 2, download: 1 };
		const problems = membershipProblems(run.users, mix.okta.memberships, { group: (id) => `rol_${id}`, reverseUser: (id) => id.replace(/^auth0\|/, '') });
		return summary('auth0', run, fake.requests, minimum, problems);
	} finally {
		await fake.close();
	}
}

(async () => {
	process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
	const mix = generateMix({ users: USERS, groups: GROUPS, events: 0 });
	const memberships = Object.values(mix.okta.memberships).reduce((sum, ids) => sum + ids.length, 0);
	console.log(`directory: ${mix.okta.users.length} users, ${mix.okta.groups.length} groups, ${memberships} memberships`);
	const result = { params: mix.params, memberships, okta: await okta(mix), entra: await entra(mix), auth0: await auth0(mix) };
	result.naivePerUserGroupCalls = mix.okta.users.length;
	const file = writeResult('idp-directory', result);
	console.log(`→ ${file}`);
	if (['okta', 'entra', 'auth0'].some((idp) => result[idp].membershipProblems > 0 || result[idp].calls !== result[idp].minimumCalls)) process.exitCode = 1;
})().catch((error) => { console.error(error); process.exit(1); });
