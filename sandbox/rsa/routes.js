// Cloud Administration REST API endpoints of the fake, relative to /AdminInterface/restapi: user lookup and
// search, user status, mark deleted, delete now, authenticator lists (v1 and v2) and device delete, with RSA's
// failure body {code: "<status> <REASON>", description}. Codes and rules follow the community.rsa.com API pages
// listed in shared/reference/mfa-providers.md part B; [unverified] marks choices they leave open.
'use strict';

const fail = (status, reason, description) => ({
	status,
	body: { code: `${status} ${reason}`, description },
});
const badRequest = (description) => fail(400, 'BAD_REQUEST', description);
const userNotFound = (id) => fail(404, 'NOT_FOUND', `User ${id} not found`);
const conflict = (description) => fail(409, 'CONFLICT', description);

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

function search(ctx, v2) {
	const { query, body, store } = ctx;
	const pageSize = query.pageSize === undefined ? 25 : Number(query.pageSize);
	if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 25)
		return badRequest('pageSize must be between 1 and 25');
	const pageNumber = v2 && query.pageNumber !== undefined ? Number(query.pageNumber) : 0;
	if (!Number.isInteger(pageNumber) || pageNumber < 0)
		return badRequest('pageNumber must not be negative');
	if (typeof body?.emailLike !== 'string' || !body.emailLike)
		return badRequest('emailLike is required');
	const needle = body.emailLike.toLowerCase();
	const users = store.usersByEmail().filter((entry) => entry.key.includes(needle));
	const start = pageNumber * pageSize;
	return {
		status: 200,
		body: users.slice(start, start + pageSize).map((entry) => store.renderUser(entry.user)),
	};
}

function devices(ctx, id, v2) {
	const user = ctx.store.state.users.get(id);
	if (!user) return userNotFound(id);
	const flag = ctx.query.includeBrowsers;
	if (flag !== undefined && flag !== 'true' && flag !== 'false')
		return badRequest('includeBrowsers must be true or false');
	// v1 includes browsers unless told not to and leaves out SecurID 700 tokens; v2 is the other way round.
	const browsers = flag === undefined ? !v2 : flag === 'true';
	const list = [...user.devices.values()]
		.filter((d) => (browsers || !d.browser) && (v2 || !d.hardware))
		.map(ctx.store.renderDevice);
	// [unverified] the envelope of the list.
	return { status: 200, body: { userId: user.id, devices: list } };
}

