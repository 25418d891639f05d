// The Microsoft Graph writes an MFA target uses, on the fake directory: create, update and delete users,
// revokeSignInSessions, authentication methods (list, and delete by type with Entra's rules: the default method
// only when it is the last one, an alternateMobile phone before the mobile phone, the password never), security
// groups (create, update, delete) and members ($ref add and remove). Each call checks the application permission
// Graph documents for it (graph docs: user-post-users, user-update, user-delete, user-revokesigninsessions,
// authentication-list-methods, phoneauthenticationmethod-delete, group-post-groups, group-post-members).
'use strict';

const { randomUUID } = require('node:crypto');

const { graphError } = require('./subscriptions');

const MFA_PERMISSIONS = [
	'User.ReadWrite.All', 'Group.ReadWrite.All', 'GroupMember.ReadWrite.All', 'UserAuthenticationMethod.ReadWrite.All',
];

const SEGMENTS = {
	phoneMethods: 'phoneAuthenticationMethod',
	microsoftAuthenticatorMethods: 'microsoftAuthenticatorAuthenticationMethod',
	softwareOathMethods: 'softwareOathAuthenticationMethod',
	fido2Methods: 'fido2AuthenticationMethod',
	emailMethods: 'emailAuthenticationMethod',
	windowsHelloForBusinessMethods: 'windowsHelloForBusinessAuthenticationMethod',
	temporaryAccessPassMethods: 'temporaryAccessPassAuthenticationMethod',
};
const PASSWORD_METHOD = { '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: '28c10230-6103-485e-b985-444c60001490', password: null };
/** Graph's fixed ids of the three phone methods. */
const PHONE_IDS = { mobile: '3179e48a-750b-4051-897c-87b9720928f7', alternateMobile: 'b6332ec1-7057-4abe-9331-3d72feddfe41', office: 'e37fc753-ff3b-4958-9484-eaa9425c82bc' };
const WRITABLE_USER = new Set(['accountEnabled', 'displayName', 'givenName', 'surname', 'mail', 'jobTitle', 'department', 'employeeId', 'mobilePhone', 'userPrincipalName', 'mailNickname', 'usageLocation', 'onPremisesExtensionAttributes', 'passwordProfile']);
const EXTENSIONS = Array.from({ length: 15 }, (_, i) => `extensionAttribute${i + 1}`);

/** An authentication method as Graph lists it. `type` is the short name, e.g. phone or microsoftAuthenticator. */
function newMethod(type, extra = {}) {
	const base = { '@odata.type': `#microsoft.graph.${type}AuthenticationMethod`, id: extra.id ?? (type === 'phone' ? PHONE_IDS[extra.phoneType ?? 'mobile'] : randomUUID()) };
	if (type === 'phone') return { ...base, phoneNumber: extra.phoneNumber ?? '+1 5555550100', phoneType: extra.phoneType ?? 'mobile', smsSignInState: 'notAllowedByPolicy' };
	return { ...base, displayName: extra.displayName ?? `${type} method`, createdDateTime: new Date().toISOString() };
}

/**
 * @param {{ directory: any, change: (operation: Function) => Function, need: (scopes: string[], ...any: string[]) => boolean,
 *   origin: () => string }} deps
 */
function createMfaRoutes({ directory, change, need, origin }) {
	/** userId → methods (the password is implied), userId → default method id, userId → revocations. */
	const methods = new Map();
	const defaults = new Map();
	const revocations = new Map();
	const denied = () => graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
	const notFound = (id) => graphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
	const badRequest = (message) => graphError(400, 'Request_BadRequest', message);
	const methodsOf = (userId) => { if (!methods.has(userId)) methods.set(userId, []); return methods.get(userId); };
	const upnTaken = (upn, exceptId) => [...directory.users.values()].some((u) => u.id !== exceptId && String(u.userPrincipalName).toLowerCase() === String(upn).toLowerCase());

	/** Adds a method for a user; the first one becomes the default unless `isDefault` says otherwise. */
	function enroll(userId, type, extra = {}) {
		const method = newMethod(type, extra);
		const list = methodsOf(userId);
		if (list.some((m) => m.id === method.id)) return method;
		list.push(method);
		if (extra.isDefault || !defaults.has(userId)) defaults.set(userId, method.id);
		return method;
	}

	function checkUserBody(body, creating) {
		for (const key of Object.keys(body ?? {})) if (!WRITABLE_USER.has(key)) return badRequest(`Property '${key}' is read-only or does not exist on type 'microsoft.graph.user'.`);
		for (const key of Object.keys(body?.onPremisesExtensionAttributes ?? {})) if (!EXTENSIONS.includes(key)) return badRequest(`Property '${key}' does not exist on type 'microsoft.graph.onPremisesExtensionAttributes'.`);
		if (creating) {
			for (const key of ['accountEnabled', 'displayName', 'mailNickname', 'userPrincipalName']) {
				if (body?.[key] === undefined || body[key] === '') return badRequest(`Invalid value specified for property '${key}' of resource 'User'.`);
			}
			if (!body.passwordProfile?.password) return badRequest("Invalid value specified for property 'passwordProfile' of resource 'User'.");
		}
		if (body?.userPrincipalName !== undefined && !String(body.userPrincipalName).includes('@')) return badRequest("Invalid value specified for property 'userPrincipalName' of resource 'User'.");
		return undefined;
	}

	const extensionsOf = (current, patch) => {
		const merged = { ...Object.fromEntries(EXTENSIONS.map((key) => [key, null])), ...(current ?? {}) };
		for (const [key, value] of Object.entries(patch ?? {})) merged[key] = value;
		return merged;
	};

	function createUser(body) {
		const invalid = checkUserBody(body, true);
		if (invalid) return invalid;
		if (upnTaken(body.userPrincipalName)) return badRequest('Another object with the same value for property userPrincipalName already exists.');
		const { passwordProfile: _password, onPremisesExtensionAttributes, ...properties } = body;
		const user = change(directory.createUser)({ ...properties, onPremisesExtensionAttributes: extensionsOf(undefined, onPremisesExtensionAttributes) });
		const { onPremisesExtensionAttributes: _hidden, ...shown } = user;
		return { status: 201, body: { '@odata.context': `${origin()}/v1.0/$metadata#users/$entity`, ...shown } };
	}

	function updateUser(id, body, scopes) {
		const user = directory.users.get(id) ?? [...directory.users.values()].find((u) => u.userPrincipalName === id);
		if (!user) return notFound(id);
		const onlyEnabled = Object.keys(body ?? {}).every((key) => key === 'accountEnabled');
		if (!need(scopes, 'User.ReadWrite.All', 'Directory.ReadWrite.All') && !(onlyEnabled && need(scopes, 'User.EnableDisableAccount.All'))) return denied();
		const invalid = checkUserBody(body, false);
		if (invalid) return invalid;
		if (body.userPrincipalName !== undefined && upnTaken(body.userPrincipalName, user.id)) return badRequest('Another object with the same value for property userPrincipalName already exists.');
		const { onPremisesExtensionAttributes, passwordProfile: _password, ...properties } = body;
		change(directory.updateUser)(user.id, { ...properties, ...(onPremisesExtensionAttributes ? { onPremisesExtensionAttributes: extensionsOf(user.onPremisesExtensionAttributes, onPremisesExtensionAttributes) } : {}) });
		return { status: 204, body: undefined };
	}

	function deleteMethod(userId, segment, methodId) {
		const type = SEGMENTS[segment];
		const list = methodsOf(userId);
		const method = list.find((m) => m.id === methodId && m['@odata.type'] === `#microsoft.graph.${type}`);
		if (!type || !method) return notFound(methodId);
		if (defaults.get(userId) === method.id && list.length > 1) return graphError(400, 'badRequest', 'Cannot delete default method with other methods configured. Please change default method before deletion.');
		if (method.phoneType === 'mobile' && list.some((m) => m.phoneType === 'alternateMobile')) return graphError(400, 'badRequest', "A user can't have an alternateMobile number without a mobile number. Remove the alternateMobile number first.");
		methods.set(userId, list.filter((m) => m !== method));
		if (defaults.get(userId) === method.id) defaults.delete(userId);
		return { status: 204, body: undefined };
	}

	function addMember(groupId, body) {
		const group = directory.groups.get(groupId);
		if (!group) return notFound(groupId);
		const ref = String(body?.['@odata.id'] ?? '');
		const userId = ref.split('/').pop();
		if (!/\/directoryObjects\/[^/]+$/.test(ref) || !directory.users.has(userId)) return notFound(userId || ref);
		if ((group.groupTypes ?? []).includes('DynamicMembership')) return badRequest('Insufficient privileges to complete the operation. Members of a group with dynamic membership cannot be changed.');
		if (directory.members.get(groupId)?.has(userId)) return badRequest("One or more added object references already exist for the following modified properties: 'members'.");
		change(directory.addMember)(groupId, userId);
		return { status: 204, body: undefined };
	}

	/** The MFA-target routes (paths without /v1.0); undefined for a request they do not serve. */
	function route(method, p, body, scopes) {
		let m;
		const userWrite = () => need(scopes, 'User.ReadWrite.All', 'Directory.ReadWrite.All');
		if (p === '/users' && method === 'POST') return userWrite() ? createUser(body) : denied();
		if ((m = /^\/users\/([^/]+)$/.exec(p)) && (method === 'PATCH' || method === 'DELETE')) {
			const id = decodeURIComponent(m[1]);
			if (method === 'PATCH') return updateUser(id, body, scopes);
			if (!userWrite()) return denied();
			if (!directory.users.has(id)) return notFound(id);
			change(directory.softDeleteUser)(id);
			return { status: 204, body: undefined };
		}
		if ((m = /^\/users\/([^/]+)\/revokeSignInSessions$/.exec(p)) && method === 'POST') {
			if (!need(scopes, 'User.ReadWrite.All', 'Directory.ReadWrite.All', 'User.RevokeSessions.All')) return denied();
			const id = decodeURIComponent(m[1]);
			if (!directory.users.has(id)) return notFound(id);
			revocations.set(id, (revocations.get(id) ?? 0) + 1);
			return { status: 200, body: { '@odata.context': `${origin()}/v1.0/$metadata#Edm.Boolean`, value: true } };
		}
		if ((m = /^\/users\/([^/]+)\/authentication\/methods$/.exec(p)) && method === 'GET') {
			if (!need(scopes, 'UserAuthenticationMethod.Read.All', 'UserAuthenticationMethod.ReadWrite.All')) return denied();
			const id = decodeURIComponent(m[1]);
			if (!directory.users.has(id)) return notFound(id);
			return { status: 200, body: { '@odata.context': `${origin()}/v1.0/$metadata#users('${id}')/authentication/methods`, value: [PASSWORD_METHOD, ...methodsOf(id)] } };
		}
		if ((m = /^\/users\/([^/]+)\/authentication\/(\w+)\/([^/]+)$/.exec(p)) && method === 'DELETE') {
			if (!need(scopes, 'UserAuthenticationMethod.ReadWrite.All')) return denied();
			const id = decodeURIComponent(m[1]);
			if (!directory.users.has(id)) return notFound(id);
			return deleteMethod(id, m[2], decodeURIComponent(m[3]));
		}
		const groupWrite = () => need(scopes, 'Group.ReadWrite.All', 'Directory.ReadWrite.All');
		if (p === '/groups' && method === 'POST') {
			if (!groupWrite() && !need(scopes, 'Group.Create')) return denied();
			for (const key of ['displayName', 'mailNickname']) if (!body?.[key]) return badRequest(`Invalid value specified for property '${key}' of resource 'Group'.`);
			if (typeof body.mailEnabled !== 'boolean' || typeof body.securityEnabled !== 'boolean') return badRequest("Invalid value specified for property 'mailEnabled' of resource 'Group'.");
			const group = change(directory.createGroup)({ displayName: body.displayName, description: body.description ?? null, mailEnabled: body.mailEnabled, mailNickname: body.mailNickname, securityEnabled: body.securityEnabled, groupTypes: body.groupTypes ?? [] });
			return { status: 201, body: { '@odata.context': `${origin()}/v1.0/$metadata#groups/$entity`, ...group } };
		}
		if ((m = /^\/groups\/([^/]+)$/.exec(p)) && (method === 'PATCH' || method === 'DELETE')) {
			if (!groupWrite()) return denied();
			const id = decodeURIComponent(m[1]);
			if (!directory.groups.has(id)) return notFound(id);
			if (method === 'DELETE') change(directory.deleteGroup)(id);
			else change(directory.updateGroup)(id, { ...(body?.displayName !== undefined ? { displayName: body.displayName } : {}), ...(body?.description !== undefined ? { description: body.description } : {}) });
			return { status: 204, body: undefined };
		}
		const memberWrite = () => need(scopes, 'GroupMember.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All');
		if ((m = /^\/groups\/([^/]+)\/members\/\$ref$/.exec(p)) && method === 'POST') return memberWrite() ? addMember(decodeURIComponent(m[1]), body) : denied();
		if ((m = /^\/groups\/([^/]+)\/members\/([^/]+)\/\$ref$/.exec(p)) && method === 'DELETE') {
			if (!memberWrite()) return denied();
			const [groupId, userId] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])];
			if (!directory.groups.has(groupId)) return notFound(groupId);
			if (!directory.members.get(groupId)?.has(userId)) return notFound(userId);
			change(directory.removeMember)(groupId, userId);
			return { status: 204, body: undefined };
		}
		return undefined;
	}

	return { route, enroll, methods, defaults, revocations, methodsOf };
}

module.exports = { createMfaRoutes, MFA_PERMISSIONS, PHONE_IDS };
