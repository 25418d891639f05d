// The Okta Management API writes an MFA target uses, on the fake Okta's state: create and update users (with
// profile schema checks), the user lifecycle (activate, suspend, unsuspend, deactivate, reset_factors), delete,
// Classic factors and Identity Engine authenticator enrollments, groups (create, replace, delete) and group
// memberships. Rules and error shapes follow Okta's Management API (okta-sdk-nodejs 8.1 management spec):
// suspend only from ACTIVE, unsuspend only from SUSPENDED, delete of a user not yet deactivated deactivates it,
// factors of a deactivated user cannot be unenrolled, only OKTA_GROUP groups can be changed.
'use strict';

const { randomBytes } = require('node:crypto');

const { compileSearch } = require('./search');

/** Okta's base user profile; anything else must be declared as a custom attribute. */
const BASE_ATTRIBUTES = [
	'login', 'email', 'secondEmail', 'firstName', 'lastName', 'middleName', 'honorificPrefix', 'honorificSuffix', 'title',
	'displayName', 'nickName', 'profileUrl', 'primaryPhone', 'mobilePhone', 'streetAddress', 'city', 'state', 'zipCode',
	'postalAddress', 'countryCode', 'preferredLanguage', 'locale', 'timezone', 'userType', 'employeeNumber', 'costCenter',
	'organization', 'division', 'department', 'managerId', 'manager',
];
const REQUIRED = ['login', 'email', 'firstName', 'lastName'];

/** Identity Engine authenticator types of Classic factor types. */
const AUTHENTICATOR_OF = {
	push: 'app', 'token:software:totp': 'app', signed_nonce: 'app', sms: 'phone', call: 'phone', email: 'email',
	webauthn: 'security_key', u2f: 'security_key', 'token:hardware': 'security_key', question: 'security_question',
};

/**
 * @param {{ state: any, oktaError: Function, oktaId: Function, now: () => string, findUser: Function,
 *   customAttributes: string[] }} deps
 */
