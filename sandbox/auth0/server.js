// A stateful fake of the Auth0 Authentication and Management APIs this package uses, on 127.0.0.1:
// - POST /oauth/token (client_credentials, JSON or form body) issues bearer tokens for the Management API
//   audience `<base>/api/v2/`, with the configured scopes; every /api/v2 call checks token and scope.
// - Users, roles and role members, MFA resets, HTTP log streams and event streams, with Auth0's error
//   envelope ({statusCode, error, message, errorCode}) and X-RateLimit-* headers; injectFaults() answers 429
//   with Retry-After.
// - Every successful Management API write is recorded as a `sapi` tenant log, as Auth0 does; flushLogs()
//   posts pending logs to active HTTP log streams (JSONARRAY / JSONLINES / JSONOBJECT, Authorization
//   verbatim), and user changes become CloudEvents that flushEvents() posts to event streams.
// Wire formats follow shared/reference/providers.md part B.
'use strict';

const http = require('node:http');
const { randomBytes } = require('node:crypto');

const { readBody, takeFault } = require('../http');
const { createRoutes, auth0Error, newUser } = require('./routes');
const { logEntry, sapiEntry, postToStream } = require('./logs');
const { cloudEvent, postEvent } = require('./events');
const { createExports } = require('./exports');
const { createMfaRoutes, newMethod } = require('./mfaRoutes');

const ALL_SCOPES = [
	'read:users', 'create:users', 'update:users', 'delete:users', 'read:roles', 'create:roles', 'update:roles', 'delete:roles',
	'create:role_members', 'delete:role_members', 'delete:guardian_enrollments', 'delete:authentication_methods',
	'read:log_streams', 'create:log_streams', 'update:log_streams', 'delete:log_streams',
	'read:event_streams', 'create:event_streams', 'delete:event_streams',
	'read:authentication_methods', 'create:guardian_enrollment_tickets',
];
const RATE_LIMIT = 50;

function safeJson(raw) {
	try { return JSON.parse(raw); } catch { return raw; }
}

