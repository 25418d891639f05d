// A stateful fake of the Okta Management API subset this package uses, on 127.0.0.1:
// users and groups with Link paging, Event Hooks CRUD with the verify lifecycle (which calls the hook's URI the
// way Okta does), SSWS auth, X-Rate-Limit-* headers on every response and injectable 429s (E0000047).
// Wire formats follow Okta's management API (see shared/reference/providers.md A.3–A.4).
'use strict';

const http = require('node:http');
const { randomUUID, randomBytes } = require('node:crypto');

const { readBody, takeFault } = require('../http');
const { compileSearch } = require('./search');
const { createMfaRoutes, newFactor } = require('./mfaRoutes');

const RATE_LIMIT = 600;

/** Okta counts rate limits per endpoint: every group's `/groups/{id}/users` shares one bucket. */
const bucketOf = (path) => path.replace(/\/(users|groups)\/[^/]+/g, '/$1/{id}');

/** @param {number} status @param {string} code @param {string} summary */
function oktaError(status, code, summary) {
	return { status, body: { errorCode: code, errorSummary: summary, errorLink: code, errorId: `oae${randomBytes(8).toString('hex')}`, errorCauses: [] } };
}

function safeJson(raw) {
	try { return JSON.parse(raw); } catch { return raw; }
}

function oktaId(prefix) {
	return `${prefix}${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 17)}`;
}

/** Hooks are returned without the write-only secret, as Okta does. */
function publicHook(hook) {
	const copy = JSON.parse(JSON.stringify(hook));
	if (copy.channel?.config?.authScheme) delete copy.channel.config.authScheme.value;
	return copy;
}

/**
 * POSTs or GETs a hook URI like Okta's delivery service: 3 s timeout, headers from the hook's channel config.
 * @returns {Promise<{status: number, body: string, error?: string}>}
 */
async function callHook(hook, init) {
	const config = hook.channel.config;
	const headers = { Accept: 'application/json', ...(init.headers || {}) };
	for (const h of config.headers || []) headers[h.key] = h.value;
	if (config.authScheme?.value) headers[config.authScheme.key] = config.authScheme.value;
	try {
		const response = await fetch(config.uri, { ...init, headers, signal: AbortSignal.timeout(3000) });
		return { status: response.status, body: await response.text() };
	} catch (error) {
		return { status: 0, body: '', error: String(error?.message || error) };
	}
}

/**
 * @param {{ apiToken?: string, users?: object[], groups?: object[], memberships?: Record<string,string[]>,
 *   pageSize?: number, port?: number, rateLimit?: { limit?: number, windowSeconds?: number, enforce?: boolean },
 *   customAttributes?: string[] }} [options]
 *   `rateLimit.enforce` answers 429 E0000047 once an endpoint's window is used up, as Okta does; without it the
 *   X-Rate-Limit-* headers are reported and never enforced. `customAttributes` are the user profile attributes the
 *   org declared besides Okta's base profile (default: idpUserId); writes of any other attribute are refused.
 *   Users may be seeded with `factors: [{ factorType, provider }]`.
 */