function createMfaRoutes({ state, oktaError, oktaId, now, findUser, customAttributes }) {
	const schema = new Set([...BASE_ATTRIBUTES, ...customAttributes]);
	const validation = (...causes) => {
		const error = oktaError(400, 'E0000001', `Api validation failed: ${causes[0].split(':')[0]}`);
		error.body.errorCauses = causes.map((errorSummary) => ({ errorSummary }));
		return error;
	};
	const notFound = (id, kind) => oktaError(404, 'E0000007', `Not found: Resource not found: ${id} (${kind})`);
	const forbidden = (summary) => oktaError(403, 'E0000006', summary ?? 'You do not have permission to perform the requested action');
	const loginTaken = (login, exceptId) =>
		[...state.users.values()].some((u) => u.id !== exceptId && String(u.profile.login).toLowerCase() === String(login).toLowerCase());
	const factorsOf = (userId) => {
		if (!state.factors.has(userId)) state.factors.set(userId, []);
		return state.factors.get(userId);
	};

	/** The profile after applying `changes` (null removes), or a 400 naming what is wrong. */
	function checkProfile(profile, changes, userId) {
		const next = { ...profile };
		for (const [key, value] of Object.entries(changes ?? {})) {
			if (!schema.has(key)) return { error: validation(`profile.${key}: Property name '${key}' is not defined in the schema`) };
			if (value === null) delete next[key];
			else next[key] = value;
		}
		const missing = REQUIRED.filter((key) => next[key] === undefined || next[key] === '');
		if (missing.length) return { error: validation(...missing.map((key) => `${key}: The field cannot be left blank`)) };
		if (loginTaken(next.login, userId)) return { error: validation('login: An object with this field already exists in the current organization') };
		return { profile: next };
	}

	function createUser(url, body) {
		const checked = checkProfile({}, body?.profile, undefined);
		if (checked.error) return checked.error;
		const provider = body?.credentials?.provider;
		const withProvider = url.searchParams.get('provider') === 'true';
		if (withProvider && !['FEDERATION', 'SOCIAL'].includes(provider?.type)) return validation('credentials.provider: A provider of type FEDERATION or SOCIAL is required with provider=true');
		const activate = url.searchParams.get('activate') !== 'false';
		const federated = withProvider;
		const hasPassword = !!body?.credentials?.password?.value;
		const user = {
			id: oktaId('00u'), status: !activate ? 'STAGED' : federated || hasPassword ? 'ACTIVE' : 'PROVISIONED', created: now(),
			activated: activate ? now() : null, statusChanged: now(), lastLogin: null, lastUpdated: now(), passwordChanged: null,
			type: { id: 'oty000000000000000' }, profile: checked.profile,
			credentials: { provider: federated ? { type: provider.type, name: provider.name ?? provider.type } : { type: 'OKTA', name: 'OKTA' } },
			_links: {},
		};
		state.users.set(user.id, user);
		return { status: 200, body: user };
	}

	function updateUser(user, body) {
		if (user.status === 'DEPROVISIONED') return forbidden('Cannot update a deactivated user');
		const checked = checkProfile(user.profile, body?.profile, user.id);
		if (checked.error) return checked.error;
		user.profile = checked.profile;
		user.lastUpdated = now();
		return { status: 200, body: user };
	}

	const setStatus = (user, status) => {
		user.status = status;
		user.statusChanged = now();
		return { status: 200, body: {} };
	};

	function lifecycle(user, action) {
		switch (action) {
			case 'suspend':
				if (user.status !== 'ACTIVE') return validation(`status: Cannot suspend a user whose status is ${user.status}`);
				return setStatus(user, 'SUSPENDED');
			case 'unsuspend':
				if (user.status !== 'SUSPENDED') return validation(`status: Cannot unsuspend a user whose status is ${user.status}`);
				return setStatus(user, 'ACTIVE');
			case 'deactivate':
				if (user.status === 'DEPROVISIONED') return validation('status: The user is already deactivated');
				return setStatus(user, 'DEPROVISIONED');
			case 'activate':
				if (!['STAGED', 'DEPROVISIONED'].includes(user.status)) return validation(`status: Cannot activate a user whose status is ${user.status}`);
				user.activated = now();
				return setStatus(user, user.credentials?.provider?.type !== 'OKTA' ? 'ACTIVE' : 'PROVISIONED');
			case 'reset_factors':
				if (user.status === 'DEPROVISIONED') return forbidden('Cannot reset the factors of a deactivated user');
				state.factors.set(user.id, []);
				return { status: 200, body: {} };
			default:
				return undefined;
		}
	}

	function deleteUser(user) {
		if (user.status !== 'DEPROVISIONED') {
			setStatus(user, 'DEPROVISIONED');
			return { status: 204, body: undefined };
		}
		state.users.delete(user.id);
		state.factors.delete(user.id);
		for (const members of state.memberships.values()) members.delete(user.id);
		return { status: 204, body: undefined };
	}

	const enrollment = (factor) => ({
		id: factor.id, type: AUTHENTICATOR_OF[factor.factorType] ?? factor.factorType, key: factor.factorType,
		status: factor.status ?? 'ACTIVE', name: factor.vendorName ?? factor.provider ?? factor.factorType, created: factor.created,
	});
	const passwordEnrollment = (user) => ({ id: `pwd${user.id}`, type: 'password', key: 'okta_password', status: 'ACTIVE', name: 'Password' });

	function userRoutes(method, rest, user, url, body) {
		let m;
		if (rest === '' && method === 'POST') return updateUser(user, body);
		if (rest === '' && method === 'DELETE') return deleteUser(user);
		if (method === 'POST' && (m = /^\/lifecycle\/([a-z_]+)$/.exec(rest))) return lifecycle(user, m[1]);
		if (rest === '/factors' && method === 'GET') return { status: 200, body: factorsOf(user.id) };
		if ((m = /^\/factors\/([^/]+)$/.exec(rest)) && method === 'DELETE') {
			if (user.status === 'DEPROVISIONED') return forbidden("Factors of a deactivated user can't be unenrolled");
			const factors = factorsOf(user.id);
			const factor = factors.find((f) => f.id === decodeURIComponent(m[1]));
			if (!factor) return notFound(m[1], 'UserFactor');
			const related = ['push', 'signed_nonce'].includes(factor.factorType) ? (f) => f.provider === 'OKTA' && ['push', 'signed_nonce', 'token:software:totp'].includes(f.factorType) : (f) => f.id === factor.id;
			state.factors.set(user.id, factors.filter((f) => !related(f)));
			return { status: 204, body: undefined };
		}
		if (rest === '/authenticator-enrollments' && method === 'GET') return { status: 200, body: [passwordEnrollment(user), ...factorsOf(user.id).map(enrollment)] };
		if ((m = /^\/authenticator-enrollments\/([^/]+)$/.exec(rest)) && method === 'DELETE') {
			const id = decodeURIComponent(m[1]);
			if (id === passwordEnrollment(user).id) return forbidden('The password authenticator enrollment cannot be deleted');
			const factors = factorsOf(user.id);
			if (!factors.some((f) => f.id === id)) return notFound(id, 'AuthenticatorEnrollment');
			state.factors.set(user.id, factors.filter((f) => f.id !== id));
			return { status: 204, body: undefined };
		}
		return undefined;
	}

	const groupNameTaken = (name, exceptId) =>
		[...state.groups.values()].some((g) => g.id !== exceptId && g.type === 'OKTA_GROUP' && g.profile.name.toLowerCase() === String(name).toLowerCase());

	function groupRoutes(method, p, body) {
		let m;
		if (p === '/api/v1/groups' && method === 'POST') {
			const name = body?.profile?.name;
			if (!name) return validation('name: The field cannot be left blank');
			if (groupNameTaken(name)) return validation('name: An object with this field already exists in the current organization');
			const group = { id: oktaId('00g'), created: now(), lastUpdated: now(), lastMembershipUpdated: now(), objectClass: ['okta:user_group'], type: 'OKTA_GROUP', profile: { name, description: body.profile.description ?? '' }, _links: {} };
			state.groups.set(group.id, group);
			state.memberships.set(group.id, new Set());
			return { status: 200, body: group };
		}
		if ((m = /^\/api\/v1\/groups\/([^/]+)$/.exec(p)) && (method === 'PUT' || method === 'DELETE')) {
			const group = state.groups.get(decodeURIComponent(m[1]));
			if (!group) return notFound(m[1], 'UserGroup');
			if (method === 'DELETE') {
				if (group.type === 'BUILT_IN') return forbidden('The Everyone group cannot be deleted');
				state.groups.delete(group.id);
				state.memberships.delete(group.id);
				return { status: 204, body: undefined };
			}
			if (group.type !== 'OKTA_GROUP') return forbidden('Only groups of type OKTA_GROUP can be changed');
			const name = body?.profile?.name;
			if (!name) return validation('name: The field cannot be left blank');
			if (groupNameTaken(name, group.id)) return validation('name: An object with this field already exists in the current organization');
			group.profile = { name, description: body.profile.description ?? '' };
			group.lastUpdated = now();
			return { status: 200, body: group };
		}
		if ((m = /^\/api\/v1\/groups\/([^/]+)\/users\/([^/]+)$/.exec(p)) && (method === 'PUT' || method === 'DELETE')) {
			const group = state.groups.get(decodeURIComponent(m[1]));
			if (!group) return notFound(m[1], 'UserGroup');
			const user = state.users.get(decodeURIComponent(m[2]));
			if (!user) return notFound(m[2], 'User');
			if (group.type !== 'OKTA_GROUP') return forbidden('Memberships of groups of type APP_GROUP or BUILT_IN cannot be changed');
			if (method === 'PUT') state.memberships.get(group.id).add(user.id);
			else state.memberships.get(group.id).delete(user.id);
			group.lastMembershipUpdated = now();
			return { status: 204, body: undefined };
		}
		return undefined;
	}

	/** `filter`, `search` and `q` on list groups: the whole group object is searchable. */
	function groupsMatching(url) {
		let groups = [...state.groups.values()];
		const expression = url.searchParams.get('search') ?? url.searchParams.get('filter');
		if (expression) {
			try {
				groups = groups.filter(compileSearch(expression));
			} catch (error) {
				return { error: oktaError(400, 'E0000031', `Invalid search criteria. ${error.message}`) };
			}
		}
		const q = url.searchParams.get('q');
		if (q) groups = groups.filter((g) => g.profile.name.toLowerCase().startsWith(q.toLowerCase()));
		return { groups };
	}

	/** The MFA-target routes; undefined for a request they do not serve. */
	function route(method, url, body) {
		const p = url.pathname;
		if (p === '/api/v1/users' && method === 'POST') return createUser(url, body);
		const m = /^\/api\/v1\/users\/([^/]+)(\/.*)?$/.exec(p);
		const readsFactors = /^\/(factors|authenticator-enrollments)$/.test(m?.[2] ?? '');
		if (m && (method !== 'GET' || readsFactors)) {
			const user = findUser(decodeURIComponent(m[1]));
			if (!user) return notFound(m[1], 'User');
			return userRoutes(method, m[2] ?? '', user, url, body);
		}
		if (p.startsWith('/api/v1/groups') && method !== 'GET') return groupRoutes(method, p, body);
		return undefined;
	}

	return { route, groupsMatching, factorsOf };
}

/** A Classic factor as Okta lists it. */
function newFactor(factorType, provider = 'OKTA') {
	return { id: `${factorType === 'push' ? 'opf' : factorType === 'sms' ? 'mbl' : 'fac'}${randomBytes(8).toString('hex')}`, factorType, provider, vendorName: provider, status: 'ACTIVE', created: new Date().toISOString() };
}

module.exports = { createMfaRoutes, newFactor };
