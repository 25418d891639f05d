// Admin API endpoints of the fake Duo: users, user groups and devices, groups, bypass codes, WebAuthn, U2F and
// enrollment, with Duo's envelope ({stat:"OK", response, metadata} / {stat:"FAIL", code, message}) and
// offset paging (limit/offset → metadata.next_offset).
'use strict';

const { USER_FIELDS, ALIAS_FIELDS } = require('./store');

const USER_STATUSES = new Set(['active', 'bypass', 'disabled']);
const GROUP_STATUSES = new Set(['active', 'bypass', 'disabled']);

const ok = (response, metadata) => ({
	status: 200,
	body: metadata ? { stat: 'OK', response, metadata } : { stat: 'OK', response },
});
const fail = (status, code, message, detail) => ({
	status,
	body:
		detail === undefined
			? { stat: 'FAIL', code, message }
			: { stat: 'FAIL', code, message, message_detail: detail },
});
const notFound = () => fail(404, 40401, 'Resource not found');
const invalid = (detail) => fail(400, 40002, 'Invalid request parameters', detail);
const duplicate = (detail) => fail(400, 40003, 'Duplicate resource', detail);

/**
 * Duo-style offset paging. `limit` is advisory: larger values are clamped to the endpoint maximum.
 * @param {any[]} items @param {Record<string,string>} params @param {{ defaultLimit: number, maxLimit: number }} sizes
 */
function page(items, params, sizes) {
	const limit = params.limit === undefined ? sizes.defaultLimit : Number(params.limit);
	const offset = params.offset === undefined ? 0 : Number(params.offset);
	if (!Number.isInteger(limit) || limit < 1) return invalid('limit');
	if (!Number.isInteger(offset) || offset < 0) return invalid('offset');
	const size = Math.min(limit, sizes.maxLimit);
	const slice = items.slice(offset, offset + size);
	const metadata = { total_objects: items.length };
	if (offset + size < items.length) metadata.next_offset = offset + size;
	if (offset > 0) metadata.prev_offset = Math.max(0, offset - size);
	return ok(slice, metadata);
}

function parseJsonList(value, name) {
	try {
		const list = JSON.parse(value);
		if (Array.isArray(list) && list.every((entry) => typeof entry === 'string')) return { list };
	} catch {
		// reported below as Duo does, naming the parameter
	}
	return { error: invalid(name) };
}

/** Applies user fields from params; returns a FAIL response, or undefined when every value was valid. */
function applyUserFields(store, user, params) {
	if (params.status !== undefined && !USER_STATUSES.has(params.status)) return invalid('status');
	if (params.username !== undefined) {
		if (!params.username) return invalid('username');
		if (store.identifierOwner(params.username, user.user_id)) return duplicate('username');
	}
	for (const slot of ALIAS_FIELDS) {
		if (params[slot] && store.identifierOwner(params[slot], user.user_id)) return duplicate(slot);
	}
	for (const field of USER_FIELDS) if (params[field] !== undefined) user[field] = params[field];
	for (const slot of ALIAS_FIELDS)
		if (params[slot] !== undefined) user[slot] = params[slot] === '' ? null : params[slot];
	for (const [key, value] of Object.entries(params)) {
		if (key.startsWith('custom_attributes.'))
			user.custom_attributes[key.slice('custom_attributes.'.length)] = value;
	}
	return undefined;
}

const USERS_PAGE = { defaultLimit: 100, maxLimit: 300 };
const SUB_PAGE = { defaultLimit: 100, maxLimit: 500 };
const GROUPS_PAGE = { defaultLimit: 100, maxLimit: 100 };

/**
 * Route table: [method, pattern, handler(store, params, ...pathParams)].
 * Handlers return { status, body }.
 */