async function startFakeOkta(options = {}) {
	const apiToken = options.apiToken ?? 'fake-okta-token';
	const defaultPageSize = options.pageSize ?? 200;
	const state = {
		/** @type {Map<string, any>} */ users: new Map(),
		/** @type {Map<string, any>} */ groups: new Map(),
		/** @type {Map<string, Set<string>>} groupId → userIds */ memberships: new Map(),
		/** @type {Map<string, any>} */ eventHooks: new Map(),
		/** @type {Map<string, any[]>} userId → Classic factors */ factors: new Map(),
	};
	/** @type {{method: string, path: string, status: number, query: string, body?: unknown}[]} */
	const requests = [];
	/** @type {{hookId: string, status: number, challengeOk: boolean}[]} */
	const verificationCalls = [];
	const faults = [];
	/** @type {{ pathPrefix: string, released: Promise<void>, waiting: number }[]} */
	const holds = [];
	const limit = options.rateLimit?.limit ?? RATE_LIMIT;
	const windowSeconds = options.rateLimit?.windowSeconds ?? 60;
	const enforce = options.rateLimit?.enforce === true;
	/** @type {Map<string, {remaining: number, reset: number}>} */
	const windows = new Map();
	const windowOf = (path) => {
		const nowSec = Math.floor(Date.now() / 1000);
		const key = bucketOf(path);
		let w = windows.get(key);
		if (!w || nowSec >= w.reset) { w = { remaining: limit, reset: nowSec + windowSeconds }; windows.set(key, w); }
		return w;
	};

	const now = () => new Date().toISOString();
	const putUser = (user) => {
		const full = { id: user.id ?? oktaId('00u'), status: user.status ?? 'ACTIVE', created: user.created ?? now(), activated: null, statusChanged: null, lastLogin: null, lastUpdated: user.lastUpdated ?? now(), passwordChanged: null, type: { id: 'oty000000000000000' }, profile: { ...user.profile }, credentials: { provider: { type: user.provider ?? 'OKTA', name: user.provider ?? 'OKTA' } }, _links: {} };
		state.users.set(full.id, full);
		if (user.factors) state.factors.set(full.id, user.factors.map((f) => ({ ...newFactor(f.factorType, f.provider), ...f })));
		return full;
	};
	const putGroup = (group) => {
		const full = { id: group.id ?? oktaId('00g'), created: now(), lastUpdated: now(), lastMembershipUpdated: now(), objectClass: ['okta:user_group'], type: group.type ?? 'OKTA_GROUP', profile: { name: group.name ?? group.profile?.name, description: group.description ?? group.profile?.description ?? '' }, _links: {} };
		state.groups.set(full.id, full);
		if (!state.memberships.has(full.id)) state.memberships.set(full.id, new Set());
		return full;
	};
	for (const user of options.users ?? []) putUser(user);
	for (const group of options.groups ?? []) putGroup(group);
	for (const [groupId, userIds] of Object.entries(options.memberships ?? {})) {
		if (!state.memberships.has(groupId)) state.memberships.set(groupId, new Set());
		for (const id of userIds) state.memberships.get(groupId).add(id);
	}

	let baseUrl = '';
	const findUser = (idOrLogin) => state.users.get(idOrLogin) ?? [...state.users.values()].find((u) => String(u.profile.login).toLowerCase() === String(idOrLogin).toLowerCase());

	/** Cursor paging with Link headers: `after` is the id of the last item of the previous page. */
	const page = (url, items) => {
		const limit = Math.max(1, Math.min(Number(url.searchParams.get('limit') || defaultPageSize), 200));
		const after = url.searchParams.get('after');
		const start = after ? items.findIndex((item) => item.id === after) + 1 : 0;
		const slice = items.slice(start, start + limit);
		const links = [`<${baseUrl}${url.pathname}${url.search}>; rel="self"`];
		if (start + limit < items.length) {
			const next = new URL(url.pathname, baseUrl);
			for (const [k, v] of url.searchParams) if (k !== 'after') next.searchParams.set(k, v);
			next.searchParams.set('limit', String(limit));
			next.searchParams.set('after', slice[slice.length - 1].id);
			links.push(`<${next.toString()}>; rel="next"`);
		}
		return { status: 200, body: slice, headers: { link: links.join(', ') } };
	};

	/** A plain list omits DEPROVISIONED users; `search` and `filter` include them. */
	const usersMatching = (url) => {
		const search = url.searchParams.get('search');
		const filter = url.searchParams.get('filter');
		let predicate = (u) => u.status !== 'DEPROVISIONED';
		try {
			if (search) predicate = compileSearch(search);
			else if (filter) predicate = compileSearch(filter, { filter: true });
		} catch (error) {
			return { error: oktaError(400, 'E0000031', `Invalid search criteria. ${error.message}`) };
		}
		return { users: [...state.users.values()].filter(predicate) };
	};

	/** `expand=stats` embeds each group's member count, as Okta's list groups does. */
	const withStats = (url, groups) => url.searchParams.get('expand') === 'stats'
		? groups.map((g) => ({ ...g, _embedded: { stats: { usersCount: state.memberships.get(g.id)?.size ?? 0 } } }))
		: groups;

	const mfa = createMfaRoutes({ state, oktaError, oktaId, now, findUser: (id) => findUser(id), customAttributes: options.customAttributes ?? ['idpUserId'] });

	async function route(method, url, body) {
		const p = url.pathname;
		let m;
		const written = mfa.route(method, url, body);
		if (written) return written;
		if (method === 'GET' && p === '/api/v1/users') {
			const matching = usersMatching(url);
			return matching.error ?? page(url, matching.users);
		}
		if ((m = /^\/api\/v1\/users\/([^/]+)$/.exec(p))) {
			const user = findUser(decodeURIComponent(m[1]));
			if (!user) return oktaError(404, 'E0000007', `Not found: Resource not found: ${m[1]} (User)`);
			if (method === 'GET') return { status: 200, body: user };
			if (method === 'POST') { Object.assign(user.profile, body?.profile ?? {}); user.lastUpdated = now(); return { status: 200, body: user }; }
		}
		if (method === 'GET' && (m = /^\/api\/v1\/users\/([^/]+)\/groups$/.exec(p))) {
			const user = findUser(decodeURIComponent(m[1]));
			if (!user) return oktaError(404, 'E0000007', `Not found: Resource not found: ${m[1]} (User)`);
			const groups = [...state.groups.values()].filter((g) => state.memberships.get(g.id)?.has(user.id));
			return page(url, groups);
		}
		if (method === 'GET' && p === '/api/v1/groups') {
			const matching = mfa.groupsMatching(url);
			return matching.error ?? page(url, withStats(url, matching.groups));
		}
		if (method === 'GET' && (m = /^\/api\/v1\/groups\/([^/]+)$/.exec(p))) {
			const group = state.groups.get(m[1]);
			return group ? { status: 200, body: group } : oktaError(404, 'E0000007', `Not found: Resource not found: ${m[1]} (UserGroup)`);
		}
		if (method === 'GET' && (m = /^\/api\/v1\/groups\/([^/]+)\/users$/.exec(p))) {
			if (!state.groups.has(m[1])) return oktaError(404, 'E0000007', `Not found: Resource not found: ${m[1]} (UserGroup)`);
			const ids = state.memberships.get(m[1]) ?? new Set();
			return page(url, [...state.users.values()].filter((u) => ids.has(u.id)));
		}
		if (p === '/api/v1/eventHooks') {
			if (method === 'GET') return { status: 200, body: [...state.eventHooks.values()].map(publicHook) };
			if (method === 'POST') return createHook(body);
		}
		if ((m = /^\/api\/v1\/eventHooks\/([^/]+)(\/lifecycle\/(activate|deactivate|verify))?$/.exec(p))) {
			const hook = state.eventHooks.get(m[1]);
			if (!hook) return oktaError(404, 'E0000007', `Not found: Resource not found: ${m[1]} (EventHook)`);
			const action = m[3];
			if (!action && method === 'GET') return { status: 200, body: publicHook(hook) };
			if (!action && method === 'PUT') {
				const uriChanged = body?.channel?.config?.uri !== hook.channel.config.uri;
				Object.assign(hook, { name: body.name ?? hook.name, events: body.events ?? hook.events, channel: body.channel ?? hook.channel, lastUpdated: now() });
				if (uriChanged) hook.verificationStatus = 'UNVERIFIED';
				return { status: 200, body: publicHook(hook) };
			}
			if (!action && method === 'DELETE') {
				if (hook.status !== 'INACTIVE') return oktaError(403, 'E0000001', 'Api validation failed: eventHook. Cannot delete an ACTIVE event hook; deactivate it first');
				state.eventHooks.delete(hook.id);
				return { status: 204, body: undefined };
			}
			if (method === 'POST' && action === 'activate') { hook.status = 'ACTIVE'; return { status: 200, body: publicHook(hook) }; }
			if (method === 'POST' && action === 'deactivate') { hook.status = 'INACTIVE'; return { status: 200, body: publicHook(hook) }; }
			if (method === 'POST' && action === 'verify') return verifyHook(hook);
		}
		return oktaError(404, 'E0000022', `The endpoint does not support the provided HTTP method: ${method} ${p}`);
	}

	function createHook(body) {
		const uri = body?.channel?.config?.uri;
		if (!body?.name || !uri || body?.events?.type !== 'EVENT_TYPE' || !Array.isArray(body.events.items) || body.events.items.length === 0) {
			return oktaError(400, 'E0000001', 'Api validation failed: eventHook. name, events.items and channel.config.uri are required');
		}
		if (body.events.items.length > 300) return oktaError(400, 'E0000001', 'Api validation failed: events. An event hook can subscribe to at most 300 event types');
		const hook = {
			id: oktaId('who'), status: 'ACTIVE', verificationStatus: 'UNVERIFIED', name: body.name,
			events: { type: 'EVENT_TYPE', items: [...body.events.items], filter: body.events.filter ?? null },
			channel: { type: 'HTTP', version: '1.0.0', config: { uri, method: 'POST', headers: body.channel.config.headers ?? [], authScheme: body.channel.config.authScheme ?? null } },
			created: now(), createdBy: '00uadmin', lastUpdated: now(),
			_links: {},
		};
		hook._links = { self: { href: `${baseUrl}/api/v1/eventHooks/${hook.id}` }, verify: { href: `${baseUrl}/api/v1/eventHooks/${hook.id}/lifecycle/verify`, hints: { allow: ['POST'] } }, deactivate: { href: `${baseUrl}/api/v1/eventHooks/${hook.id}/lifecycle/deactivate`, hints: { allow: ['POST'] } } };
		state.eventHooks.set(hook.id, hook);
		return { status: 200, body: publicHook(hook) };
	}

	/** Okta verifies by GETting the URI with a challenge header; 3 s timeout and one retry. */
	async function verifyHook(hook) {
		for (let attempt = 0; attempt < 2; attempt++) {
			const challenge = randomBytes(16).toString('base64url');
			const reply = await callHook(hook, { method: 'GET', headers: { 'x-okta-verification-challenge': challenge } });
			let ok = false;
			try { ok = reply.status === 200 && JSON.parse(reply.body).verification === challenge; } catch { ok = false; }
			verificationCalls.push({ hookId: hook.id, status: reply.status, challengeOk: ok });
			if (ok) { hook.verificationStatus = 'VERIFIED'; return { status: 200, body: publicHook(hook) }; }
		}
		return oktaError(400, 'E0000001', 'Api validation failed: Verification of the event hook failed');
	}

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url, baseUrl);
		const raw = await readBody(req);
		const nowSec = Math.floor(Date.now() / 1000);
		const rate = windowOf(url.pathname);
		const send = (status, body, extraHeaders = {}) => {
			const headers = {
				'content-type': 'application/json', date: new Date().toUTCString(), 'x-okta-request-id': randomUUID().replace(/-/g, ''),
				'x-rate-limit-limit': String(limit), 'x-rate-limit-remaining': String(Math.max(0, rate.remaining)), 'x-rate-limit-reset': String(rate.reset),
				...extraHeaders,
			};
			res.writeHead(status, headers);
			res.end(body === undefined ? '' : JSON.stringify(body));
			requests.push({ method: req.method, path: url.pathname, status, query: url.search, ...(raw ? { body: safeJson(raw) } : {}) });
		};
		if (req.headers.authorization !== `SSWS ${apiToken}`) {
			const { status, body } = oktaError(401, 'E0000011', 'Invalid token provided');
			return send(status, body);
		}
		for (const hold of holds.filter((h) => req.method === 'GET' && url.pathname.startsWith(h.pathPrefix))) {
			hold.waiting++;
			await hold.released;
		}
		const fault = takeFault(faults, req.method, url.pathname);
		if (fault && fault.status === 429) {
			const { status, body } = oktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.');
			return send(status, body, { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(nowSec + (fault.resetInSeconds ?? 1)) });
		}
		if (fault) { const { status, body } = oktaError(fault.status, 'E0000009', 'Internal Server Error'); return send(status, body); }
		if (enforce && rate.remaining <= 0) {
			const { status, body } = oktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.');
			return send(status, body);
		}
		rate.remaining--;
		let body;
		try { body = raw ? JSON.parse(raw) : undefined; } catch { const e = oktaError(400, 'E0000003', 'The request body was not well-formed.'); return send(e.status, e.body); }
		const result = await route(req.method, url, body);
		send(result.status, result.body, result.headers);
	});
	await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${server.address().port}`;

	return {
		url: baseUrl,
		apiToken,
		state,
		requests,
		verificationCalls,
		putUser,
		putGroup,
		/** Adds or removes a membership in the directory (what a later enrichment call sees). */
		setMembership(groupId, userId, member) {
			if (!state.memberships.has(groupId)) state.memberships.set(groupId, new Set());
			if (member) state.memberships.get(groupId).add(userId); else state.memberships.get(groupId).delete(userId);
		},
		/** Enrolls a Classic factor (and so an authenticator enrollment) for a user, as the user would. */
		enrollFactor(userId, factorType = 'push', provider = 'OKTA') {
			const factor = newFactor(factorType, provider);
			mfa.factorsOf(userId).push(factor);
			return factor;
		},
		/** Writes (every call but GETs) that Okta accepted, as method, path with query, and JSON body. */
		writes() {
			return requests.filter((r) => r.method !== 'GET' && r.status < 400).map((r) => ({ method: r.method, path: `${r.path}${r.query}`, params: r.body ?? {} }));
		},
		/** @param {{status: number, count?: number, pathPrefix?: string, method?: string, resetInSeconds?: number}} fault */
		injectFaults(fault) { faults.push({ count: 1, ...fault }); },
		/**
		 * Holds GET requests under `pathPrefix` until `release()`; they then answer with the state at that moment,
		 * as a slow Okta answers an enrichment call with what it holds when it finally reads.
		 */
		holdReads(pathPrefix) {
			let release = () => undefined;
			const hold = { pathPrefix, waiting: 0, released: new Promise((resolve) => { release = resolve; }) };
			holds.push(hold);
			return {
				waiting: () => hold.waiting,
				release: () => { holds.splice(holds.indexOf(hold), 1); release(); },
			};
		},
		/**
		 * Delivers an event-hook payload like Okta: only to ACTIVE+VERIFIED hooks, 3 s timeout, and one retry
		 * after a timeout or 5xx (4xx is not retried).
		 * @returns {Promise<{status: number, body: string, attempts: number}>}
		 */
		async deliver(hookId, delivery, { retry = true } = {}) {
			const hook = state.eventHooks.get(hookId);
			if (!hook || hook.status !== 'ACTIVE' || hook.verificationStatus !== 'VERIFIED') throw new Error(`event hook ${hookId} is not active and verified`);
			const payload = JSON.stringify(delivery);
			let attempts = 0;
			let reply;
			do {
				attempts++;
				reply = await callHook(hook, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: payload });
			} while (retry && attempts < 2 && (reply.status === 0 || reply.status >= 500));
			return { status: reply.status, body: reply.body, attempts };
		},
		close() { return new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve(undefined)); }); },
	};
}

module.exports = { startFakeOkta };
