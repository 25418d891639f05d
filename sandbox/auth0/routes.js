// Management API routes of the fake Auth0: users, roles and role members, MFA resets, log streams and
// event streams, with Auth0's error envelope and the scope each endpoint needs.
'use strict';

const { randomBytes } = require('node:crypto');

const { compileLucene } = require('./lucene');

/** @returns {{status: number, body: object}} */
function auth0Error(status, message, errorCode) {
	const error = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict', 429: 'Too Many Requests' }[status] ?? 'Error';
	return { status, body: { statusCode: status, error, message, ...(errorCode ? { errorCode } : {}) } };
}

const hex = (bytes) => randomBytes(bytes).toString('hex');
const USER_FIELDS = ['email', 'email_verified', 'username', 'name', 'given_name', 'family_name', 'nickname', 'picture', 'phone_number', 'blocked', 'user_metadata', 'app_metadata'];

function newUser(input, now) {
	const connection = input.connection ?? 'Username-Password-Authentication';
	const id = input.user_id ?? `auth0|${hex(12)}`;
	const user = { user_id: id, email_verified: false, created_at: now, updated_at: now, identities: [{ connection, user_id: id.split('|').pop(), provider: 'auth0', isSocial: false }], user_metadata: {}, app_metadata: {}, logins_count: 0 };
	for (const field of USER_FIELDS) if (input[field] !== undefined) user[field] = input[field];
	if (user.name === undefined && (user.given_name || user.family_name)) user.name = [user.given_name, user.family_name].filter(Boolean).join(' ');
	if (user.nickname === undefined && user.email) user.nickname = user.email.split('@')[0];
	return user;
}

const FORMATS = new Set(['JSONLINES', 'JSONARRAY', 'JSONOBJECT']);

/** `GET /api/v2/users` and offset-paged role members serve the first 1,000 records only. */
const PAGING_CEILING = 1000;

/**
 * The route table: [method, path pattern, required scope (or any of several), handler, sapi description]. A
 * handler gets the path params, the parsed body and the query, and returns {status, body}. Writes with a
 * description are recorded as `sapi` logs. `exportJobs` runs users-export jobs.
 */
