// The standard Okta → Duo mix mapped to Okta, Microsoft Entra ID and Auth0 as MFA targets, as bench/mfaProviders.js
// does for PingOne and RSA: each target's starting state (the mix's Duo users, groups and devices), its node's Apply
// on one execution's items, the end state it must reach, and the lower bound its API allows. Used by bench/mfa-calls.js.
'use strict';
require('../scripts/lib/register-ts');
const { OktaMfa } = require('../nodes/OktaMfa/OktaMfa.node.ts');
const { EntraMfa } = require('../nodes/EntraMfa/EntraMfa.node.ts');
const { Auth0Mfa } = require('../nodes/Auth0Mfa/Auth0Mfa.node.ts');
const { OktaMfaApi } = require('../credentials/OktaMfaApi.credentials.ts');
const { EntraMfaApi } = require('../credentials/EntraMfaApi.credentials.ts');
const { Auth0MfaApi } = require('../credentials/Auth0MfaApi.credentials.ts');
const { startFakeOkta } = require('../sandbox/okta/server');
const { MFA_PERMISSIONS, startFakeGraph } = require('../sandbox/graph/server');
const { startFakeAuth0 } = require('../sandbox/auth0/server');
const { PROVIDERS, apply } = require('./mfaProviders');

const PARAMETERS = { usernameSource: 'login', options: { createMissingGroups: true, resetOn: 'anyReset' } };
const PHONE_TYPES = ['mobile', 'alternateMobile', 'office'];
const isToken = (path) => path.endsWith('/token');
/** A path segment that names an object (ids hold digits or a connection prefix), not an API version or word. */
const isId = (part) => !/^v\d/.test(part) && !/^[a-z][A-Za-z0-9]*Methods$/.test(part) && part !== 'oauth2' && /\d|%7C|\||@/i.test(part);

/** The fake's requests as mfa-calls.js counts them: token requests apart, reads (GET) and writes, per route. */
function countsOf(requests) {
	const byRoute = {};
	const totals = { total: requests.length, token: 0, reads: 0, writes: 0 };
	for (const { method, path } of requests) {
		const route = `${method} ${path.split('/').map((part) => (isId(part) ? '{id}' : part)).join('/')}`;
		byRoute[route] = (byRoute[route] ?? 0) + 1;
		if (isToken(path)) totals.token += 1;
		else if (method === 'GET') totals.reads += 1;
		else totals.writes += 1;
	}
	return { ...totals, byRoute };
}

/** The fake with `counts()` and its credential store (kept between executions, as n8n keeps a fetched token). */
function measured(fake, credentials) {
	return Object.assign(fake, { counts: () => countsOf(fake.requests), credentials });
}

/** Writes the bound does not count: the first write of the IdP user id to a seeded user, alone (`only` tells them). */
function anchorOnlyWrites(fake, method, only) {
	return { anchorOnly: fake.requests.filter((request) => request.method === method && request.body && only(request.body)).length };
}

const onlyKeys = (object, keys) => !!object && Object.keys(object).length > 0 && Object.keys(object).every((key) => keys.includes(key));

/** The mix's Duo groups by id → name, and each Duo user's group names. */
function groupNames(mix) {
	const byId = new Map(mix.duo.groups.map((group) => [group.group_id, group.name]));
	return (user) => user.groups.map((id) => byId.get(id));
}

/**
 * Facts of the mix the targets' bounds differ by: the devices of each user an MFA reset names (counted once,
 * as the mix counts them), the disabling writes the mix counts (suspend or deactivate of a user not yet so), and
 * the deletions.
 */
function mixFacts(mix) {
	const devicesOf = new Map(mix.duo.users.map((user) => [user.username, user]));
	const resetUsers = new Set();
	const status = new Map();
	let disables = 0;
	let deletes = 0;
	for (const delivery of mix.deliveries) {
		for (const event of delivery.data.events) {
			const login = event.target.find((target) => target.type === 'User')?.alternateId;
			const now = status.get(login) ?? 'active';
			switch (event.eventType) {
				case 'user.mfa.factor.deactivate':
					resetUsers.add(login);
					break;
				case 'user.lifecycle.suspend':
					if (now !== 'suspended') disables += 1;
					status.set(login, 'suspended');
					break;
				case 'user.lifecycle.deactivate':
					if (now !== 'deprovisioned') disables += 1;
					status.set(login, 'deprovisioned');
					break;
				case 'user.lifecycle.unsuspend':
					status.set(login, 'active');
					break;
				case 'user.lifecycle.delete.initiated':
					deletes += 1;
					break;
				default:
					break;
			}
		}
	}
	const resets = [...resetUsers].map((login) => devicesOf.get(login)).filter(Boolean);
	return { resets, disables, deletes };
}

/**
 * The bound PingOne's API allows for the mix's reads (one OR-ed user lookup per delivery, one group read per user of
 * a membership event, one device list per reset) with the target's group listing and its own writes: the mix's
 * writes (one per changing event, one per device a reset removes) changed by `adjust`.
 */
