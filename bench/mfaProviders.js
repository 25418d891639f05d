// The standard Okta → Duo mix mapped to the other MFA providers: each provider's starting state (from the mix's
// Duo state: same users, groups and devices), its node's Apply on one execution's items, the end state it must
// reach, and the lower bound on API calls its API allows for the mix. Used by bench/mfa-calls.js; the starting
// states and credentials also by bench/reconcile.js.
'use strict';
require('../scripts/lib/register-ts');
const { executeNode } = require('../test/harness/engine.ts');
const { PingOneMfa } = require('../nodes/PingOneMfa/PingOneMfa.node.ts');
const { RsaSecurId } = require('../nodes/RsaSecurId/RsaSecurId.node.ts');
const { PingOneMfaApi } = require('../credentials/PingOneMfaApi.credentials.ts');
const { RsaSecurIdApi } = require('../credentials/RsaSecurIdApi.credentials.ts');
const { startFakePingOne } = require('../sandbox/pingone/server');
const { startFakeRsa } = require('../sandbox/rsa/server');

/** The mix resets the MFA provider on every Okta MFA reset (its factors are Okta's own): Reset On "Any MFA Reset". */
const APPLY = { resource: 'identityEvent', operation: 'apply' };
const stores = new WeakMap();

async function apply(node, credentialType, credentials, parameters, items) {
	const [out] = await executeNode({ node, parameters: { ...APPLY, ...parameters }, items, credentials, credentialTypes: [credentialType] });
	return out.map((item) => item.json);
}

/** Per delivery: the users each kind of event names, the first event of each user, and the resets (coalesced per user). */
function deliveryFacts(delivery) {
	const users = new Set();
	const membershipUsers = new Set();
	const membershipGroups = new Set();
	const createdHere = new Set();
	const resets = new Set();
	for (const event of delivery.data.events) {
		const user = event.target.find((target) => target.type === 'User');
		const group = event.target.find((target) => target.type === 'UserGroup');
		if (!user) continue;
		if (event.eventType === 'user.lifecycle.create') createdHere.add(user.id);
		if (event.eventType.startsWith('group.user_membership.')) {
			membershipUsers.add(user.id);
			membershipGroups.add(group.id);
		} else {
			users.add(user.id);
		}
		if (event.eventType === 'user.mfa.factor.deactivate') resets.add(user.id);
	}
	return { users, membershipUsers, membershipGroups, createdHere, resets };
}

/** The PingOne credential for a fake. */
const pingOneCredentials = (fake) => ({
	pingOneMfaApi: {
		environmentId: fake.environmentId,
		region: 'custom',
		authBaseUrl: fake.authBaseUrl,
		apiBaseUrl: fake.apiBaseUrl,
		clientId: fake.clientId,
		clientSecret: fake.clientSecret,
		clientAuthentication: 'basic',
	},
});

const PINGONE = {
	name: 'PingOne',
	/**
	 * The mix's Duo account as a PingOne environment: Duo's alias1 (the IdP anchor) as externalId, its status
	 * as `enabled`. `rateLimit` caps the fake's request rate.
	 */
	async start(mix, { rateLimit } = {}) {
		const groupName = new Map(mix.duo.groups.map((group) => [group.group_id, group.name]));
		return await startFakePingOne({
			rateLimit,
			seed: {
				groups: mix.duo.groups.map((group) => ({ name: group.name, description: group.desc ?? '' })),
				users: mix.duo.users.map((user) => ({
					username: user.username,
					email: user.email,
					name: { given: user.firstname, family: user.lastname, formatted: user.realname },
					...(user.alias1 ? { externalId: user.alias1 } : {}),
					enabled: user.status === 'active',
					groups: user.groups.map((id) => groupName.get(id)),
					devices: [
						...user.phones.map((phone) => ({ type: 'SMS', phone: phone.number })),
						...user.tokens.map(() => ({ type: 'TOTP' })),
						...user.webauthncredentials.map(() => ({ type: 'FIDO2' })),
					],
				})),
			},
		});
	},
	/** One credential store per fake, as n8n keeps the access token the credential fetched between executions. */
	async apply(fake, items) {
		const credentials = stores.get(fake) ?? stores.set(fake, pingOneCredentials(fake)).get(fake);
		const parameters = { usernameSource: 'login', options: { createMissingGroups: true, resetOn: 'anyReset' } };
		return await apply(new PingOneMfa(), new PingOneMfaApi(), credentials, parameters, items);
	},
	/** Writes the bound does not count: the first write of the IdP user id (externalId) to a seeded user, alone. */
	extraWrites(fake) {
		const anchorOnly = fake.calls.filter(
			(call) => call.method === 'PATCH' && Object.keys(call.body ?? {}).join() === 'externalId',
		).length;
		return { anchorOnly };
	},
	checkEndState(fake, mix) {
		const snapshot = fake.snapshot();
		const byUsername = new Map(snapshot.users.map((user) => [user.username, user]));
		const problems = [];
		for (const [username, want] of Object.entries(mix.expected.duoUsers)) {
			const user = byUsername.get(username);
			if (!user) { problems.push(`${username}: missing`); continue; }
			if (user.enabled !== (want.status === 'active')) problems.push(`${username}: enabled ${user.enabled} ≠ ${want.status}`);
			if (user.email !== want.email) problems.push(`${username}: email ${user.email} ≠ ${want.email}`);
			if (user.name?.family !== want.lastname) problems.push(`${username}: family name ${user.name?.family} ≠ ${want.lastname}`);
			if (JSON.stringify(user.groups) !== JSON.stringify(want.groups)) problems.push(`${username}: groups ${user.groups} ≠ ${want.groups}`);
			if (want.devicesRemoved && user.devices.length > 0) problems.push(`${username}: devices not removed`);
		}
		for (const username of mix.expected.deleted) if (byUsername.has(username)) problems.push(`${username}: not deleted`);
		return problems;
	},
	/**
	 * Writes: those of the mix (one per event that changes something, and one per device a reset removes):
	 * PingOne needs one call for each, as Duo does. Lookups: one OR-ed user filter per delivery; the
	 * current groups of each user of a membership event that was not created in the same delivery (one
	 * read per user, or per group when fewer groups are involved); one device list per reset; one
	 * listing of every group (1000 a page).
	 */
	lowerBound(mix) {
		let userLookups = 0;
		let membershipReads = 0;
		let deviceLists = 0;
		for (const delivery of mix.deliveries) {
			const facts = deliveryFacts(delivery);
			if (facts.users.size + facts.membershipUsers.size > 0) userLookups += 1;
			const existing = [...facts.membershipUsers].filter((id) => !facts.createdHere.has(id)).length;
			membershipReads += Math.min(existing, facts.membershipGroups.size);
			deviceLists += facts.resets.size;
		}
		const groupPages = Math.ceil(mix.params.groups / 1000);
		const writes = mix.lowerBound.writes;
		return { writes, userLookups, membershipReads, deviceLists, groupPages, calls: writes + userLookups + membershipReads + deviceLists + groupPages };
	},
};