function createRoutes(state, hooks, exportJobs) {
	const now = () => new Date().toISOString();
	const user = (id) => state.users.get(id);
	const missingUser = () => auth0Error(404, 'The user does not exist.', 'inexistent_user');
	const rolesOf = (id) => { if (!state.userRoles.has(id)) state.userRoles.set(id, new Set()); return state.userRoles.get(id); };
	const page = (query, items, key) => {
		const perPage = Math.min(Number(query.per_page ?? 50), 100);
		const pageNo = Number(query.page ?? 0);
		const slice = items.slice(pageNo * perPage, pageNo * perPage + perPage);
		return query.include_totals === 'true' ? { [key]: slice, start: pageNo * perPage, limit: perPage, total: items.length } : slice;
	};
	const publicLogStream = (stream) => { const copy = JSON.parse(JSON.stringify(stream)); delete copy.sink.httpAuthorization; delete copy.cursor; return copy; };
	const publicEventStream = (stream) => { const copy = JSON.parse(JSON.stringify(stream)); if (copy.destination?.configuration?.webhook_authorization) { delete copy.destination.configuration.webhook_authorization.token; delete copy.destination.configuration.webhook_authorization.password; } return copy; };

	const beyondCeiling = (query) => Number(query.page ?? 0) * Math.min(Number(query.per_page ?? 50), 100) >= PAGING_CEILING;
	const listUsers = (query) => {
		let users = [...state.users.values()];
		if (query.q) {
			try { users = users.filter(compileLucene(query.q)); } catch (error) { return auth0Error(400, `Bad Request: ${error.message}`, 'invalid_query_string'); }
		}
		if (beyondCeiling(query)) return auth0Error(400, 'You can only page through the first 1000 records. See https://auth0.com/docs/users/search/v3/view-search-results-by-page#limitation', 'invalid_paging');
		const listed = page(query, users, 'users');
		// The total Auth0 reports for a search stops at the 1,000 records it can page through.
		if (!Array.isArray(listed)) Object.assign(listed, { length: listed.users.length, total: Math.min(users.length, PAGING_CEILING) });
		return { status: 200, body: listed };
	};
	const roleUsers = (roleId, query) => {
		if (!state.roles.has(roleId)) return auth0Error(404, 'The role does not exist.', 'inexistent_role');
		const members = [...state.userRoles].filter(([, roles]) => roles.has(roleId)).map(([userId]) => user(userId)).filter(Boolean)
			.map((u) => ({ user_id: u.user_id, email: u.email, name: u.name, picture: u.picture }));
		if (query.from !== undefined || query.take !== undefined) {
			const take = Math.min(Number(query.take ?? 50), 100);
			const start = query.from ? Number(Buffer.from(String(query.from), 'base64url').toString()) : 0;
			if (!Number.isInteger(start) || start < 0) return auth0Error(400, 'Invalid from parameter', 'invalid_query_string');
			const slice = members.slice(start, start + take);
			return { status: 200, body: { users: slice, ...(start + take < members.length ? { next: Buffer.from(String(start + take)).toString('base64url') } : {}) } };
		}
		if (beyondCeiling(query)) return auth0Error(400, `Requesting page ${query.page} exceeds the allowed maximum of 1000 records. To fetch results beyond 1000, use the checkpoint pagination method.`, 'invalid_paging');
		return { status: 200, body: page(query, members, 'users') };
	};

	return [
		['GET', /^\/api\/v2\/users$/, 'read:users', (_p, _b, query) => listUsers(query)],
		['GET', /^\/api\/v2\/roles\/([^/]+)\/users$/, 'read:roles', ([id], _b, query) => roleUsers(id, query)],
		['POST', /^\/api\/v2\/jobs\/users-exports$/, 'read:users', (_p, body) => exportJobs.start(body), 'Create export users job'],
		['GET', /^\/api\/v2\/jobs\/([^/]+)$/, ['create:users', 'read:users'], ([id]) => exportJobs.poll(id)],
		['GET', /^\/api\/v2\/users\/([^/]+)$/, 'read:users', ([id]) => (user(id) ? { status: 200, body: user(id) } : missingUser())],
		['POST', /^\/api\/v2\/users$/, 'create:users', (_p, body) => {
			if (!body.connection) return auth0Error(400, 'Payload validation error: \'Missing required property: connection\'.', 'invalid_body');
			if (body.email && [...state.users.values()].some((u) => u.email === body.email)) return auth0Error(409, 'The user already exists.', 'auth0_idp_error');
			const created = newUser(body, now());
			state.users.set(created.user_id, created);
			hooks.userEvent('user.created', { object: created });
			return { status: 201, body: created };
		}, 'Create a User'],
		['PATCH', /^\/api\/v2\/users\/([^/]+)$/, 'update:users', ([id], body) => {
			const current = user(id);
			if (!current) return missingUser();
			const previous = JSON.parse(JSON.stringify(current));
			for (const field of USER_FIELDS) if (body[field] !== undefined) current[field] = body[field];
			current.updated_at = now();
			hooks.userEvent('user.updated', { object: current, previous_object: previous });
			return { status: 200, body: current };
		}, 'Update a user'],
		['DELETE', /^\/api\/v2\/users\/([^/]+)$/, 'delete:users', ([id]) => {
			const current = user(id);
			if (current) {
				state.users.delete(id);
				state.userRoles.delete(id);
				hooks.userEvent('user.deleted', { object: { ...current, deleted_at: now() } });
			}
			return { status: 204, body: undefined };
		}, 'Delete a User'],
		['DELETE', /^\/api\/v2\/users\/([^/]+)\/authenticators$/, 'delete:guardian_enrollments', ([id]) => {
			if (!user(id)) return missingUser();
			state.enrollments.delete(id);
			return { status: 204, body: undefined };
		}, 'Delete all authenticators of a user'],
		['DELETE', /^\/api\/v2\/users\/([^/]+)\/authentication-methods$/, 'delete:authentication_methods', ([id]) => {
			if (!user(id)) return missingUser();
			state.enrollments.delete(id);
			return { status: 204, body: undefined };
		}, 'Delete all authentication methods for a user'],
		['GET', /^\/api\/v2\/users\/([^/]+)\/roles$/, 'read:roles', ([id], _b, query) => {
			if (!user(id)) return missingUser();
			const roles = [...rolesOf(id)].map((roleId) => state.roles.get(roleId)).filter(Boolean);
			return { status: 200, body: page(query, roles, 'roles') };
		}],
		['POST', /^\/api\/v2\/users\/([^/]+)\/roles$/, 'create:role_members', ([id], body) => {
			if (!user(id)) return missingUser();
			const roles = Array.isArray(body.roles) ? body.roles : [];
			if (roles.length === 0 || roles.some((r) => !state.roles.has(r))) return auth0Error(400, 'One or more roles do not exist.', 'invalid_body');
			for (const roleId of roles) rolesOf(id).add(roleId);
			return { status: 204, body: undefined };
		}, 'Assign roles to a user'],
		['DELETE', /^\/api\/v2\/users\/([^/]+)\/roles$/, 'delete:role_members', ([id], body) => {
			if (!user(id)) return missingUser();
			for (const roleId of Array.isArray(body.roles) ? body.roles : []) rolesOf(id).delete(roleId);
			return { status: 204, body: undefined };
		}, 'Removes roles from a user'],
		['GET', /^\/api\/v2\/roles$/, 'read:roles', (_p, _b, query) => ({ status: 200, body: page(query, [...state.roles.values()], 'roles') })],
		['POST', /^\/api\/v2\/roles$/, 'create:roles', (_p, body) => {
			if (!body.name) return auth0Error(400, 'Payload validation error: \'Missing required property: name\'.', 'invalid_body');
			const role = { id: `rol_${hex(8)}`, name: body.name, description: body.description ?? body.name };
			state.roles.set(role.id, role);
			return { status: 200, body: role };
		}, 'Create a role'],
		['GET', /^\/api\/v2\/roles\/([^/]+)$/, 'read:roles', ([id]) => {
			const role = state.roles.get(id);
			return role ? { status: 200, body: role } : auth0Error(404, 'The role does not exist.', 'inexistent_role');
		}],
		['PATCH', /^\/api\/v2\/roles\/([^/]+)$/, 'update:roles', ([id], body) => {
			const role = state.roles.get(id);
			if (!role) return auth0Error(404, 'The role does not exist.', 'inexistent_role');
			Object.assign(role, body.name ? { name: body.name } : {}, body.description ? { description: body.description } : {});
			return { status: 200, body: role };
		}, 'Update a role'],
		['DELETE', /^\/api\/v2\/roles\/([^/]+)$/, 'delete:roles', ([id]) => {
			state.roles.delete(id);
			for (const roles of state.userRoles.values()) roles.delete(id);
			return { status: 200, body: undefined };
		}, 'Delete a role'],
		['POST', /^\/api\/v2\/roles\/([^/]+)\/users$/, 'create:role_members', ([id], body) => {
			if (!state.roles.has(id)) return auth0Error(404, 'The role does not exist.', 'inexistent_role');
			for (const userId of Array.isArray(body.users) ? body.users : []) if (user(userId)) rolesOf(userId).add(id);
			return { status: 200, body: undefined };
		}, 'Assign users to a role'],
		['GET', /^\/api\/v2\/log-streams$/, 'read:log_streams', () => ({ status: 200, body: [...state.logStreams.values()].map(publicLogStream) })],
		['GET', /^\/api\/v2\/log-streams\/([^/]+)$/, 'read:log_streams', ([id]) => {
			const stream = state.logStreams.get(id);
			return stream ? { status: 200, body: publicLogStream(stream) } : auth0Error(404, 'The log stream does not exist', 'inexistent_log_stream');
		}],
		['POST', /^\/api\/v2\/log-streams$/, 'create:log_streams', (_p, body) => {
			if (body.type !== 'http') return auth0Error(400, `The fake supports log streams of type "http" only, not "${body.type}"`, 'invalid_body');
			const sink = body.sink ?? {};
			if (!/^https?:\/\//.test(sink.httpEndpoint ?? '')) return auth0Error(400, 'Payload validation error: \'Missing required property: httpEndpoint\'.', 'invalid_body');
			if (sink.httpContentFormat && !FORMATS.has(sink.httpContentFormat)) return auth0Error(400, `Payload validation error: httpContentFormat must be one of JSONLINES, JSONARRAY, JSONOBJECT`, 'invalid_body');
			const stream = { id: `lst_${hex(8)}`, name: body.name ?? 'HTTP log stream', type: 'http', status: 'active', filters: body.filters ?? [], isPriority: false, sink: { httpContentFormat: 'JSONLINES', httpContentType: 'application/json', ...sink }, cursor: state.logs.length };
			state.logStreams.set(stream.id, stream);
			return { status: 200, body: publicLogStream(stream) };
		}, 'Create a log stream'],
		['PATCH', /^\/api\/v2\/log-streams\/([^/]+)$/, 'update:log_streams', ([id], body) => {
			const stream = state.logStreams.get(id);
			if (!stream) return auth0Error(404, 'The log stream does not exist', 'inexistent_log_stream');
			if (body.status) stream.status = body.status;
			if (body.sink) Object.assign(stream.sink, body.sink);
			if (body.name) stream.name = body.name;
			return { status: 200, body: publicLogStream(stream) };
		}, 'Update a log stream'],
		['DELETE', /^\/api\/v2\/log-streams\/([^/]+)$/, 'delete:log_streams', ([id]) => {
			if (!state.logStreams.delete(id)) return auth0Error(404, 'The log stream does not exist', 'inexistent_log_stream');
			return { status: 204, body: undefined };
		}, 'Delete a log stream'],
		['GET', /^\/api\/v2\/event-streams$/, 'read:event_streams', () => ({ status: 200, body: { eventStreams: [...state.eventStreams.values()].map(publicEventStream) } })],
		['POST', /^\/api\/v2\/event-streams$/, 'create:event_streams', (_p, body) => {
			const config = body.destination?.configuration ?? {};
			if (body.destination?.type !== 'webhook' || !/^https?:\/\//.test(config.webhook_endpoint ?? '')) return auth0Error(400, 'Payload validation error: a webhook destination needs configuration.webhook_endpoint', 'invalid_body');
			const stream = { id: `est_${hex(12)}`, name: body.name ?? 'event stream', status: body.status ?? 'enabled', subscriptions: body.subscriptions ?? [], destination: body.destination, created_at: now(), updated_at: now() };
			state.eventStreams.set(stream.id, stream);
			return { status: 201, body: publicEventStream(stream) };
		}, 'Create an event stream'],
		['DELETE', /^\/api\/v2\/event-streams\/([^/]+)$/, 'delete:event_streams', ([id]) => {
			if (!state.eventStreams.delete(id)) return auth0Error(404, 'The event stream does not exist', 'inexistent_event_stream');
			return { status: 204, body: undefined };
		}, 'Delete an event stream'],
	];
}

module.exports = { createRoutes, auth0Error, newUser };
