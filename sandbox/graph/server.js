// A stateful fake of Microsoft Graph and the Microsoft identity platform token endpoint, on 127.0.0.1:
// - POST /<tenant>/oauth2/v2.0/token (client_credentials, form body, scope `<origin>/.default`) with AADSTS errors;
//   every /v1.0 call checks the bearer token and the application permission it needs.
// - Users (soft and hard delete), groups (Microsoft 365 groups soft-deleted too) and members with $select,
//   $filter=accountEnabled, $top paging by @odata.nextLink, memberOf, directory/deletedItems/{id}, and
//   users/groups delta queries with deltaLinks, `@removed` and `members@delta`.
// - Subscriptions: create (validationToken POST to the notification and lifecycle URLs before answering),
//   get, list, renew (PATCH, 41,760-minute cap), reauthorize, delete; expired ones disappear.
// - Directory operations (createUser, updateUser, softDeleteUser, addMember, …) queue basic change notifications
//   as Graph would send them (creation and soft deletion as `updated`); flush() posts them batched per URL.
//   lifecycle() sends reauthorizationRequired / subscriptionRemoved / missed.
// Wire formats follow shared/reference/providers.md part C.
'use strict';

const http = require('node:http');
const { randomBytes, randomUUID } = require('node:crypto');

const { readBody, takeFault } = require('../http');
const { createDirectory } = require('./directory');
const { createSubscriptions, graphError } = require('./subscriptions');
const { compileFilter } = require('./odataFilter');
const { createMfaRoutes, MFA_PERMISSIONS } = require('./mfaRoutes');

const ALL_PERMISSIONS = ['User.Read.All', 'Group.Read.All', 'GroupMember.Read.All'];

function parsed(raw) {
	try { return JSON.parse(raw); } catch { return raw; }
}

/** A body with any password replaced, as a record may show it. */
function redacted(body) {
	if (!body?.passwordProfile?.password) return body;
	return { ...body, passwordProfile: { ...body.passwordProfile, password: '[redacted]' } };
}

function pick(object, select) {
	if (!select) return object;
	const fields = new Set(['id', ...select.split(',').map((s) => s.trim()).filter(Boolean)]);
	return Object.fromEntries(Object.entries(object).filter(([key]) => fields.has(key)));
}

/**
 * @param {{ tenantId?: string, clientId?: string, clientSecret?: string, permissions?: string[], users?: object[],
 *   groups?: object[], members?: Record<string, string[]>, pageSize?: number, port?: number }} [options]
 */