function parseBody(raw, contentType) {
	if (!raw) return {};
	if (String(contentType).includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
	return JSON.parse(raw);
}

/**
 * @param {{ clientId?: string, clientSecret?: string, scopes?: string[], tenant?: string, users?: object[],
 *   roles?: Array<{id?: string, name: string, description?: string}>, userRoles?: Record<string, string[]>,
 *   prefixedEventTypes?: boolean, port?: number, exportPollsUntilDone?: number, exportLinkTtlSeconds?: number }} [options]
 */
async function startFakeAuth0(options = {}) {
	const clientId = options.clientId ?? 'fake-auth0-client';
	const clientSecret = options.clientSecret ?? 'fake-auth0-secret';
	const tenant = options.tenant ?? 'acme-test';
	const grantedScopes = options.scopes ?? ALL_SCOPES;
	const state = {
		/** @type {Map<string, any>} */ users: new Map(),
		/** @type {Map<string, any>} */ roles: new Map(),
		/** @type {Map<string, Set<string>>} userId → roleIds */ userRoles: new Map(),
		/** @type {Map<string, any[]>} userId → Guardian enrollments */ enrollments: new Map(),
		/** @type {Map<string, any>} */ logStreams: new Map(),
		/** @type {Map<string, any>} */ eventStreams: new Map(),
		/** @type {any[]} every tenant log, oldest first */ logs: [],
		/** @type {Array<{streamId: string, event: any}>} */ eventQueue: [],
	};
	/** @type {Map<string, string[]>} access token → scopes */
	const tokens = new Map();
	/** @type {{method: string, path: string, status: number}[]} */
	const requests = [];
	const faults = [];
	let remaining = RATE_LIMIT;
	let windowReset = Math.floor(Date.now() / 1000) + 60;
	let baseUrl = '';

	const context = () => ({ tenant, clientId, clientName: 'fake-provisioning-app' });
	const exportJobs = createExports({ state, tenant, baseUrl: () => baseUrl, pollsUntilDone: options.exportPollsUntilDone, linkTtlSeconds: options.exportLinkTtlSeconds });
	const hooks = {
		userEvent(type, data) {
			for (const stream of state.eventStreams.values()) {
				if (stream.status !== 'enabled') continue;
				if (!stream.subscriptions.some((s) => s.event_type === type)) continue;
				state.eventQueue.push({ streamId: stream.id, event: cloudEvent(type, JSON.parse(JSON.stringify(data)), { ...context(), streamId: stream.id, prefixed: options.prefixedEventTypes }) });
			}
		},
	};
	const routes = [...createMfaRoutes(state, hooks), ...createRoutes(state, hooks, exportJobs)];

	for (const user of options.users ?? []) {
		const full = newUser(user, user.created_at ?? new Date().toISOString());
		state.users.set(full.user_id, full);
		if (user.methods) state.authMethods.set(full.user_id, user.methods.map((m) => newMethod(m.type, m)));
	}
	for (const role of options.roles ?? []) {
		const full = { id: role.id ?? `rol_${randomBytes(8).toString('hex')}`, name: role.name, description: role.description ?? role.name };
		state.roles.set(full.id, full);
	}
	for (const [userId, roleIds] of Object.entries(options.userRoles ?? {})) state.userRoles.set(userId, new Set(roleIds));

	function issueToken(body) {
		if (body.grant_type !== 'client_credentials') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Unsupported grant type: ' + body.grant_type } };
		if (body.client_id !== clientId || body.client_secret !== clientSecret) return { status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } };
		if (body.audience !== `${baseUrl}/api/v2/`) return { status: 403, body: { error: 'access_denied', error_description: `Service not enabled within domain: ${body.audience}` } };
		const token = randomBytes(24).toString('base64url');
		tokens.set(token, grantedScopes);
		return { status: 200, body: { access_token: token, scope: grantedScopes.join(' '), expires_in: 86400, token_type: 'Bearer' } };
	}

	async function handleApi(method, url, rawPath, body, authorization) {
		const scopes = tokens.get(String(authorization ?? '').replace(/^Bearer /, ''));
		if (!authorization?.startsWith('Bearer ') || !scopes) return auth0Error(401, 'Invalid token', 'invalid_token');
		const fault = takeFault(faults, method, url.pathname);
		if (fault) {
			if (fault.status === 429) {
				const wait = fault.retryAfter ?? fault.resetInSeconds ?? 1;
				const headers = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + wait) };
				if (fault.retryAfter !== null && fault.resetInSeconds === undefined) headers['retry-after'] = String(wait);
				return { ...auth0Error(429, 'Global limit has been reached', 'too_many_requests'), headers };
			}
			return auth0Error(fault.status, 'Internal Server Error', 'internal_error');
		}
		for (const [routeMethod, pattern, scope, handler, description] of routes) {
			if (routeMethod !== method) continue;
			const match = pattern.exec(url.pathname);
			if (!match) continue;
			const anyOf = Array.isArray(scope) ? scope : [scope];
			if (!anyOf.some((s) => scopes.includes(s))) return auth0Error(403, `Insufficient scope, expected any of: ${anyOf.join(',')}`, 'insufficient_scope');
			const params = match.slice(1).map(decodeURIComponent);
			const result = handler(params, body, Object.fromEntries(url.searchParams));
			if (description && result.status < 400) {
				state.logs.push(sapiEntry({ method, path: rawPath, body, description }, { statusCode: result.status, body: result.body }, context()));
			}
			return result;
		}
		return auth0Error(404, `Not Found: ${method} ${url.pathname}`);
	}

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url, baseUrl);
		const raw = await readBody(req);
		const nowSec = Math.floor(Date.now() / 1000);
		if (nowSec >= windowReset) { windowReset = nowSec + 60; remaining = RATE_LIMIT; }
		const send = ({ status, body, headers = {} }) => {
			res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-limit': String(RATE_LIMIT), 'x-ratelimit-remaining': String(Math.max(0, remaining)), 'x-ratelimit-reset': String(windowReset), ...headers });
			res.end(body === undefined ? '' : JSON.stringify(body));
			requests.push({ method: req.method, path: url.pathname, status, query: url.search, ...(raw && url.pathname !== '/oauth/token' ? { body: safeJson(raw) } : {}) });
		};
		let body;
		try { body = parseBody(raw, req.headers['content-type']); } catch { return send(auth0Error(400, 'Invalid request payload JSON format', 'invalid_body')); }
		remaining--;
		if (req.method === 'GET' && url.pathname.startsWith('/user-exports/')) {
			const fault = takeFault(faults, req.method, url.pathname);
			const file = fault ? { status: fault.status, contentType: 'text/plain', body: Buffer.from('fault') } : exportJobs.download(url, req.headers);
			if (file) {
				res.writeHead(file.status, { 'content-type': file.contentType, 'content-length': String(file.body.length) });
				res.end(file.body);
				requests.push({ method: req.method, path: url.pathname, status: file.status });
				return;
			}
		}
		if (req.method === 'POST' && url.pathname === '/oauth/token') return send(issueToken(body));
		if (url.pathname.startsWith('/api/v2/')) return send(await handleApi(req.method, url, url.pathname, body, req.headers.authorization));
		send(auth0Error(404, 'Not Found'));
	});
	await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${server.address().port}`;

	const addLog = (type, fields) => { const entry = logEntry(type, fields, context()); state.logs.push(entry); return entry; };

	return {
		url: baseUrl,
		/** What the credential's Domain field takes to reach this fake. */
		domain: baseUrl,
		clientId,
		clientSecret,
		state,
		requests,
		/** Users-export jobs by id, and every download of an export file. */
		exportJobs: exportJobs.jobs,
		exportDownloads: exportJobs.downloads,
		/** How many access tokens were issued so far. */
		get tokensIssued() { return tokens.size; },
		putUser(user) { const full = newUser(user, new Date().toISOString()); state.users.set(full.user_id, full); return full; },
		/** A database signup: creates the user and logs `ss`. */
		signup(profile) {
			const user = newUser(profile, new Date().toISOString());
			state.users.set(user.user_id, user);
			addLog('ss', { description: '', connection: user.identities[0].connection, client_id: clientId, client_name: 'fake-login-app', user_id: user.user_id, user_name: user.email });
			return user;
		},
		/** A Guardian device unenrollment (`gd_unenroll`). */
		guardianUnenroll(userId, authenticator = { type: 'push', name: 'Pixel 9' }) {
			const enrollmentId = `dev_${randomBytes(8).toString('hex')}`;
			return addLog('gd_unenroll', { description: 'Device used for second factor authentication has been unenrolled', user_id: userId, user_name: state.users.get(userId)?.email, details: { authenticator: { id: `${authenticator.type}|${enrollmentId}`, type: authenticator.type }, enrollment: { _id: enrollmentId, tenant, user_id: userId, name: authenticator.name } } });
		},
		/** Any other tenant log, e.g. a successful login `s`. */
		log: addLog,
		/** Calls the Management API as another admin client would (logged as `sapi` like any write). */
		async admin(method, path, body) {
			const token = randomBytes(24).toString('base64url');
			tokens.set(token, ALL_SCOPES);
			const url = new URL(path, baseUrl);
			const result = await handleApi(method, url, url.pathname, body ?? {}, `Bearer ${token}`);
			tokens.delete(token);
			return result;
		},
		/**
		 * Posts every log not yet sent to each active HTTP log stream, like Auth0's stream worker.
		 * @returns {Promise<Array<{streamId: string, count: number, status: number, body: string, attempts: number}>>}
		 */
		async flushLogs() {
			const results = [];
			for (const stream of state.logStreams.values()) {
				if (stream.status !== 'active' || stream.cursor >= state.logs.length) continue;
				const entries = state.logs.slice(stream.cursor);
				const reply = await postToStream(stream, entries);
				if (reply.status >= 200 && reply.status < 300) stream.cursor = state.logs.length;
				results.push({ streamId: stream.id, count: entries.length, ...reply });
			}
			return results;
		},
		/** Posts given entries to one stream as is (for replays and format tests). */
		deliverLogs(streamId, entries, { format } = {}) {
			const stream = state.logStreams.get(streamId);
			if (!stream) throw new Error(`log stream ${streamId} does not exist`);
			return postToStream(stream, entries, format);
		},
		/** Posts queued CloudEvents to their event streams, one per request. */
		async flushEvents() {
			const results = [];
			while (state.eventQueue.length > 0) {
				const { streamId, event } = state.eventQueue.shift();
				const stream = state.eventStreams.get(streamId);
				if (!stream) continue;
				results.push({ streamId, eventId: event.id, ...(await postEvent(stream, event)) });
			}
			return results;
		},
		/** Enrolls an authentication method (totp, push, phone, email, webauthn-roaming, passkey, …) for a user. */
		enrollMethod(userId, type, extra = {}) {
			const method = newMethod(type, extra);
			if (!state.authMethods.has(userId)) state.authMethods.set(userId, []);
			state.authMethods.get(userId).push(method);
			return method;
		},
		/** Writes Auth0 accepted, as method, path with query, and JSON body (passwords redacted). */
		writes() {
			return requests
				.filter((r) => r.method !== 'GET' && r.status < 400 && r.path.startsWith('/api/v2/'))
				.map((r) => ({ method: r.method, path: `${r.path.slice(7)}${r.query}`, params: r.body?.password ? { ...r.body, password: '[redacted]' } : (r.body ?? {}) }));
		},
		/**
		 * A 429 for the next matching calls: with `retryAfter` (seconds) Auth0's Retry-After, with `resetInSeconds`
		 * only X-RateLimit-Reset.
		 * @param {{status: number, count?: number, pathPrefix?: string, method?: string, retryAfter?: number, resetInSeconds?: number}} fault
		 */
		injectFaults(fault) { faults.push({ count: 1, ...fault }); },
		close() { return new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve(undefined)); }); },
	};
}

module.exports = { startFakeAuth0, ALL_SCOPES };
