// A stateful fake of PingOne (Platform + MFA) for one environment, on 127.0.0.1; one origin serves both the
// auth host and the API host.
// - POST /{envId}/as/token issues worker-app tokens by client_credentials. The client authenticates as the app's
//   token endpoint auth method says: CLIENT_SECRET_BASIC (Authorization: Basic) or CLIENT_SECRET_POST
//   (client_id/client_secret in the form); sending both, the other one, or wrong values is refused with an
//   OAuth error body (400/401). Tokens expire after `tokenLifetimeSeconds` (PingOne: 3600).
// - /v1/environments/{envId}/… needs `Authorization: Bearer <token>`: missing, unknown or expired tokens get
//   401; a token of another environment, or a write with a read-only app, gets 403 ACCESS_FAILED.
// - Users, groups, memberships and MFA devices with cursor paging and PingOne's error body (see routes.js).
// - rateLimit caps requests per second by delaying them or answering 429 beyond the cap, as the Duo fake does.
// - injectFaults() answers 429 (with Retry-After), 5xx, drops the connection or delays, before or after the
//   request took effect.
// Wire formats follow shared/reference/mfa-providers.md part A; [unverified] marks choices the docs leave open.
'use strict';

const { randomBytes, timingSafeEqual, createHash } = require('node:crypto');

const { startFakeServer } = require('../mfaFakeServer');
const { dispatch, findRoute, notFound, p1Error } = require('./routes');
const { createStore } = require('./store');

const FORM = 'application/x-www-form-urlencoded';

function sameSecret(a, b) {
	const left = createHash('sha256')
		.update(String(a ?? ''))
		.digest();
	const right = createHash('sha256')
		.update(String(b ?? ''))
		.digest();
	return timingSafeEqual(left, right) && a !== undefined;
}

/** The client credentials a token request presents: from a Basic header, from the form, or both. */
function presentedClient(headers, form) {
	const presented = [];
	const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(headers.authorization ?? '');
	if (basic) {
		const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
		const colon = decoded.indexOf(':');
		presented.push({
			method: 'CLIENT_SECRET_BASIC',
			id: decodeURIComponent(decoded.slice(0, colon)),
			secret: decodeURIComponent(decoded.slice(colon + 1)),
		});
	}
	if (form.has('client_secret') || form.has('client_id')) {
		presented.push({
			method: 'CLIENT_SECRET_POST',
			id: form.get('client_id'),
			secret: form.get('client_secret'),
		});
	}
	return presented;
}

/**
 * @param {{ environmentId?: string, clientId?: string, clientSecret?: string,
 *   tokenAuthMethod?: 'CLIENT_SECRET_BASIC' | 'CLIENT_SECRET_POST', tokenLifetimeSeconds?: number,
 *   readOnly?: boolean, port?: number, seed?: { users?: object[], groups?: object[] },
 *   rateLimit?: { perSecond: number, mode?: 'delay' | 'reject' } }} [options]
 */
