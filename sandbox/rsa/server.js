// A stateful fake of the RSA SecurID Cloud Administration REST API (legacy Administration API key) on 127.0.0.1.
// - The fake owns an RSA key pair; `accessKey` (PKCS#1 PEM, as in RSA's key files), `accessId` and
//   `adminRestApiUrl` (<origin>/AdminInterface/restapi) are what a key file would hold (`keyFile()`).
// - Every request needs `Authorization: Bearer <JWT>` signed RS256 with that key, `sub` = Access ID,
//   `aud` = Admin REST API URL, and valid iat/exp (one hour at most, 60 s skew); anything else gets 403 with
//   the body RSA sends for a refused token. `rotateKey()` replaces the key pair, as deleting a key would.
// - Users, authenticators (SecurID 700 tokens unassigned by serial) and the status, mark-deleted and delete
//   rules of routes.js.
// - rateLimit caps requests per second by delaying them or answering 429 beyond the cap, as the Duo fake does.
// - injectFaults() answers 429, 5xx, drops the connection or delays, before or after the request took effect.
'use strict';

const { generateKeyPairSync } = require('node:crypto');

const { startFakeServer } = require('../mfaFakeServer');
const { verifyAdminJwt } = require('./jwt');
const { dispatch, fail, findRoute } = require('./routes');
const { createStore } = require('./store');

const BASE = '/AdminInterface/restapi';

function newKeyPair() {
	const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	return { publicKey, accessKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() };
}

/**
 * @param {{ accessId?: string, role?: 'SUPER_ADMIN' | 'HELP_DESK', skewSeconds?: number, port?: number,
 *   seed?: { users?: object[] }, rateLimit?: { perSecond: number, mode?: 'delay' | 'reject' } }} [options]
 */
async function startFakeRsa(options = {}) {
	const accessId = options.accessId ?? '139f6495-e447-4a26-a765-5c01b6b152d5';
	const role = options.role ?? 'SUPER_ADMIN';
	const skewSeconds = options.skewSeconds ?? 60;
	let keys = newKeyPair();
	const store = createStore();
	for (const user of options.seed?.users ?? []) store.addUser(user);
	let adminRestApiUrl = '';

	function routeOf(method, path) {
		const route = path.startsWith(`${BASE}/`)
			? findRoute(method, path.slice(BASE.length))
			: undefined;
		return {
			route: route ? route.name : `${method} ${path}`,
			kind: route?.read ? 'read' : method === 'GET' ? 'read' : 'write',
		};
	}

	const server = await startFakeServer({
		port: options.port,
		rateLimit: options.rateLimit,
		routeOf,
		async handle(call, req, rawBody) {
			const verdict = verifyAdminJwt(req.headers.authorization, {
				publicKey: keys.publicKey,
				accessId,
				audience: adminRestApiUrl,
				skewSeconds,
			});
			call.auth = verdict.ok ? 'jwt' : `refused: ${verdict.reason}`;
			if (!verdict.ok) {
				return {
					status: 403,
					body: {
						timestamp: Date.now(),
						status: 403,
						error: 'Forbidden',
						message: 'Server failed to process provided access token',
						path: call.path,
					},
				};
			}
			if (!call.path.startsWith(`${BASE}/`))
				return fail(404, 'NOT_FOUND', `No endpoint ${call.path}`);
			const contentType = String(req.headers['content-type'] ?? '')
				.split(';')[0]
				.trim()
				.toLowerCase();
			let body;
			if (['POST', 'PUT', 'PATCH'].includes(call.method)) {
				if (contentType !== 'application/json')
					return fail(415, 'UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
				try {
					body = rawBody ? JSON.parse(rawBody) : undefined;
				} catch {
					return fail(400, 'BAD_REQUEST', 'The request body is not valid JSON');
				}
			}
			call.body = body;
			return dispatch({
				store,
				role,
				method: call.method,
				path: call.path.slice(BASE.length),
				query: call.query,
				body,
			});
		},
		faultReply(status) {
			// [unverified] 429 body and Retry-After; the 500 body is RSA's.
			if (status === 429)
				return { body: { code: '429 TOO_MANY_REQUESTS', description: 'Too many requests' } };
			if (status === 500)
				return {
					body: { code: '500 INTERNAL_SERVER_ERROR', description: 'An internal error occurred.' },
				};
			return {
				body: { code: `${status} INJECTED_FAULT`, description: `Injected fault ${status}` },
			};
		},
	});
	adminRestApiUrl = `${server.origin}${BASE}`;

	return {
		...server,
		url: server.origin,
		adminRestApiUrl,
		accessId,
		get accessKey() {
			return keys.accessKey;
		},
		state: store.state,
		snapshot: () => store.snapshot(),
		/** The Administration API key file RSA would let an administrator download. */
		keyFile: () =>
			JSON.stringify({
				customerName: 'Fake Tenant',
				accessID: accessId,
				accessKey: keys.accessKey,
				adminRestApiUrl,
				description: 'fake key',
			}),
		/** Replaces the key pair: tokens signed with the old Access Key are refused from now on. */
		rotateKey() {
			keys = newKeyPair();
		},
		/** Adds a user as the identity source sync would; returns its id. */
		addUser: (user) => store.addUser(user).id,
		/** Registers an authenticator for a user; returns its id. */
		addDevice(email, device) {
			const user = store.byEmail(email);
			if (!user) throw new Error(`No RSA user ${email}`);
			return store.addDevice(user, device).id;
		},
	};
}

module.exports = { startFakeRsa };