/** The RSA credential (the Administration API key file's contents) for a fake. */
const rsaCredentials = (fake) => ({
	rsaSecurIdApi: { accessId: fake.accessId, privateKey: fake.accessKey, adminRestApiUrl: fake.adminRestApiUrl },
});

const RSA = {
	name: 'RSA SecurID',
	/** The mix's Duo account as RSA users (by email) with their status; `rateLimit` caps the fake's request rate. */
	async start(mix, { rateLimit } = {}) {
		return await startFakeRsa({
			rateLimit,
			seed: {
				users: mix.duo.users.map((user) => ({
					emailAddress: user.email,
					firstName: user.firstname,
					lastName: user.lastname,
					userStatus: user.status === 'active' ? 'Enabled' : 'Disabled',
					devices: [
						...user.phones.map(() => ({ type: 'RSA_AUTHENTICATOR' })),
						...user.tokens.map(() => ({ type: 'SECURID_700', hardware: true })),
						...user.webauthncredentials.map(() => ({ type: 'FIDO' })),
					],
				})),
			},
		});
	},
	async apply(fake, items) {
		const credentials = rsaCredentials(fake);
		// The mix's Okta logins are the email addresses; a deletion Okta reports carries only the login.
		const parameters = { usernameSource: 'login', options: { resetOn: 'anyReset' } };
		return await apply(new RsaSecurId(), new RsaSecurIdApi(), credentials, parameters, items);
	},
	/** RSA keeps its identity source's profiles and has no groups: status, deletion and authenticators are checked. */
	checkEndState(fake, mix) {
		const seeded = new Set(mix.duo.users.map((user) => user.email));
		const byEmail = new Map(fake.snapshot().users.map((user) => [user.emailAddress, user]));
		const problems = [];
		for (const [username, want] of Object.entries(mix.expected.duoUsers)) {
			const user = byEmail.get(want.email);
			if (!seeded.has(want.email)) {
				if (user) problems.push(`${username}: created, though RSA takes users from its identity source`);
				continue;
			}
			if (!user) { problems.push(`${username}: missing`); continue; }
			const status = want.status === 'active' ? 'Enabled' : 'Disabled';
			if (user.userStatus !== status) problems.push(`${username}: status ${user.userStatus} ≠ ${status}`);
			if (want.devicesRemoved && user.devices.length > 0) problems.push(`${username}: devices not removed`);
		}
		for (const username of mix.expected.deleted) if (byEmail.has(username)) problems.push(`${username}: not deleted`);
		return problems;
	},
	/**
	 * RSA writes only status, deletions and authenticators: walks the events against the starting state.
	 * A deletion of an enabled user takes two writes (RSA deletes only disabled users). Lookups: one per
	 * distinct user per delivery of the events RSA can act on (the User Details API takes one email), and
	 * one device list per reset. Membership events need no call: RSA has no groups for this API key.
	 */
	lowerBound(mix) {
		const state = new Map(mix.duo.users.map((user) => [user.username, { status: 'active', devices: user.phones.length + user.tokens.length + user.webauthncredentials.length }]));
		let writes = 0;
		let lookups = 0;
		let deviceLists = 0;
		for (const delivery of mix.deliveries) {
			const facts = deliveryFacts(delivery);
			const named = new Set();
			for (const event of delivery.data.events) {
				const login = event.target.find((target) => target.type === 'User')?.alternateId;
				if (event.eventType.startsWith('group.user_membership.')) continue;
				named.add(login);
				const user = state.get(login);
				if (!user) continue;
				switch (event.eventType) {
					case 'user.lifecycle.suspend':
					case 'user.lifecycle.deactivate':
						if (user.status === 'active') writes += 1;
						user.status = 'disabled';
						break;
					case 'user.lifecycle.unsuspend':
						if (user.status !== 'active') writes += 1;
						user.status = 'active';
						break;
					case 'user.mfa.factor.deactivate':
						writes += user.devices;
						user.devices = 0;
						break;
					case 'user.lifecycle.delete.initiated':
						writes += user.status === 'active' ? 2 : 1;
						state.delete(login);
						break;
					default:
						break;
				}
			}
			lookups += named.size;
			deviceLists += facts.resets.size;
		}
		return { writes, userLookups: lookups, deviceLists, calls: writes + lookups + deviceLists };
	},
};

module.exports = { PROVIDERS: { pingone: PINGONE, rsa: RSA }, apply, pingOneCredentials, rsaCredentials };