/** [method, pattern, route name, handler(ctx, ...path params)] */
const ROUTES = [
	[
		'POST',
		/^\/v1\/users\/lookup$/,
		'POST /v1/users/lookup',
		(ctx) => {
			const { body, store } = ctx;
			if (!isObject(body) || typeof body.email !== 'string' || !body.email)
				return badRequest('email is required');
			const user = store.byEmail(body.email);
			if (!user) return fail(404, 'NOT_FOUND', `User ${body.email} not found`);
			return { status: 200, body: store.renderUser(user) };
		},
	],
	['POST', /^\/v1\/users\/search$/, 'POST /v1/users/search', (ctx) => search(ctx, false)],
	['POST', /^\/v2\/users\/search$/, 'POST /v2/users/search', (ctx) => search(ctx, true)],
	[
		'PUT',
		/^\/v1\/users\/([^/]+)\/userStatus$/,
		'PUT /v1/users/:id/userStatus',
		(ctx, id) => {
			const { body, store } = ctx;
			if (!isObject(body) || Object.keys(body).length !== 1)
				return badRequest('Wrong number of properties in the request body.');
			if (body.userStatus !== 'Enabled' && body.userStatus !== 'Disabled')
				return badRequest('userStatus must be Enabled or Disabled');
			const user = store.state.users.get(id);
			if (!user) return userNotFound(id);
			// [unverified] the reason behind the documented 409.
			if (user.markDeleted) return conflict(`User ${id} is pending deletion`);
			user.userStatus = body.userStatus;
			return { status: 200, body: { id: user.id, userStatus: user.userStatus } };
		},
	],
	[
		'PUT',
		/^\/v1\/users\/([^/]+)\/markDeleted$/,
		'PUT /v1/users/:id/markDeleted',
		(ctx, id) => {
			const { body, store } = ctx;
			if (!isObject(body) || typeof body.markDeleted !== 'boolean')
				return badRequest('markDeleted must be true or false');
			const user = store.state.users.get(id);
			if (!user) return userNotFound(id);
			if (body.markDeleted) {
				if (user.markDeleted) return conflict(`User ${id} is already pending deletion`);
				// The OAuth scope for this call reads "Mark a disabled user as pending deletion".
				if (user.userStatus !== 'Disabled') return conflict(`User ${id} must be disabled first`);
			} else if (!user.markDeleted) {
				return conflict(`User ${id} is not pending deletion`);
			}
			user.markDeleted = body.markDeleted;
			user.markDeletedAt = body.markDeleted ? new Date().toISOString() : null;
			user.markDeletedBy = body.markDeleted ? 'api' : null;
			// [unverified] the body of a successful answer.
			return { status: 200, body: { id: user.id, markDeleted: user.markDeleted } };
		},
	],
	[
		'DELETE',
		/^\/v1\/users\/([^/]+)$/,
		'DELETE /v1/users/:id',
		(ctx, id) => {
			const { store, role } = ctx;
			if (role !== 'SUPER_ADMIN')
				return fail(403, 'FORBIDDEN', 'The API key needs the Super Admin role');
			const user = store.state.users.get(id);
			if (!user) return userNotFound(id);
			if (user.identitySourceType === 'SCIM')
				return fail(
					405,
					'METHOD_NOT_ALLOWED',
					'Users of a SCIM-managed identity source cannot be deleted',
				);
			if (user.userStatus === 'Enabled' || user.markDeleted)
				return conflict(`User ${id} is enabled or pending deletion`);
			store.removeUser(id);
			return { status: 200 };
		},
	],
	[
		'GET',
		/^\/v1\/users\/([^/]+)\/devices$/,
		'GET /v1/users/:id/devices',
		(ctx, id) => devices(ctx, id, false),
	],
	[
		'GET',
		/^\/v2\/users\/([^/]+)\/devices$/,
		'GET /v2/users/:id/devices',
		(ctx, id) => devices(ctx, id, true),
	],
	[
		'DELETE',
		/^\/v1\/users\/([^/]+)\/devices\/([^/]+)$/,
		'DELETE /v1/users/:id/devices/:id',
		(ctx, id, deviceId) => {
			const user = ctx.store.state.users.get(id);
			if (!user || !user.devices.delete(deviceId))
				return fail(404, 'NOT_FOUND', 'User and/or device not found');
			// No response body is documented.
			return { status: 200 };
		},
	],
	[
		'PATCH',
		/^\/v1\/users\/([^/]+)\/sidTokens\/unassign$/,
		'PATCH /v1/users/:id/sidTokens/unassign',
		(ctx, id) => {
			const { body, store } = ctx;
			const serial = body?.tokenSerialNumber;
			if (!isObject(body) || typeof serial !== 'string' || !serial || serial.length > 36)
				return badRequest('tokenSerialNumber is required (at most 36 characters)');
			const user = store.state.users.get(id);
			if (!user) return userNotFound(id);
			const token = [...user.devices.values()].find((d) => d.hardware && d.tokenSerialNumber === serial);
			// [unverified] which of 404 and 409 RSA sends for a token the user does not hold.
			if (!token) return fail(404, 'NOT_FOUND', `Token ${serial} is not assigned to user ${id}`);
			user.devices.delete(token.id);
			return { status: 200, body: { tokenSerialNumber: serial, tokenState: 'Unassigned' } };
		},
	],
];

const READS = new Set(['POST /v1/users/lookup', 'POST /v1/users/search', 'POST /v2/users/search']);

function findRoute(method, path) {
	for (const [routeMethod, pattern, name, handler] of ROUTES) {
		if (routeMethod !== method) continue;
		const match = pattern.exec(path);
		if (match)
			return {
				name,
				handler,
				params: match.slice(1).map(decodeURIComponent),
				read: method === 'GET' || READS.has(name),
			};
	}
	return undefined;
}

function dispatch(ctx) {
	const route = findRoute(ctx.method, ctx.path);
	if (!route) return fail(404, 'NOT_FOUND', `No endpoint ${ctx.method} ${ctx.path}`);
	return route.handler(ctx, ...route.params);
}

module.exports = { dispatch, findRoute, fail };
