// PingOne Platform and MFA endpoints of the fake, relative to /v1/environments/{envId}: users (enabled,
// mfaEnabled, memberOfGroups), groups and MFA devices, with PingOne's HAL collection envelope
// ({_links:{self,next}, _embedded:{<plural>:[…]}, count, size}, cursor paging by `_links.next.href`) and its
// error body ({id, code, message, details[]}). Shapes follow shared/reference/mfa-providers.md part A.
'use strict';

const { parseFilter } = require('./filter');
const { USER_FIELDS } = require('./store');

const INVALID_DATA_MESSAGE =
	'The request could not be completed. One or more validation errors were in the request.';
const DEVICE_TYPES = new Set(['EMAIL', 'SMS', 'VOICE', 'WHATSAPP', 'TOTP']);
const PHONE_TYPES = new Set(['SMS', 'VOICE', 'WHATSAPP']);
const MAX_LIMIT = 1000;
const DEFAULT_LIMIT = 100;
const ORDER_REMOVE = 'application/vnd.pingidentity.devices.order.remove+json';

function p1Error(store, status, code, message, details) {
	return {
		status,
		body: { id: store.next('error'), code, message, ...(details ? { details } : {}) },
	};
}
const notFound = (store) =>
	p1Error(
		store,
		404,
		'NOT_FOUND',
		'The request could not be completed. The requested resource was not found.',
	);
const invalid = (store, code, target, message) =>
	p1Error(store, 400, 'INVALID_DATA', INVALID_DATA_MESSAGE, [{ code, target, message }]);
// [unverified] PingOne may answer a duplicate with 409; the reference chooses 400 with UNIQUENESS_VIOLATION.
const duplicate = (store, target) =>
	invalid(store, 'UNIQUENESS_VIOLATION', target, `${target} must be unique`);
const required = (store, target) =>
	invalid(store, 'REQUIRED_VALUE', target, `${target} is required`);

const USER_SCHEMA = {
	attributes: new Set([
		'id',
		'username',
		'email',
		'externalId',
		'name.given',
		'name.family',
		'population.id',
		'enabled',
	]),
	read: (user, attribute) => attribute.split('.').reduce((value, key) => value?.[key], user),
	groupsOf: (user) => [...user.groupIds],
};
const DEVICE_SCHEMA = {
	attributes: new Set(['status', 'type']),
	read: (device, attribute) => device[attribute],
};
const GROUP_SCHEMA = {
	attributes: new Set(['id', 'name', 'externalId']),
	read: (group, attribute) => group[attribute],
};

const encodeCursor = (offset) => Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
function decodeCursor(cursor) {
	try {
		const offset = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')).o;
		return Number.isInteger(offset) && offset >= 0 ? offset : undefined;
	} catch {
		return undefined;
	}
}

/** One page of `items` as PingOne's collection envelope, with a next link while more remain. */
function page(ctx, items, embedded) {
	const { store, query } = ctx;
	const limit = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
	if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
		return invalid(store, 'INVALID_VALUE', 'limit', `limit must be between 1 and ${MAX_LIMIT}`);
	}
	const offset = query.cursor === undefined ? 0 : decodeCursor(query.cursor);
	if (offset === undefined) return invalid(store, 'INVALID_VALUE', 'cursor', 'cursor is not valid');
	const slice = items.slice(offset, offset + limit);
	const base = `${ctx.origin}/v1/environments/${store.state.environmentId}${ctx.path}`;
	const link = (params) => ({ href: `${base}?${new URLSearchParams(params).toString()}` });
	const { cursor: _cursor, ...rest } = query;
	const links = { self: link(query) };
	if (offset + limit < items.length) {
		links.next = link({ ...rest, limit: String(limit), cursor: encodeCursor(offset + limit) });
	}
	// [unverified] count = all matches, size = this page.
	return {
		status: 200,
		body: {
			_links: links,
			_embedded: { [embedded]: slice },
			count: items.length,
			size: slice.length,
		},
	};
}

function filtered(ctx, items, schema) {
	if (ctx.query.filter === undefined) return { items };
	try {
		return { items: items.filter(parseFilter(ctx.query.filter, schema)) };
	} catch (error) {
		// [unverified] the detail code PingOne uses for an unparsable filter.
		return { error: invalid(ctx.store, 'INVALID_FILTER', 'filter', error.message) };
	}
}

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

function userOrNotFound(ctx, id) {
	return ctx.store.state.users.get(id);
}

