// The Auth0 Management API routes an MFA target uses, ahead of the fake's other routes: users created in a
// database connection (a password is required) and updated with app_metadata merged key by key (null removes a
// key), as Auth0 does; users by email; authentication methods (list, delete one, delete all) and the Guardian
// authenticators (DELETE /users/{id}/authenticators removes the OTP, push, phone, email and recovery-code
// factors, not WebAuthn keys or passkeys); enrollment tickets; and roles with unique names that 404 when gone.
// Scopes follow node-auth0 and the Management API reference.
'use strict';

const { randomBytes } = require('node:crypto');

const { auth0Error, newUser } = require('./routes');

/** Method types DELETE /users/{id}/authenticators removes (Guardian factors). */
const GUARDIAN_TYPES = new Set(['totp', 'push', 'phone', 'email', 'recovery-code', 'guardian']);
const hex = (bytes) => randomBytes(bytes).toString('hex');

function newMethod(type, extra = {}) {
	return { id: extra.id ?? `${type}|dev_${hex(8)}`, type, confirmed: true, name: extra.name ?? type, created_at: new Date().toISOString(), ...(type === 'phone' ? { phone_number: extra.phone_number ?? '+15555550100' } : {}) };
}

/** Auth0 merges app_metadata and user_metadata key by key; a null value removes the key. */
function merged(current, patch) {
	const next = { ...(current ?? {}) };
	for (const [key, value] of Object.entries(patch ?? {})) {
		if (value === null) delete next[key];
		else next[key] = value;
	}
	return next;
}

const ROOT_FIELDS = ['email', 'email_verified', 'username', 'name', 'given_name', 'family_name', 'nickname', 'picture', 'phone_number', 'blocked', 'connection', 'password', 'verify_email'];

/**
 * @param {any} state the fake's state; `state.authMethods` (userId → methods) and `state.tickets` are added here
 * @param {{ userEvent: (type: string, data: object) => void }} hooks
 */