function targetBound(mix, groupsPerPage, adjust) {
	const { userLookups, membershipReads, deviceLists } = PROVIDERS.pingone.lowerBound(mix);
	const groupPages = Math.ceil(mix.params.groups / groupsPerPage);
	const writes = mix.lowerBound.writes + adjust(mixFacts(mix));
	return { writes, userLookups, membershipReads, deviceLists, groupPages, calls: writes + userLookups + membershipReads + deviceLists + groupPages };
}

/** The end state against the mix's expectation, through `read(username)` → {status, email, lastname, groups, devices}. */
function endStateProblems(mix, read) {
	const problems = [];
	for (const [username, want] of Object.entries(mix.expected.duoUsers)) {
		const user = read(username);
		if (!user) { problems.push(`${username}: missing`); continue; }
		if (user.status !== want.status) problems.push(`${username}: status ${user.status} ≠ ${want.status}`);
		if (user.email !== want.email) problems.push(`${username}: email ${user.email} ≠ ${want.email}`);
		if (user.lastname !== want.lastname) problems.push(`${username}: last name ${user.lastname} ≠ ${want.lastname}`);
		if (JSON.stringify(user.groups) !== JSON.stringify(want.groups)) problems.push(`${username}: groups ${user.groups} ≠ ${want.groups}`);
		if (want.devicesRemoved && user.devices > 0) problems.push(`${username}: devices not removed`);
	}
	for (const username of mix.expected.deleted) if (read(username)) problems.push(`${username}: not deleted`);
	return problems;
}

const OKTA = {
	name: 'Okta MFA',
	async start(mix) {
		const groupsOf = groupNames(mix);
		const gid = (name) => `00g${Buffer.from(name).toString('hex').slice(0, 17)}`;
		const fake = await startFakeOkta({
			groups: mix.duo.groups.map((group) => ({ id: gid(group.name), name: group.name, description: group.desc ?? '' })),
			users: mix.duo.users.map((user, n) => ({
				id: `00u${String(n).padStart(17, '0')}`,
				status: 'ACTIVE',
				provider: 'FEDERATION',
				profile: { login: user.username, email: user.email, firstName: user.firstname, lastName: user.lastname, displayName: user.realname },
				factors: [
					...user.phones.map(() => ({ factorType: 'sms' })),
					...user.tokens.map(() => ({ factorType: 'token:hardware' })),
					...user.webauthncredentials.map(() => ({ factorType: 'webauthn' })),
				],
			})),
			memberships: Object.fromEntries(
				mix.duo.groups.map((group) => [
					gid(group.name),
					mix.duo.users.flatMap((user, n) => (groupsOf(user).includes(group.name) ? [`00u${String(n).padStart(17, '0')}`] : [])),
				]),
			),
		});
		return measured(fake, { oktaMfaApi: { orgUrl: fake.url, apiToken: fake.apiToken } });
	},
	async apply(fake, items) {
		return await apply(new OktaMfa(), new OktaMfaApi(), fake.credentials, PARAMETERS, items);
	},
	extraWrites: (fake) => anchorOnlyWrites(fake, 'POST', (body) => onlyKeys(body, ['profile']) && onlyKeys(body.profile, ['idpUserId'])),
	checkEndState(fake, mix) {
		const users = new Map([...fake.state.users.values()].map((user) => [String(user.profile.login), user]));
		const groups = new Map([...fake.state.groups.values()].map((group) => [group.id, group.profile.name]));
		return endStateProblems(mix, (username) => {
			const user = users.get(username);
			if (!user) return undefined;
			return {
				status: user.status === 'ACTIVE' || user.status === 'PROVISIONED' ? 'active' : 'disabled',
				email: user.profile.email,
				lastname: user.profile.lastName,
				groups: [...fake.state.memberships.entries()].filter(([, ids]) => ids.has(user.id)).map(([id]) => groups.get(id)).sort(),
				devices: fake.state.factors.get(user.id)?.length ?? 0,
			};
		});
	},
	/**
	 * Okta resets every factor of a user in one call (lifecycle/reset_factors), and deletes only a deactivated user:
	 * a deletion takes a deactivation first (the node disables by suspending). Groups: 200 a page.
	 */
	lowerBound(mix) {
		return targetBound(mix, 200, ({ resets, deletes }) => {
			const devices = resets.map((user) => user.phones.length + user.tokens.length + user.webauthncredentials.length);
			return devices.reduce((sum, count) => sum + Math.min(count, 1) - count, 0) + deletes;
		});
	},
};