function validateUserFields(ctx, body, exceptId) {
	const { store } = ctx;
	if (body.username !== undefined) {
		if (typeof body.username !== 'string' || !body.username.trim())
			return required(store, 'username');
		if (body.username.length > 128) {
			return invalid(store, 'SIZE_LIMIT_EXCEEDED', 'username', 'username is longer than 128');
		}
		if (store.usernameTaken(body.username, exceptId)) return duplicate(store, 'username');
	}
	if (body.email !== undefined && (typeof body.email !== 'string' || !body.email.includes('@'))) {
		return invalid(store, 'INVALID_VALUE', 'email', 'email must be an email address');
	}
	if (body.name !== undefined && !isObject(body.name)) {
		return invalid(store, 'INVALID_VALUE', 'name', 'name must be an object');
	}
	if (body.population !== undefined && !store.state.populations.has(body.population?.id)) {
		return invalid(store, 'INVALID_VALUE', 'population.id', 'population does not exist');
	}
	return undefined;
}

function membership(ctx, user, group, expand) {
	return {
		_links: {
			self: {
				href: `${ctx.origin}/v1/environments/${ctx.store.state.environmentId}/users/${user.id}/memberOfGroups/${group.id}`,
			},
		},
		id: group.id,
		name: group.name,
		type: 'DIRECT',
		environment: { id: ctx.store.state.environmentId },
		...(expand ? { _embedded: { group: ctx.store.renderGroup(group, ctx.origin) } } : {}),
	};
}