async function startFakePingOne(options = {}) {
	const environmentId = options.environmentId ?? 'abcdef01-2345-4678-89ab-cdef01234567';
	const clientId = options.clientId ?? 'fake-worker-client-id';
	const clientSecret = options.clientSecret ?? 'fake-worker-secret-0123456789';
	const tokenAuthMethod = options.tokenAuthMethod ?? 'CLIENT_SECRET_BASIC';
	const lifetime = options.tokenLifetimeSeconds ?? 3600;
	const store = createStore(environmentId);
	/** @type {Map<string, { environmentId: string, expiresAt: number }>} */
	const tokens = new Map();

	for (const group of options.seed?.groups ?? []) store.addGroup(group);
	for (const seed of options.seed?.users ?? []) seedUser(seed);

	function seedUser(seed) {
		const user = store.addUser(seed);
		for (const name of seed.groups ?? []) {
			const group =
				[...store.state.groups.values()].find((g) => g.name === name) ?? store.addGroup({ name });
			user.groupIds.add(group.id);
		}
		for (const device of seed.devices ?? []) store.addDevice(user, device);
		return user;
	}

	const oauthError = (status, error, description) => ({
		status,
		body: { error, error_description: description },
	});

	function issueToken(call, req, rawBody) {
		const contentType = String(req.headers['content-type'] ?? '')
			.split(';')[0]
			.trim()
			.toLowerCase();
		if (contentType !== FORM)
			return oauthError(400, 'invalid_request', `Content-Type must be ${FORM}`);
		const form = new URLSearchParams(rawBody);
		const presented = presentedClient(req.headers, form);
		call.auth = presented.map((p) => p.method).join('+') || 'none';
		call.body = { grant_type: form.get('grant_type') };
		if (presented.length > 1) {
			return oauthError(
				400,
				'invalid_request',
				'Only one client authentication method may be used',
			);
		}
		const [client] = presented;
		if (!client || client.id !== clientId || !sameSecret(client.secret, clientSecret)) {
			return oauthError(401, 'invalid_client', 'Request denied: invalid client credentials');
		}
		// [unverified] PingOne's exact description for a mismatched token endpoint auth method.
		if (client.method !== tokenAuthMethod) {
			return oauthError(401, 'invalid_client', 'Request denied: Unsupported authentication method');
		}
		if (form.get('grant_type') !== 'client_credentials') {
			return oauthError(400, 'unsupported_grant_type', 'Only client_credentials is allowed');
		}
		const token = randomBytes(24).toString('base64url');
		tokens.set(token, { environmentId, expiresAt: Date.now() + lifetime * 1000 });
		return {
			status: 200,
			body: { access_token: token, token_type: 'Bearer', expires_in: lifetime, scope: '' },
		};
	}

	/** 401 and 403 as PingOne answers them; undefined when the bearer token may call `envId`. */
	function refusal(call, req, envId) {
		const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
		const grant = bearer ? tokens.get(bearer[1]) : undefined;
		call.auth = bearer ? 'bearer' : 'none';
		if (!grant || grant.expiresAt <= Date.now()) {
			// [unverified] the top-level code of a 401.
			return p1Error(
				store,
				401,
				'INVALID_TOKEN',
				'The request could not be completed. The access token is missing, invalid or expired.',
			);
		}
		if (grant.environmentId !== envId || (options.readOnly && call.method !== 'GET')) {
			return p1Error(
				store,
				403,
				'ACCESS_FAILED',
				'The request could not be completed. You do not have access to this resource.',
				[
					{
						code: 'INSUFFICIENT_PERMISSIONS',
						message: 'The actor attempting to perform the request is not authorized.',
					},
				],
			);
		}
		return undefined;
	}

	function routeOf(method, path) {
		if (/^\/[^/]+\/as\/token$/.test(path)) return { route: 'POST /as/token', kind: 'token' };
		const api = /^\/v1\/environments\/[^/]+(\/.*)$/.exec(path);
		const route = api ? findRoute(method, api[1]) : undefined;
		const name = route ? route.name : `${method} ${path}`;
		return { route: name, kind: method === 'GET' ? 'read' : 'write' };
	}

	let origin = '';
	const server = await startFakeServer({
		port: options.port,
		rateLimit: options.rateLimit,
		routeOf,
		async handle(call, req, rawBody) {
			const token = /^\/([^/]+)\/as\/token$/.exec(call.path);
			if (token && call.method === 'POST') {
				return token[1] === environmentId
					? issueToken(call, req, rawBody)
					: oauthError(400, 'invalid_request', 'Unknown environment');
			}
			const api = /^\/v1\/environments\/([^/]+)(\/.*)$/.exec(call.path);
			if (!api) return notFound(store);
			const refused = refusal(call, req, api[1]);
			if (refused) return refused;
			let body;
			if (rawBody) {
				try {
					body = JSON.parse(rawBody);
				} catch {
					return p1Error(store, 400, 'INVALID_REQUEST', 'The request body is not valid JSON');
				}
			}
			call.body = body;
			return dispatch({
				store,
				origin,
				method: call.method,
				path: api[2],
				query: call.query,
				body,
				contentType: String(req.headers['content-type'] ?? '')
					.split(';')[0]
					.trim()
					.toLowerCase(),
			});
		},
		faultReply(status) {
			if (status === 429) {
				// [unverified] the top-level code of a 429.
				return {
					body: {
						id: store.next('error'),
						code: 'REQUEST_LIMITED',
						message: 'The request was rate limited.',
					},
					headers: { 'Retry-After': '1' },
				};
			}
			const code = status >= 500 ? 'UNEXPECTED_ERROR' : 'INVALID_REQUEST';
			return { body: { id: store.next('error'), code, message: `Injected fault ${status}` } };
		},
	});
	origin = server.origin;

	return {
		...server,
		url: server.origin,
		authBaseUrl: server.origin,
		apiBaseUrl: server.origin,
		environmentId,
		clientId,
		clientSecret,
		tokenAuthMethod,
		state: store.state,
		snapshot: () => store.snapshot(),
		/** Ends every token issued so far, as an hour passing would. */
		expireTokens() {
			for (const grant of tokens.values()) grant.expiresAt = 0;
		},
		issuedTokens: () => tokens.size,
		/** Adds a user (and groups, devices) as the admin console would; returns its id. */
		addUser: (seed) => seedUser(seed).id,
		/** Gives a user a device the Admin API cannot create (MOBILE, FIDO2); returns its id. */
		addDevice(username, device) {
			const user = [...store.state.users.values()].find((u) => u.username === username);
			if (!user) throw new Error(`No PingOne user ${username}`);
			return store.addDevice(user, device).id;
		},
	};
}

module.exports = { startFakePingOne };
