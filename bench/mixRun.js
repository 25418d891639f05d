// Runs the standard Okta → Duo mix through the real IdP Event Trigger and the real Duo node, on n8n-core's
// execution contexts with n8n's HTTP helpers, one execution per delivery: shared by bench/duo-calls.js and
// the reliability suite.
'use strict';
require('../scripts/lib/register-ts');
const { runWebhook, executeNode } = require('../test/harness/engine.ts');
const { IdpEventTrigger } = require('../nodes/IdpEventTrigger/IdpEventTrigger.node.ts');
const { DuoSecurity } = require('../nodes/DuoSecurity/DuoSecurity.node.ts');
const { OktaIdpApi } = require('../credentials/OktaIdpApi.credentials.ts');
const { DuoAdminApi } = require('../credentials/DuoAdminApi.credentials.ts');
const { IDENTITY_EVENT_TYPES } = require('../nodes/shared/model/index.ts');

const SECRET = 'bench-hook-secret';
const OKTA_TOKEN = 'bench-okta-token';
const IKEY = 'DIBENCHBENCHBENCH001';
const SKEY = 'bench-secret-key-0123456789abcdefghijklmn';

/** The workload's Okta directory (its state after the stream), as the fake Okta serves it. */
function oktaDirectory(mix) {
	return { apiToken: OKTA_TOKEN, users: mix.okta.users, groups: mix.okta.groups.map((g) => ({ id: g.id, name: g.name })), memberships: mix.okta.memberships };
}

/** Compares the fake Duo's state with the workload's expected end state; returns one line per difference. */
function checkEndState(duo, expected) {
	const snapshot = duo.snapshot();
	const groupName = new Map(snapshot.groups.map((g) => [g.group_id, g.name]));
	const byUsername = new Map(snapshot.users.map((u) => [u.username, u]));
	const problems = [];
	for (const [username, want] of Object.entries(expected.duoUsers)) {
		const user = byUsername.get(username);
		if (!user) { problems.push(`${username}: missing`); continue; }
		const groups = user.groups.map((id) => groupName.get(id)).sort();
		if (user.status !== want.status) problems.push(`${username}: status ${user.status} ≠ ${want.status}`);
		if (user.email !== want.email) problems.push(`${username}: email ${user.email} ≠ ${want.email}`);
		if (user.lastname !== want.lastname) problems.push(`${username}: lastname ${user.lastname} ≠ ${want.lastname}`);
		if (JSON.stringify(groups) !== JSON.stringify(want.groups)) problems.push(`${username}: groups ${groups} ≠ ${want.groups}`);
		if (want.devicesRemoved && user.phones.length + user.tokens.length + user.webauthn.length > 0) problems.push(`${username}: devices not removed`);
	}
	for (const username of expected.deleted) if (byUsername.has(username)) problems.push(`${username}: not deleted`);
	return problems;
}

/** One IdP delivery through the real trigger (verify, parse, normalize, dedupe, enrich): the items it emits. */
async function throughTrigger(okta, delivery, staticData, options = {}) {
	const received = await runWebhook({
		node: new IdpEventTrigger(), staticData,
		parameters: { provider: 'okta', registration: 'manual', events: [...IDENTITY_EVENT_TYPES], options },
		credentials: { oktaIdpApi: { orgUrl: okta.url, apiToken: OKTA_TOKEN, eventHookSecret: SECRET } },
		credentialTypes: [new OktaIdpApi()], webhookName: 'default',
		request: { method: 'POST', headers: { authorization: SECRET, 'content-type': 'application/json' }, body: JSON.stringify(delivery) },
	});
	return received.workflowData?.[0] ?? [];
}

/**
 * The Duo node's Apply on one execution's items; the mix resets Duo on every Okta MFA reset (its factors are
 * Okta's own), so Reset On is "Any MFA Reset". Returns the output JSON.
 */
async function applyToDuo(duo, items, options = {}) {
	const [out] = await executeNode({
		node: new DuoSecurity(),
		parameters: { resource: 'identityEvent', operation: 'apply', usernameSource: 'login', options: { createMissingGroups: true, resetOn: 'anyReset', ...options } },
		items,
		credentials: { duoAdminApi: { integrationKey: IKEY, secretKey: SKEY, apiHostname: duo.url } },
		credentialTypes: [new DuoAdminApi()],
	});
	return out.map((item) => item.json);
}

module.exports = { IKEY, SKEY, oktaDirectory, checkEndState, throughTrigger, applyToDuo };