const ENTRA = {
	name: 'Microsoft Entra ID MFA',
	async start(mix) {
		const groupsOf = groupNames(mix);
		const gid = (name) => `g-${Buffer.from(name).toString('hex')}`;
		const fake = await startFakeGraph({
			permissions: MFA_PERMISSIONS,
			groups: mix.duo.groups.map((group) => ({ id: gid(group.name), displayName: group.name, description: group.desc || null })),
			users: mix.duo.users.map((user, n) => ({
				id: `u-${n}`,
				userPrincipalName: user.username,
				mail: user.email,
				givenName: user.firstname,
				surname: user.lastname,
				displayName: user.realname,
				accountEnabled: true,
				methods: [
					...user.phones.map((_, k) => ({ type: 'phone', phoneType: PHONE_TYPES[k] })),
					...user.tokens.map(() => ({ type: 'softwareOath' })),
					...user.webauthncredentials.map(() => ({ type: 'fido2' })),
				],
			})),
			members: Object.fromEntries(
				mix.duo.groups.map((group) => [
					gid(group.name),
					mix.duo.users.flatMap((user, n) => (groupsOf(user).includes(group.name) ? [`u-${n}`] : [])),
				]),
			),
		});
		const credentials = {
			entraMfaApi: {
				tenantId: fake.tenantId,
				clientId: fake.clientId,
				clientSecret: fake.clientSecret,
				graphBaseUrl: fake.graphUrl,
				loginBaseUrl: fake.loginUrl,
			},
		};
		return measured(fake, credentials);
	},
	async apply(fake, items) {
		return await apply(new EntraMfa(), new EntraMfaApi(), fake.credentials, PARAMETERS, items);
	},
	extraWrites: (fake) => anchorOnlyWrites(fake, 'PATCH', (body) => onlyKeys(body, ['onPremisesExtensionAttributes'])),
	checkEndState(fake, mix) {
		const users = new Map([...fake.directory.users.values()].map((user) => [String(user.userPrincipalName), user]));
		return endStateProblems(mix, (username) => {
			const user = users.get(username);
			if (!user) return undefined;
			return {
				status: user.accountEnabled === false ? 'disabled' : 'active',
				email: user.mail,
				lastname: user.surname,
				groups: [...fake.directory.groups.values()]
					.filter((group) => fake.directory.members.get(group.id)?.has(user.id))
					.map((group) => String(group.displayName))
					.sort(),
				devices: fake.authMethods.get(user.id)?.length ?? 0,
			};
		});
	},
	/** Every method is deleted on its own, as Graph requires; disabling also revokes the sessions (one call more). Groups: 999 a page. */
	lowerBound(mix) {
		return targetBound(mix, 999, ({ disables }) => disables);
	},
};

const AUTH0 = {
	name: 'Auth0 MFA',
	async start(mix) {
		const groupsOf = groupNames(mix);
		const rid = (name) => `rol_${Buffer.from(name).toString('hex').slice(0, 24)}`;
		const fake = await startFakeAuth0({
			tenant: 'bench',
			roles: mix.duo.groups.map((group) => ({ id: rid(group.name), name: group.name, description: group.desc ?? '' })),
			users: mix.duo.users.map((user, n) => ({
				user_id: `auth0|${String(n).padStart(24, '0')}`,
				email: user.email,
				given_name: user.firstname,
				family_name: user.lastname,
				name: user.realname,
				methods: [
					...user.phones.map(() => ({ type: 'phone' })),
					...user.tokens.map(() => ({ type: 'totp' })),
					...user.webauthncredentials.map(() => ({ type: 'webauthn-roaming' })),
				],
			})),
			userRoles: Object.fromEntries(mix.duo.users.map((user, n) => [`auth0|${String(n).padStart(24, '0')}`, groupsOf(user).map(rid)])),
		});
		const credentials = { auth0MfaApi: { domain: fake.domain, clientId: fake.clientId, clientSecret: fake.clientSecret } };
		return measured(fake, credentials);
	},
	async apply(fake, items) {
		return await apply(new Auth0Mfa(), new Auth0MfaApi(), fake.credentials, PARAMETERS, items);
	},
	extraWrites: (fake) => anchorOnlyWrites(fake, 'PATCH', (body) => onlyKeys(body, ['app_metadata']) && onlyKeys(body.app_metadata, ['idpUserId'])),
	checkEndState(fake, mix) {
		const users = new Map([...fake.state.users.values()].map((user) => [String(user.email), user]));
		const roles = new Map([...fake.state.roles.values()].map((role) => [role.id, role.name]));
		return endStateProblems(mix, (username) => {
			const user = users.get(username);
			if (!user) return undefined;
			return {
				status: user.blocked ? 'disabled' : 'active',
				email: user.email,
				lastname: user.family_name,
				groups: [...(fake.state.userRoles.get(user.user_id) ?? [])].map((id) => roles.get(id)).sort(),
				devices: fake.state.authMethods.get(user.user_id)?.length ?? 0,
			};
		});
	},
	/** Guardian factors (phone, OTP) go in one DELETE of the user's authenticators; WebAuthn keys one by one. Roles: 100 a page. */
	lowerBound(mix) {
		return targetBound(mix, 100, ({ resets }) =>
			resets.reduce((sum, user) => {
				const guardian = user.phones.length + user.tokens.length;
				return sum + Math.min(guardian, 1) - guardian;
			}, 0),
		);
	},
};

module.exports = { TARGETS: { okta: OKTA, entra: ENTRA, auth0: AUTH0 } };