function createMfaRoutes(state, hooks) {
	state.authMethods ??= new Map();
	state.tickets ??= [];
	const now = () => new Date().toISOString();
	const user = (id) => state.users.get(id);
	const missingUser = () => auth0Error(404, 'The user does not exist.', 'inexistent_user');
	const methodsOf = (id) => { if (!state.authMethods.has(id)) state.authMethods.set(id, []); return state.authMethods.get(id); };
	const isDatabase = (u) => u.identities?.[0]?.provider === 'auth0';
	const passwordMethod = (u) => ({ id: `password|${u.user_id.split('|').pop()}`, type: 'password', confirmed: true, created_at: u.created_at });
	const emailTaken = (email, exceptId) => [...state.users.values()].some((u) => u.user_id !== exceptId && String(u.email).toLowerCase() === String(email).toLowerCase());
	const roleNameTaken = (name, exceptId) => [...state.roles.values()].some((r) => r.id !== exceptId && r.name.toLowerCase() === String(name).toLowerCase());
	const unknownField = (body) => Object.keys(body ?? {}).find((key) => !ROOT_FIELDS.includes(key) && key !== 'app_metadata' && key !== 'user_metadata');

	return [
		['POST', /^\/api\/v2\/users$/, 'create:users', (_p, body) => {
			if (!body.connection) return auth0Error(400, "Payload validation error: 'Missing required property: connection'.", 'invalid_body');
			const field = unknownField(body);
			if (field) return auth0Error(400, `Payload validation error: 'Additional properties not allowed: ${field}'.`, 'invalid_body');
			if (!body.email) return auth0Error(400, "Payload validation error: 'Missing required property: email'.", 'invalid_body');
			if (!body.password) return auth0Error(400, "Payload validation error: 'Missing required property: password'.", 'invalid_body');
			if (emailTaken(body.email)) return auth0Error(409, 'The user already exists.', 'auth0_idp_error');
			const created = newUser(body, now());
			state.users.set(created.user_id, created);
			hooks.userEvent('user.created', { object: created });
			return { status: 201, body: created };
		}, 'Create a User'],
		['PATCH', /^\/api\/v2\/users\/([^/]+)$/, 'update:users', ([id], body) => {
			const current = user(id);
			if (!current) return missingUser();
			const field = unknownField(body);
			if (field) return auth0Error(400, `Payload validation error: 'Additional properties not allowed: ${field}'.`, 'invalid_body');
			if (body.email !== undefined && emailTaken(body.email, id)) return auth0Error(400, 'The specified new email already exists', 'invalid_body');
			const previous = JSON.parse(JSON.stringify(current));
			for (const key of ROOT_FIELDS) {
				if (body[key] === undefined || ['password', 'connection', 'verify_email'].includes(key)) continue;
				if (body[key] === null) delete current[key];
				else current[key] = body[key];
			}
			if (body.app_metadata !== undefined) current.app_metadata = merged(current.app_metadata, body.app_metadata);
			if (body.user_metadata !== undefined) current.user_metadata = merged(current.user_metadata, body.user_metadata);
			current.updated_at = now();
			hooks.userEvent('user.updated', { object: current, previous_object: previous });
			return { status: 200, body: current };
		}, 'Update a user'],
		['GET', /^\/api\/v2\/users-by-email$/, 'read:users', (_p, _b, query) => {
			const wanted = String(query.email ?? '').toLowerCase();
			return { status: 200, body: [...state.users.values()].filter((u) => String(u.email).toLowerCase() === wanted) };
		}],
		['GET', /^\/api\/v2\/users\/([^/]+)\/authentication-methods$/, 'read:authentication_methods', ([id]) => {
			const current = user(id);
			if (!current) return missingUser();
			return { status: 200, body: [...(isDatabase(current) ? [passwordMethod(current)] : []), ...methodsOf(id)] };
		}],
		['DELETE', /^\/api\/v2\/users\/([^/]+)\/authentication-methods\/([^/]+)$/, 'delete:authentication_methods', ([id, methodId]) => {
			if (!user(id)) return missingUser();
			const methods = methodsOf(id);
			if (methodId.startsWith('password|')) return auth0Error(400, 'The password authentication method cannot be deleted.', 'invalid_body');
			if (!methods.some((m) => m.id === methodId)) return auth0Error(404, 'Authentication method not found.', 'inexistent_authentication_method');
			state.authMethods.set(id, methods.filter((m) => m.id !== methodId));
			return { status: 204, body: undefined };
		}, 'Delete an authentication method'],
		['DELETE', /^\/api\/v2\/users\/([^/]+)\/authentication-methods$/, 'delete:authentication_methods', ([id]) => {
			if (!user(id)) return missingUser();
			state.authMethods.set(id, []);
			state.enrollments.delete(id);
			return { status: 204, body: undefined };
		}, 'Delete all authentication methods for a user'],
		['DELETE', /^\/api\/v2\/users\/([^/]+)\/authenticators$/, 'delete:guardian_enrollments', ([id]) => {
			if (!user(id)) return missingUser();
			state.authMethods.set(id, methodsOf(id).filter((m) => !GUARDIAN_TYPES.has(m.type)));
			state.enrollments.delete(id);
			return { status: 204, body: undefined };
		}, 'Delete all authenticators of a user'],
		['POST', /^\/api\/v2\/guardian\/enrollments\/ticket$/, 'create:guardian_enrollment_tickets', (_p, body) => {
			const current = user(body.user_id);
			if (!current) return missingUser();
			const ticket = { ticket_id: hex(12), ticket_url: `https://${'fake'}.auth0.test/guardian/enroll?ticket=${hex(16)}` };
			state.tickets.push({ ...ticket, user_id: current.user_id, email: body.email ?? current.email, send_mail: body.send_mail === true });
			return { status: 200, body: ticket };
		}, 'Create an enrollment ticket'],
		['POST', /^\/api\/v2\/roles$/, 'create:roles', (_p, body) => {
			if (!body.name) return auth0Error(400, "Payload validation error: 'Missing required property: name'.", 'invalid_body');
			if (roleNameTaken(body.name)) return auth0Error(409, 'A role with this name already exists.', 'role_conflict');
			const role = { id: `rol_${hex(8)}`, name: body.name, description: body.description ?? '' };
			state.roles.set(role.id, role);
			return { status: 200, body: role };
		}, 'Create a role'],
		['PATCH', /^\/api\/v2\/roles\/([^/]+)$/, 'update:roles', ([id], body) => {
			const role = state.roles.get(id);
			if (!role) return auth0Error(404, 'The role does not exist.', 'inexistent_role');
			if (body.name !== undefined && roleNameTaken(body.name, id)) return auth0Error(409, 'A role with this name already exists.', 'role_conflict');
			if (body.name !== undefined) role.name = body.name;
			if (body.description !== undefined) role.description = body.description;
			return { status: 200, body: role };
		}, 'Update a role'],
		['DELETE', /^\/api\/v2\/roles\/([^/]+)$/, 'delete:roles', ([id]) => {
			if (!state.roles.delete(id)) return auth0Error(404, 'The role does not exist.', 'inexistent_role');
			for (const roles of state.userRoles.values()) roles.delete(id);
			return { status: 200, body: undefined };
		}, 'Delete a role'],
	];
}

module.exports = { createMfaRoutes, newMethod, GUARDIAN_TYPES };