async function startFakeGraph(options = {}) {
	const tenantId = options.tenantId ?? 'aaaabbbb-0000-cccc-1111-dddd2222eeee';
	const clientId = options.clientId ?? '11112222-3333-4444-5555-666677778888';
	const clientSecret = options.clientSecret ?? 'fake~graph~secret';
	const permissions = options.permissions ?? ALL_PERMISSIONS;
	const pageSize = options.pageSize ?? 100;
	let origin = '';
	let clockOffset = 0;
	const clock = () => Date.now() + clockOffset;
	const directory = createDirectory(options);
	const subscriptions = createSubscriptions({ tenantId, appId: clientId, graphUrl: () => `${origin}/v1.0`, clock });
	/** @type {Map<string, string[]>} */
	const tokens = new Map();
	/** @type {{method: string, path: string, status: number, query: string, body?: unknown}[]} */
	const requests = [];
	const faults = [];

	function issueToken(tenant, form) {
		if (tenant !== tenantId) return { status: 400, body: { error: 'invalid_request', error_description: `AADSTS90002: Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.` } };
		if (form.grant_type !== 'client_credentials') return { status: 400, body: { error: 'invalid_request', error_description: "AADSTS900144: The request body must contain the following parameter: 'grant_type'." } };
		if (form.client_id !== clientId) return { status: 400, body: { error: 'unauthorized_client', error_description: `AADSTS700016: Application with identifier '${form.client_id}' was not found in the directory '${tenant}'.` } };
		if (form.client_secret !== clientSecret) return { status: 401, body: { error: 'invalid_client', error_description: `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.` } };
		if (form.scope !== `${origin}/.default`) return { status: 400, body: { error: 'invalid_scope', error_description: `AADSTS1002012: The provided value for scope ${form.scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).` } };
		const token = randomBytes(32).toString('base64url');
		tokens.set(token, permissions);
		return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token } };
	}

	const denied = () => graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
	const notFound = (id) => graphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

	/** `$expand` on directory objects caps a page at 100 items. */
	function page(url, items, shape) {
		const top = Math.min(Number(url.searchParams.get('$top') ?? pageSize), url.searchParams.has('$expand') ? 100 : 999);
		const offset = Number(url.searchParams.get('$skiptoken') ?? 0);
		const slice = items.slice(offset, offset + top).map(shape);
		const body = { '@odata.context': `${origin}/v1.0/$metadata`, value: slice };
		if (offset + top < items.length) {
			const next = new URL(url.toString());
			next.searchParams.set('$skiptoken', String(offset + top));
			body['@odata.nextLink'] = next.toString();
		}
		return { status: 200, body };
	}

	function delta(url, kind) {
		const select = url.searchParams.get('$select');
		const deltaToken = url.searchParams.get('$deltatoken');
		const token = deltaToken ? Number(deltaToken.replace(/^d/, '')) : undefined;
		const { entries, next } = directory.delta(kind, token);
		const shaped = entries.map((entry) => entry.removed ?? { ...pick(entry.item, select), ...(entry.members && (token === undefined ? select?.includes('members') : entry.members.length > 0) ? { 'members@delta': entry.members } : {}) });
		const result = page(url, shaped, (x) => x);
		if (!result.body['@odata.nextLink']) {
			const link = new URL(`${origin}/v1.0/${kind}/delta`);
			if (select) link.searchParams.set('$select', select);
			link.searchParams.set('$deltatoken', `d${next}`);
			result.body['@odata.deltaLink'] = link.toString();
		}
		return result;
	}

	/** A ReadWrite permission also grants the Read permission of the same name. */
	const need = (scopes, ...any) => any.some((p) => scopes.includes(p) || scopes.includes(p.replace('.Read.', '.ReadWrite.')));

	/** Runs a directory operation and queues the notifications Graph would send for it. */
	const change = (operation) => (...args) => {
		const result = operation(...args);
		subscriptions.notify(result.changes);
		return result.user ?? result.group;
	};
	const mfa = createMfaRoutes({ directory, change, need, origin: () => origin });
	for (const user of options.users ?? []) for (const method of user.methods ?? []) mfa.enroll(user.id, method.type, method);

	/**
	 * `$filter` on users, and `$count=true`, which directory objects serve only as advanced queries (with
	 * ConsistencyLevel: eventual), as do `ne`, `not` and endswith.
	 */
	function listUsers(url, headers, select) {
		const filter = url.searchParams.get('$filter');
		const count = url.searchParams.get('$count') === 'true';
		const eventual = String(headers.consistencylevel ?? '').toLowerCase() === 'eventual';
		let users = [...directory.users.values()];
		if (filter) {
			let compiled;
			try { compiled = compileFilter(filter); } catch (error) { return graphError(400, 'BadRequest', error.message); }
			if (compiled.advanced && !(eventual && count)) return graphError(400, 'Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified for property of resource 'User'. This query needs ConsistencyLevel: eventual and $count=true.`);
			users = users.filter(compiled.predicate);
		}
		if (count && !eventual) return graphError(400, 'Request_BadRequest', '$count is not currently supported without the ConsistencyLevel: eventual header.');
		const result = page(url, users, (u) => pick(u, select));
		if (count && !url.searchParams.has('$skiptoken')) result.body = { '@odata.count': users.length, ...result.body };
		return result;
	}

	/** `$expand=members` (optionally with a nested `$select`) embeds at most 20 members per group, without a next link. */
	function expandMembers(url, group) {
		const expand = url.searchParams.get('$expand');
		if (!expand) return group;
		const m = /^members(?:\(\$select=([\w,]+)\))?$/.exec(expand);
		if (!m) return group;
		const members = [...(directory.members.get(group.id) ?? [])].slice(0, 20).map((uid) => directory.users.get(uid)).filter(Boolean)
			.map((u) => ({ '@odata.type': '#microsoft.graph.user', ...pick(u, m[1]) }));
		return { ...group, members };
	}

	async function graph(method, url, body, scopes, headers = {}) {
		const p = url.pathname.replace(/^\/v1\.0/, '');
		const select = url.searchParams.get('$select');
		let m;
		const written = mfa.route(method, p, body, scopes);
		if (written) return written;
		if (p.startsWith('/users')) {
			if (!need(scopes, 'User.Read.All')) return denied();
			if (method === 'GET' && p === '/users') return listUsers(url, headers, select);
			if (method === 'GET' && p === '/users/delta') return delta(url, 'users');
			if (method === 'GET' && (m = /^\/users\/([^/]+)$/.exec(p))) {
				const user = directory.users.get(decodeURIComponent(m[1])) ?? [...directory.users.values()].find((u) => String(u.userPrincipalName).toLowerCase() === decodeURIComponent(m[1]).toLowerCase());
				return user ? { status: 200, body: { '@odata.context': `${origin}/v1.0/$metadata#users/$entity`, ...pick(user, select) } } : notFound(decodeURIComponent(m[1]));
			}
			if (method === 'GET' && (m = /^\/users\/([^/]+)\/memberOf(\/microsoft\.graph\.group)?$/.exec(p))) {
				if (!need(scopes, 'GroupMember.Read.All', 'Group.Read.All')) return denied();
				const id = decodeURIComponent(m[1]);
				if (!directory.users.has(id)) return notFound(id);
				const groups = [...directory.groups.values()].filter((g) => directory.members.get(g.id)?.has(id));
				return page(url, groups, (g) => ({ '@odata.type': '#microsoft.graph.group', ...pick(g, select) }));
			}
		}
		if (p.startsWith('/groups')) {
			if (!need(scopes, 'Group.Read.All', 'GroupMember.Read.All')) return denied();
			if (method === 'GET' && p === '/groups') return page(url, [...directory.groups.values()], (g) => expandMembers(url, pick(g, select)));
			if (method === 'GET' && p === '/groups/delta') return delta(url, 'groups');
			if (method === 'GET' && (m = /^\/groups\/([^/]+)$/.exec(p))) {
				const group = directory.groups.get(decodeURIComponent(m[1]));
				return group ? { status: 200, body: pick(group, select) } : notFound(decodeURIComponent(m[1]));
			}
			if (method === 'GET' && (m = /^\/groups\/([^/]+)\/members(?:\/microsoft\.graph\.user)?$/.exec(p))) {
				const id = decodeURIComponent(m[1]);
				if (!directory.groups.has(id)) return notFound(id);
				const users = [...(directory.members.get(id) ?? [])].map((uid) => directory.users.get(uid)).filter(Boolean);
				return page(url, users, (u) => ({ '@odata.type': '#microsoft.graph.user', ...pick(u, select) }));
			}
		}
		if (method === 'GET' && (m = /^\/directory\/deletedItems\/([^/]+)$/.exec(p))) {
			// Deleted items are read with the permission of their kind; a miss needs either.
			const id = decodeURIComponent(m[1]);
			const user = directory.deletedUsers.get(id);
			const group = directory.deletedGroups.get(id);
			if (user) return need(scopes, 'User.Read.All', 'Directory.Read.All') ? { status: 200, body: { '@odata.context': `${origin}/v1.0/$metadata#directoryObjects/$entity`, '@odata.type': '#microsoft.graph.user', ...pick(user, select ? `${select},deletedDateTime` : undefined) } } : denied();
			if (group) return need(scopes, 'Group.Read.All', 'Directory.Read.All') ? { status: 200, body: { '@odata.context': `${origin}/v1.0/$metadata#directoryObjects/$entity`, '@odata.type': '#microsoft.graph.group', ...pick(group, select ? `${select},deletedDateTime` : undefined) } } : denied();
			return need(scopes, 'User.Read.All', 'Group.Read.All', 'Directory.Read.All') ? notFound(id) : denied();
		}
		if (p === '/subscriptions') {
			if (method === 'GET') return { status: 200, body: { '@odata.context': `${origin}/v1.0/$metadata#subscriptions`, value: subscriptions.list() } };
			if (method === 'POST') {
				const required = { '/users': 'User.Read.All', users: 'User.Read.All', '/groups': 'Group.Read.All', groups: 'Group.Read.All' }[body?.resource];
				if (required && !need(scopes, required, 'Directory.Read.All')) return graphError(403, 'ExtensionError', `Operation: Create; Exception: [Status Code: Forbidden; Reason: The request is not authorized for this user or application (needs ${required}).]`);
				return await subscriptions.create(body ?? {});
			}
		}
		if ((m = /^\/subscriptions\/([^/]+)(\/reauthorize)?$/.exec(p))) {
			if (m[2] && method === 'POST') return subscriptions.reauthorize(m[1]);
			if (!m[2] && method === 'GET') return subscriptions.get(m[1]);
			if (!m[2] && method === 'PATCH') return subscriptions.patch(m[1], body ?? {});
			if (!m[2] && method === 'DELETE') return subscriptions.remove(m[1]);
		}
		return graphError(400, 'BadRequest', `Resource not found for the segment '${p.split('/')[1] ?? ''}' (${method} ${p} is not in the fake).`);
	}

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url, origin);
		const raw = await readBody(req);
		const send = ({ status, body, headers = {} }) => {
			res.writeHead(status, { 'content-type': 'application/json; odata.metadata=minimal; charset=utf-8', 'request-id': randomUUID(), 'client-request-id': randomUUID(), ...headers });
			res.end(body === undefined ? '' : JSON.stringify(body));
			requests.push({ method: req.method, path: url.pathname, status, query: url.search, ...(raw && !url.pathname.endsWith('/token') ? { body: parsed(raw) } : {}) });
		};
		const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
		if (token && req.method === 'POST') {
			const form = String(req.headers['content-type']).includes('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(raw)) : {};
			return send(issueToken(decodeURIComponent(token[1]), form));
		}
		if (!url.pathname.startsWith('/v1.0/')) return send(graphError(404, 'NotFound', 'Not found'));
		const scopes = tokens.get(String(req.headers.authorization ?? '').replace(/^Bearer /, ''));
		if (!scopes) return send(graphError(401, 'InvalidAuthenticationToken', req.headers.authorization ? 'Access token validation failure. Invalid audience.' : 'Access token is empty.'));
		const fault = takeFault(faults, req.method, url.pathname);
		if (fault) {
			if (fault.status === 429) return send({ ...graphError(429, 'TooManyRequests', 'Too many requests.'), headers: { 'retry-after': String(fault.retryAfter ?? 1) } });
			return send(graphError(fault.status, 'ServiceNotAvailable', 'Service unavailable.'));
		}
		let body;
		try { body = raw ? JSON.parse(raw) : undefined; } catch { return send(graphError(400, 'BadRequest', 'Unable to read JSON request payload.')); }
		send(await graph(req.method, url, body, scopes, req.headers));
	});
	await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${server.address().port}`;

	return {
		/** Graph base URL for the credential (`<origin>/v1.0`). */
		graphUrl: `${origin}/v1.0`,
		/** Login base URL for the credential. */
		loginUrl: origin,
		tenantId,
		clientId,
		clientSecret,
		directory,
		subscriptions: subscriptions.store,
		validations: subscriptions.validations,
		queued: subscriptions.queue,
		requests,
		get tokensIssued() { return tokens.size; },
		createUser: change(directory.createUser),
		updateUser: change(directory.updateUser),
		softDeleteUser: change(directory.softDeleteUser),
		restoreUser: change(directory.restoreUser),
		hardDeleteUser: change(directory.hardDeleteUser),
		createGroup: change(directory.createGroup),
		updateGroup: change(directory.updateGroup),
		softDeleteGroup: change(directory.softDeleteGroup),
		deleteGroup: change(directory.deleteGroup),
		addMember: change(directory.addMember),
		removeMember: change(directory.removeMember),
		/** Posts the queued change notifications, batched per notification URL. */
		flush: subscriptions.flush,
		lifecycle: subscriptions.lifecycle,
		/** Creates a subscription as another client of this app would (validation included). */
		subscribe: (body) => subscriptions.create(body),
		deliver: subscriptions.deliver,
		/** Moves the fake's clock (subscription expiry and the renewal limit) forward. */
		advanceClock(ms) { clockOffset += ms; },
		setExpiration(id, iso) { const sub = subscriptions.store.get(id); if (!sub) throw new Error(`subscription ${id} does not exist`); sub.expirationDateTime = new Date(Date.parse(iso)).toISOString(); },
		/** Authentication methods by user id (the password is implied), default method ids, session revocations. */
		authMethods: mfa.methods,
		defaultMethods: mfa.defaults,
		revocations: mfa.revocations,
		/** Registers an authentication method for a user, as the user would; `isDefault` makes it the default. */
		enrollMethod: (userId, type, extra) => mfa.enroll(userId, type, extra),
		/** Writes Graph accepted, as method, path under /v1.0 with query, and JSON body (passwords redacted). */
		writes() {
			return requests.filter((r) => r.method !== 'GET' && r.status < 400 && r.path.startsWith('/v1.0/')).map((r) => ({ method: r.method, path: `${r.path.slice(5)}${r.query}`, params: redacted(r.body ?? {}) }));
		},
		/** @param {{status: number, count?: number, pathPrefix?: string, method?: string, retryAfter?: number}} fault */
		injectFaults(fault) { faults.push({ count: 1, ...fault }); },
		close() { return new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve(undefined)); }); },
	};
}

module.exports = { startFakeGraph, ALL_PERMISSIONS, MFA_PERMISSIONS };