const ROUTES = [
	[
		'GET',
		/^\/admin\/v1\/users$/,
		(store, params) => {
			let users = [...store.state.users.values()];
			if (params.username !== undefined) {
				// Duo: "the list will either contain a single user (if a match was found) or no users";
				// the username parameter matches usernames and aliases.
				users = store.usersMatching(params.username).slice(0, 1);
			} else if (params.username_list !== undefined) {
				// The docs do not say whether username_list matches aliases; Duo's Python client documents
				// get_users_by_names as "a list user objects matching usernames (or aliases)", so this fake
				// matches username OR alias, like username= does.
				const parsed = parseJsonList(params.username_list, 'username_list');
				if (parsed.error) return parsed.error;
				const seen = new Set();
				users = parsed.list
					.flatMap((key) => store.usersMatching(key))
					.filter((u) => !seen.has(u.user_id) && seen.add(u.user_id));
			} else if (params.user_id_list !== undefined) {
				const parsed = parseJsonList(params.user_id_list, 'user_id_list');
				if (parsed.error) return parsed.error;
				users = parsed.list.map((id) => store.state.users.get(id)).filter(Boolean);
			} else if (params.email !== undefined) {
				users = users.filter((u) => u.email.toLowerCase() === params.email.toLowerCase());
			}
			const paged = page(users, params, USERS_PAGE);
			if (paged.body.stat === 'OK') paged.body.response = paged.body.response.map(store.renderUser);
			return paged;
		},
	],
	[
		'POST',
		/^\/admin\/v1\/users$/,
		(store, params) => {
			if (!params.username) return invalid('username');
			if (store.identifierOwner(params.username)) return duplicate('username');
			if (params.status !== undefined && !USER_STATUSES.has(params.status))
				return invalid('status');
			for (const slot of ALIAS_FIELDS)
				if (params[slot] && store.identifierOwner(params[slot])) return duplicate(slot);
			const user = store.addUser({ username: params.username });
			applyUserFields(store, user, params);
			return ok(store.renderUser(user));
		},
	],
	[
		'POST',
		/^\/admin\/v1\/users\/enroll$/,
		(store, params) => {
			if (!params.username) return invalid('username');
			if (!params.email) return invalid('email');
			// Duo: the username (or an alias) of the user to enroll. An unknown username is created, as
			// Duo's enroll endpoint creates the user the enrollment email is for.
			const user =
				store.usersMatching(params.username)[0] ||
				store.addUser({ username: params.username, email: params.email });
			const code = store.next('enrollment', 'EN').slice(-16);
			store.state.enrollments.push({
				user_id: user.user_id,
				username: user.username,
				email: params.email,
				valid_secs: params.valid_secs === undefined ? 2592000 : Number(params.valid_secs),
				code,
			});
			return ok(code);
		},
	],
	[
		'GET',
		/^\/admin\/v1\/users\/([^/]+)$/,
		(store, params, id) =>
			store.state.users.has(id) ? ok(store.renderUser(store.state.users.get(id))) : notFound(),
	],
	[
		'POST',
		/^\/admin\/v1\/users\/([^/]+)$/,
		(store, params, id) => {
			const user = store.state.users.get(id);
			if (!user) return notFound();
			const draft = { ...user, custom_attributes: { ...user.custom_attributes } };
			const problem = applyUserFields(store, draft, params);
			if (problem) return problem;
			Object.assign(user, draft);
			return ok(store.renderUser(user));
		},
	],
	[
		'DELETE',
		/^\/admin\/v1\/users\/([^/]+)$/,
		(store, params, id) => {
			// Deleting a deleted user "does nothing" (Duo's Python client); unknown ids are not found.
			if (store.state.trash.has(id) && !store.state.users.has(id)) return ok('');
			return store.removeUser(id) ? ok('') : notFound();
		},
	],
	[
		'GET',
		/^\/admin\/v1\/users\/([^/]+)\/groups$/,
		(store, params, id) => {
			const user = store.state.users.get(id);
			return user ? page(store.renderUser(user).groups, params, SUB_PAGE) : notFound();
		},
	],
	[
		'POST',
		/^\/admin\/v1\/users\/([^/]+)\/groups$/,
		(store, params, id) => {
			const user = store.state.users.get(id);
			if (!user) return notFound();
			if (!params.group_id || !store.state.groups.has(params.group_id)) return invalid('group_id');
			if (!user.groupIds.includes(params.group_id)) user.groupIds.push(params.group_id);
			return ok('');
		},
	],
	[
		'DELETE',
		/^\/admin\/v1\/users\/([^/]+)\/groups\/([^/]+)$/,
		(store, params, id, groupId) => {
			const user = store.state.users.get(id);
			if (!user) return notFound();
			user.groupIds = user.groupIds.filter((g) => g !== groupId);
			return ok('');
		},
	],
	...[
		['phones', 'phoneIds', (store, u) => store.renderUser(u).phones],
		['tokens', 'tokenIds', (store, u) => store.renderUser(u).tokens],
	].flatMap(([segment, field, list]) => [
		[
			'GET',
			new RegExp(`^/admin/v1/users/([^/]+)/${segment}$`),
			(store, params, id) =>
				store.state.users.has(id)
					? page(list(store, store.state.users.get(id)), params, SUB_PAGE)
					: notFound(),
		],
		[
			'DELETE',
			new RegExp(`^/admin/v1/users/([^/]+)/${segment}/([^/]+)$`),
			(store, params, id, deviceId) => {
				const user = store.state.users.get(id);
				if (!user || !user[field].includes(deviceId)) return notFound();
				user[field] = user[field].filter((d) => d !== deviceId);
				const device = (segment === 'phones' ? store.state.phones : store.state.tokens).get(
					deviceId,
				);
				device?.userIds.delete(id);
				return ok('');
			},
		],
	]),
	[
		'GET',
		/^\/admin\/v1\/users\/([^/]+)\/webauthncredentials$/,
		(store, params, id) =>
			store.state.users.has(id)
				? page(store.webauthnOf(id).map(store.renderWebauthn), params, SUB_PAGE)
				: notFound(),
	],
	[
		'GET',
		/^\/admin\/v1\/users\/([^/]+)\/u2ftokens$/,
		(store, params, id) =>
			store.state.users.has(id)
				? page(store.u2fOf(id).map(store.renderU2f), params, SUB_PAGE)
				: notFound(),
	],
	[
		'GET',
		/^\/admin\/v1\/users\/([^/]+)\/bypass_codes$/,
		(store, params, id) =>
			store.state.users.has(id)
				? page(store.bypassCodesOf(id).map(store.renderBypassCode), params, SUB_PAGE)
				: notFound(),
	],
	[
		'DELETE',
		/^\/admin\/v1\/webauthncredentials\/([^/]+)$/,
		(store, params, key) => (store.state.webauthn.delete(key) ? ok('') : notFound()),
	],
	[
		'DELETE',
		/^\/admin\/v1\/u2ftokens\/([^/]+)$/,
		(store, params, id) => (store.state.u2f.delete(id) ? ok('') : notFound()),
	],
	[
		'DELETE',
		/^\/admin\/v1\/bypass_codes\/([^/]+)$/,
		(store, params, id) => (store.state.bypassCodes.delete(id) ? ok('') : notFound()),
	],
	[
		'GET',
		/^\/admin\/v1\/groups$/,
		(store, params) => {
			let groups = [...store.state.groups.values()];
			if (params.group_id_list !== undefined) {
				const parsed = parseJsonList(params.group_id_list, 'group_id_list');
				if (parsed.error) return parsed.error;
				groups = parsed.list.map((id) => store.state.groups.get(id)).filter(Boolean);
			}
			const paged = page(groups, params, GROUPS_PAGE);
			if (paged.body.stat === 'OK')
				paged.body.response = paged.body.response.map(store.renderGroup);
			return paged;
		},
	],
	[
		'POST',
		/^\/admin\/v1\/groups$/,
		(store, params) => {
			if (!params.name) return invalid('name');
			if (store.findGroupByName(params.name)) return duplicate('name');
			if (params.status !== undefined && !GROUP_STATUSES.has(params.status))
				return invalid('status');
			const group = store.addGroup({
				name: params.name,
				desc: params.desc ?? '',
				...(params.status ? { status: params.status } : {}),
			});
			return ok(store.renderGroup(group));
		},
	],
	[
		'GET',
		/^\/admin\/v[12]\/groups\/([^/]+)$/,
		(store, params, id) =>
			store.state.groups.has(id) ? ok(store.renderGroup(store.state.groups.get(id))) : notFound(),
	],
	[
		'GET',
		/^\/admin\/v2\/groups\/([^/]+)\/users$/,
		(store, params, id) => {
			if (!store.state.groups.has(id)) return notFound();
			const members = [...store.state.users.values()]
				.filter((u) => u.groupIds.includes(id))
				.map((u) => ({ user_id: u.user_id, username: u.username }));
			return page(members, params, SUB_PAGE);
		},
	],
	[
		'POST',
		/^\/admin\/v1\/groups\/([^/]+)$/,
		(store, params, id) => {
			const group = store.state.groups.get(id);
			if (!group) return notFound();
			if (params.name !== undefined) {
				const owner = store.findGroupByName(params.name);
				if (!params.name) return invalid('name');
				if (owner && owner.group_id !== id) return duplicate('name');
			}
			if (params.status !== undefined && !GROUP_STATUSES.has(params.status))
				return invalid('status');
			for (const field of ['name', 'desc', 'status'])
				if (params[field] !== undefined) group[field] = params[field];
			return ok(store.renderGroup(group));
		},
	],
	[
		'DELETE',
		/^\/admin\/v1\/groups\/([^/]+)$/,
		(store, params, id) => (store.removeGroup(id) ? ok('') : notFound()),
	],
];

/** Collapses an id-bearing path to a route key such as `DELETE /admin/v1/users/:id/phones/:id`. */
function routeKey(method, path) {
	const route = ROUTES.find(([m, pattern]) => m === method && pattern.test(path));
	if (!route) return `${method} ${path}`;
	const source = route[1].source.replace(/^\^/, '').replace(/\$$/, '').replace(/\\\//g, '/');
	return `${method} ${source.replace(/\(\[\^\/\]\+\)/g, ':id').replace(/v\[12\]/, 'v1|v2')}`;
}

/** @returns {{ status: number, body: any }} */
function dispatch(store, method, path, params) {
	const matchesPath = ROUTES.filter(([, pattern]) => pattern.test(path));
	if (matchesPath.length === 0) return notFound();
	const route = matchesPath.find(([m]) => m === method);
	if (!route) return fail(405, 40501, 'Method not allowed');
	const [, pattern, handler] = route;
	const ids = pattern.exec(path).slice(1).map(decodeURIComponent);
	return handler(store, params, ...ids);
}

module.exports = { dispatch, routeKey, ROUTES };