/** [method, pattern, route name, handler(ctx, ...path params)]; the body is parsed JSON or undefined. */
const ROUTES = [
	[
		'GET',
		/^\/users$/,
		'GET /users',
		(ctx) => {
			const users = [...ctx.store.state.users.values()];
			const result = filtered(ctx, users, USER_SCHEMA);
			if (result.error) return result.error;
			const paged = page(ctx, result.items, 'users');
			if (paged.status === 200) {
				paged.body._embedded.users = paged.body._embedded.users.map((u) =>
					ctx.store.renderUser(u, ctx.origin),
				);
			}
			return paged;
		},
	],
	[
		'POST',
		/^\/users$/,
		'POST /users',
		(ctx) => {
			const { store, body } = ctx;
			if (!isObject(body)) return required(store, 'body');
			if (body.username === undefined) return required(store, 'username');
			if (body.email === undefined) return required(store, 'email');
			const problem = validateUserFields(ctx, body);
			if (problem) return problem;
			const user = store.addUser({ ...body, enabled: true, mfaEnabled: body.mfaEnabled === true });
			return { status: 201, body: store.renderUser(user, ctx.origin) };
		},
	],
	[
		'GET',
		/^\/users\/([^/]+)$/,
		'GET /users/:id',
		(ctx, id) => {
			const user = userOrNotFound(ctx, id);
			if (!user) return notFound(ctx.store);
			const includeGroupIds = ctx.query.include === 'memberOfGroupIDs';
			return { status: 200, body: ctx.store.renderUser(user, ctx.origin, { includeGroupIds }) };
		},
	],
	[
		'PATCH',
		/^\/users\/([^/]+)$/,
		'PATCH /users/:id',
		(ctx, id) => {
			const { store, body } = ctx;
			const user = userOrNotFound(ctx, id);
			if (!user) return notFound(store);
			if (!isObject(body)) return required(store, 'body');
			const problem = validateUserFields(ctx, body, id);
			if (problem) return problem;
			for (const field of USER_FIELDS) {
				if (body[field] === undefined) continue;
				user[field] = field === 'name' ? { ...(user.name ?? {}), ...body.name } : body[field];
			}
			if (body.population) user.population = { id: body.population.id };
			user.updatedAt = store.now();
			return { status: 200, body: store.renderUser(user, ctx.origin) };
		},
	],
	[
		'DELETE',
		/^\/users\/([^/]+)$/,
		'DELETE /users/:id',
		(ctx, id) => {
			if (!ctx.store.state.users.delete(id)) return notFound(ctx.store);
			return { status: 204 };
		},
	],
	[
		'PUT',
		/^\/users\/([^/]+)\/enabled$/,
		'PUT /users/:id/enabled',
		(ctx, id) => {
			const user = userOrNotFound(ctx, id);
			if (!user) return notFound(ctx.store);
			if (typeof ctx.body?.enabled !== 'boolean') return required(ctx.store, 'enabled');
			user.enabled = ctx.body.enabled;
			user.updatedAt = ctx.store.now();
			const self = `${ctx.origin}/v1/environments/${ctx.store.state.environmentId}/users/${id}`;
			return {
				status: 200,
				body: {
					_links: { self: { href: `${self}/enabled` }, user: { href: self } },
					enabled: user.enabled,
				},
			};
		},
	],
	[
		'GET',
		/^\/users\/([^/]+)\/mfaEnabled$/,
		'GET /users/:id/mfaEnabled',
		(ctx, id) => {
			const user = userOrNotFound(ctx, id);
			if (!user) return notFound(ctx.store);
			return { status: 200, body: { mfaEnabled: user.mfaEnabled } };
		},
	],
	[
		'PUT',
		/^\/users\/([^/]+)\/mfaEnabled$/,
		'PUT /users/:id/mfaEnabled',
		(ctx, id) => {
			const user = userOrNotFound(ctx, id);
			if (!user) return notFound(ctx.store);
			if (typeof ctx.body?.mfaEnabled !== 'boolean') return required(ctx.store, 'mfaEnabled');
			user.mfaEnabled = ctx.body.mfaEnabled;
			return { status: 200, body: { mfaEnabled: user.mfaEnabled } };
		},
	],
	[
		'GET',
		/^\/users\/([^/]+)\/memberOfGroups$/,
		'GET /users/:id/memberOfGroups',
		(ctx, id) => {
			const user = userOrNotFound(ctx, id);
			if (!user) return notFound(ctx.store);
			const expand = ctx.query.expand === 'group';
			const memberships = [...user.groupIds]
				.map((groupId) => ctx.store.state.groups.get(groupId))
				.filter(Boolean)
				.map((group) => membership(ctx, user, group, expand));
			return page(ctx, memberships, 'groupMemberships');
		},
	],
	[
		'POST',
		/^\/users\/([^/]+)\/memberOfGroups$/,
		'POST /users/:id/memberOfGroups',
		(ctx, id) => {
			const { store, body } = ctx;
			const user = userOrNotFound(ctx, id);
			if (!user) return notFound(store);
			if (typeof body?.id !== 'string') return required(store, 'id');
			const group = store.state.groups.get(body.id);
			// [unverified] an unknown group id may be a 400 INVALID_VALUE rather than 404.
			if (!group) return notFound(store);
			// [unverified] the answer for an existing membership.
			if (user.groupIds.has(group.id)) return duplicate(store, 'id');
			user.groupIds.add(group.id);
			return { status: 201, body: membership(ctx, user, group, false) };
		},
	],
	[
		'DELETE',
		/^\/users\/([^/]+)\/memberOfGroups\/([^/]+)$/,
		'DELETE /users/:id/memberOfGroups/:id',
		(ctx, id, groupId) => {
			const user = userOrNotFound(ctx, id);
			if (!user || !user.groupIds.delete(groupId)) return notFound(ctx.store);
			return { status: 204 };
		},
	],
	[
		'GET',
		/^\/groups$/,
		'GET /groups',
		(ctx) => {
			const result = filtered(ctx, [...ctx.store.state.groups.values()], GROUP_SCHEMA);
			if (result.error) return result.error;
			const paged = page(ctx, result.items, 'groups');
			if (paged.status === 200) {
				paged.body._embedded.groups = paged.body._embedded.groups.map((g) =>
					ctx.store.renderGroup(g, ctx.origin),
				);
			}
			return paged;
		},
	],
	[
		'POST',
		/^\/groups$/,
		'POST /groups',
		(ctx) => {
			const { store, body } = ctx;
			if (typeof body?.name !== 'string' || !body.name.trim()) return required(store, 'name');
			if (store.groupNameTaken(body.name)) return duplicate(store, 'name');
			const group = store.addGroup(body);
			return { status: 201, body: store.renderGroup(group, ctx.origin) };
		},
	],
	[
		'GET',
		/^\/groups\/([^/]+)$/,
		'GET /groups/:id',
		(ctx, id) => {
			const group = ctx.store.state.groups.get(id);
			if (!group) return notFound(ctx.store);
			return { status: 200, body: ctx.store.renderGroup(group, ctx.origin) };
		},
	],
	[
		'PUT',
		/^\/groups\/([^/]+)$/,
		'PUT /groups/:id',
		(ctx, id) => {
			const { store, body } = ctx;
			const group = store.state.groups.get(id);
			if (!group) return notFound(store);
			if (typeof body?.name !== 'string' || !body.name.trim()) return required(store, 'name');
			if (store.groupNameTaken(body.name, id)) return duplicate(store, 'name');
			// PUT replaces: fields left out are cleared [unverified].
			Object.assign(group, {
				name: body.name,
				description: body.description,
				population: body.population,
				externalId: body.externalId,
				updatedAt: store.now(),
			});
			return { status: 200, body: store.renderGroup(group, ctx.origin) };
		},
	],
	[
		'DELETE',
		/^\/groups\/([^/]+)$/,
		'DELETE /groups/:id',
		(ctx, id) => {
			if (!ctx.store.state.groups.has(id)) return notFound(ctx.store);
			ctx.store.deleteGroup(id);
			return { status: 204 };
		},
	],
	[
		'GET',
		/^\/users\/([^/]+)\/devices$/,
		'GET /users/:id/devices',
		(ctx, id) => {
			const user = userOrNotFound(ctx, id);
			if (!user) return notFound(ctx.store);
			const devices = [...user.devices.values()].map((d) =>
				ctx.store.renderDevice(user, d, ctx.origin),
			);
			const result = filtered(ctx, devices, DEVICE_SCHEMA);
			return result.error ?? page(ctx, result.items, 'devices');
		},
	],
	[
		'POST',
		/^\/users\/([^/]+)\/devices$/,
		'POST /users/:id/devices',
		(ctx, id) => {
			const { store, body } = ctx;
			const user = userOrNotFound(ctx, id);
			if (!user) return notFound(store);
			if (typeof body?.type !== 'string') return required(store, 'type');
			// MOBILE devices are paired with a pairing key, not created (MFA Devices overview).
			if (!DEVICE_TYPES.has(body.type))
				return invalid(store, 'INVALID_VALUE', 'type', `type ${body.type} cannot be created`);
			if (body.type === 'EMAIL' && typeof body.email !== 'string') return required(store, 'email');
			if (PHONE_TYPES.has(body.type) && typeof body.phone !== 'string')
				return required(store, 'phone');
			if (
				body.status !== undefined &&
				body.status !== 'ACTIVE' &&
				body.status !== 'ACTIVATION_REQUIRED'
			) {
				return invalid(
					store,
					'INVALID_VALUE',
					'status',
					'status must be ACTIVE or ACTIVATION_REQUIRED',
				);
			}
			const device = store.addDevice(user, body);
			// [unverified] 201 for a created device.
			return { status: 201, body: store.renderDevice(user, device, ctx.origin) };
		},
	],
	[
		'DELETE',
		/^\/users\/([^/]+)\/devices$/,
		'DELETE /users/:id/devices',
		(ctx, id) => {
			const user = userOrNotFound(ctx, id);
			if (!user) return notFound(ctx.store);
			// Removes the device order only; the devices stay (mfa openapi `DELETE Device Order`).
			if (ctx.contentType !== ORDER_REMOVE) {
				return p1Error(ctx.store, 415, 'INVALID_REQUEST', `Content-Type must be ${ORDER_REMOVE}`);
			}
			return { status: 204 };
		},
	],
	[
		'GET',
		/^\/users\/([^/]+)\/devices\/([^/]+)$/,
		'GET /users/:id/devices/:id',
		(ctx, id, deviceId) => {
			const user = userOrNotFound(ctx, id);
			const device = user?.devices.get(deviceId);
			if (!device) return notFound(ctx.store);
			return { status: 200, body: ctx.store.renderDevice(user, device, ctx.origin) };
		},
	],
	[
		'DELETE',
		/^\/users\/([^/]+)\/devices\/([^/]+)$/,
		'DELETE /users/:id/devices/:id',
		(ctx, id, deviceId) => {
			const user = userOrNotFound(ctx, id);
			if (!user || !user.devices.delete(deviceId)) return notFound(ctx.store);
			return { status: 204 };
		},
	],
];

/** The route of a path below /v1/environments/{envId}. */
function findRoute(method, path) {
	for (const [routeMethod, pattern, name, handler] of ROUTES) {
		if (routeMethod !== method) continue;
		const match = pattern.exec(path);
		if (match) return { name, handler, params: match.slice(1).map(decodeURIComponent) };
	}
	return undefined;
}

function dispatch(ctx) {
	const route = findRoute(ctx.method, ctx.path);
	if (!route) return notFound(ctx.store);
	return route.handler(ctx, ...route.params);
}

module.exports = { dispatch, findRoute, p1Error, notFound };
