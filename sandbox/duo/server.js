// A stateful fake of the Duo Admin API on 127.0.0.1 for tests, benchmarks and the demo.
// - Every request is re-canonicalized and its signature verified (v2 HMAC-SHA512 or HMAC-SHA1 over query or
//   form params; v5 over a JSON body), with the date from `Date` or `X-Duo-Date`; a mismatch gets
//   401 {stat:"FAIL", code:40103, message:"Invalid signature in request credentials"}.
// - Users, groups, phones, hardware tokens, WebAuthn and U2F credentials and bypass codes keep Duo's object
//   shapes; lists page with limit/offset and metadata.next_offset; failures use Duo's error envelope.
// - injectFaults() answers 429 or 500 at a given count or seeded rate; rateLimit caps requests per second by
//   delaying or rejecting (429 code 42901).
// Seeds accept the `duo` part of /work/shared/bench/okta-duo-mix.mjs output ({ users, groups }).
'use strict';

const http = require('node:http');

const { createRateLimiter } = require('../rateLimit');
const { verifySignature } = require('./signature');
const { createStore } = require('./store');
const { dispatch, routeKey } = require('./routes');

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks).toString('utf8');
}

/** Seeded PRNG (mulberry32) so fault patterns repeat run to run. */
function seededRandom(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** @param {Array<[string, string]>} pairs */
function paramsObject(pairs) {
	const params = {};
	for (const [key, value] of pairs) params[key] = value;
	return params;
}

const FAULT_BODIES = {
	429: { stat: 'FAIL', code: 42901, message: 'Too Many Requests' },
	500: { stat: 'FAIL', code: 50001, message: 'Unknown internal server error' },
	502: { stat: 'FAIL', code: 50201, message: 'Bad gateway' },
	503: { stat: 'FAIL', code: 50301, message: 'Service unavailable' },
};

/**
 * @param {{ ikey?: string, skey?: string, host?: string, port?: number, maxSkewSeconds?: number | null,
 *   seed?: { users?: object[], groups?: object[] },
 *   rateLimit?: { perSecond: number, mode?: 'delay' | 'reject' } }} [options]
 */
async function startFakeDuo(options = {}) {
	const ikey = options.ikey ?? 'DIFAKEINTEGRATIONKEY';
	const skey = options.skey ?? 'fake-duo-secret-key-0123456789abcdefghij';
	const maxSkewSeconds = options.maxSkewSeconds === undefined ? 300 : options.maxSkewSeconds;
	const store = createStore();
	for (const group of options.seed?.groups ?? []) store.addGroup(group);
	for (const user of options.seed?.users ?? []) store.addUser(user);

	/** @type {Array<{ method: string, path: string, route: string, status: number, params: Record<string,string>, signature?: string }>} */
	const calls = [];
	/** @type {Array<{ status: number, remaining: number, rate: number, random: () => number }>} */
	let faults = [];
	const throttle = createRateLimiter(options.rateLimit);

	/** The first armed fault that applies to this call, consuming one of its count. */
	function takeFault(call) {
		for (const fault of faults) {
			if (fault.remaining <= 0) continue;
			if (fault.method && fault.method !== call.method) continue;
			if (fault.route && fault.route !== call.route) continue;
			if (fault.rate < 1 && fault.random() >= fault.rate) continue;
			fault.remaining -= 1;
			return fault;
		}
		return undefined;
	}

	const faultReply = (call, status) =>
		typeof status === 'string' ? { call, status, body: undefined } : {
		call,
		status,
		body: FAULT_BODIES[status] ?? {
			stat: 'FAIL',
			code: status * 100 + 1,
			message: 'Injected fault',
		},
	};

	async function handle(req) {
		const url = new URL(req.url, 'http://fake-duo.invalid');
		const method = req.method.toUpperCase();
		const rawBody = await readBody(req);
		const contentType = String(req.headers['content-type'] || '')
			.split(';')[0]
			.trim()
			.toLowerCase();
		const json = BODY_METHODS.has(method) && contentType === 'application/json';
		/** @type {Array<[string, string]>} */
		const pairs = [...url.searchParams.entries()];
		if (BODY_METHODS.has(method) && !json && rawBody)
			pairs.push(...new URLSearchParams(rawBody).entries());
		const call = {
			method,
			path: url.pathname,
			route: routeKey(method, url.pathname),
			status: 0,
			params: paramsObject(pairs),
		};
		calls.push(call);

		if (await throttle()) return { call, status: 429, body: FAULT_BODIES[429] };
		let fault = takeFault(call);
		if (fault && fault.status === 'delay') {
			await new Promise((resolve) => setTimeout(resolve, fault.ms ?? 100));
			fault = undefined;
		}
		if (fault && !fault.afterApply) return faultReply(call, fault.status);

		const verdict = verifySignature(
			{
				authorization: req.headers.authorization,
				date: req.headers['x-duo-date'] || req.headers.date,
				method,
				host: options.host ?? req.headers.host ?? '',
				path: url.pathname,
				pairs: json ? [...url.searchParams.entries()] : pairs,
				rawBody,
				json,
				headers: req.headers,
			},
			{ ikey, skey, maxSkewSeconds },
		);
		if (!verdict.ok)
			return {
				call,
				status: 401,
				body: { stat: 'FAIL', code: verdict.code, message: verdict.message },
			};
		call.signature = `${verdict.version}/${verdict.digest}`;

		let params = call.params;
		if (json) {
			try {
				params = {
					...params,
					...Object.fromEntries(
						Object.entries(JSON.parse(rawBody || '{}')).map(([k, v]) => [
							k,
							typeof v === 'string' ? v : JSON.stringify(v),
						]),
					),
				};
			} catch {
				return {
					call,
					status: 400,
					body: {
						stat: 'FAIL',
						code: 40002,
						message: 'Invalid request parameters',
						message_detail: 'body',
					},
				};
			}
		}
		const result = dispatch(store, method, url.pathname, params);
		// A lost response: the request took effect, but the client sees the fault.
		if (fault) return faultReply(call, fault.status);
		return { call, status: result.status, body: result.body };
	}

	const server = http.createServer((req, res) => {
		handle(req).then(
			({ call, status, body }) => {
				call.status = status;
				// A connection lost before the answer, or an answer that never comes.
				if (status === 'reset') return void req.socket.destroy();
				if (status === 'hang') return;
				const text = JSON.stringify(body);
				res.writeHead(status, {
					'Content-Type': 'application/json',
					'Content-Length': Buffer.byteLength(text),
				});
				res.end(text);
			},
			(error) => {
				res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(
					JSON.stringify({ stat: 'FAIL', code: 50001, message: String(error && error.message) }),
				);
			},
		);
	});
	await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address();
	const host = `127.0.0.1:${port}`;

	return {
		url: `http://${host}`,
		host,
		ikey,
		skey,
		state: store.state,
		calls,
		counts() {
			const byRoute = {};
			let reads = 0;
			let writes = 0;
			for (const call of calls) {
				byRoute[call.route] = (byRoute[call.route] ?? 0) + 1;
				if (call.method === 'GET') reads += 1;
				else writes += 1;
			}
			return { total: calls.length, reads, writes, byRoute };
		},
		resetCounts() {
			calls.length = 0;
		},
		/**
		 * Answers matching calls with `status` instead of handling them: the next `count` calls (default all),
		 * each with probability `rate` (seeded). `method`/`route` narrow the calls; `afterApply` handles the
		 * call first and then answers the fault, as when a response is lost after the write happened.
		 * @param {{ status: number, count?: number, rate?: number, seed?: number, method?: string, route?: string, afterApply?: boolean }} fault
		 */
		injectFaults(fault) {
			faults.push({
				status: fault.status,
				ms: fault.ms,
				method: fault.method,
				route: fault.route,
				afterApply: fault.afterApply === true,
				remaining: fault.count ?? Number.POSITIVE_INFINITY,
				rate: fault.rate ?? 1,
				random: seededRandom(fault.seed ?? 1),
			});
		},
		clearFaults() {
			faults = [];
		},
		snapshot: () => store.snapshot(),
		/**
		 * What a user enrolling in Duo leaves behind, which the Admin API cannot create: devices linked to
		 * the user, in the shapes the seed takes (partial objects get Duo's defaults and generated ids).
		 * @param {string} username
		 * @param {{ phones?: object[], tokens?: object[], webauthn?: object[], u2f?: object[], bypassCodes?: Array<string | object> }} devices
		 * @returns {{ phones: string[], tokens: string[], webauthn: string[], u2f: string[], bypassCodes: string[] }} the ids
		 */
		enrollDevices(username, devices) {
			const user = [...store.state.users.values()].find((u) => u.username === username);
			if (!user) throw new Error(`No Duo user ${username} to enroll`);
			const id = user.user_id;
			const link = (list, ids) => {
				for (const value of ids) if (!list.includes(value)) list.push(value);
				return ids;
			};
			return {
				phones: link(
					user.phoneIds,
					(devices.phones ?? []).map((phone) => store.addPhone(phone, id).phone_id),
				),
				tokens: link(
					user.tokenIds,
					(devices.tokens ?? []).map((token) => store.addToken(token, id).token_id),
				),
				webauthn: (devices.webauthn ?? []).map((key) => store.addWebauthn(key, id).webauthnkey),
				u2f: (devices.u2f ?? []).map((token) => store.addU2f(token, id).registration_id),
				bypassCodes: (devices.bypassCodes ?? []).map(
					(code) => store.addBypassCode(code, id).bypass_code_id,
				),
			};
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

module.exports = { startFakeDuo };
