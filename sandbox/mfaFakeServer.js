// The HTTP side the PingOne and RSA fakes share: one server on 127.0.0.1 that records every call, caps the request
// rate if asked (delaying requests, or answering 429 beyond the cap), answers injected faults (before a request is
// handled, or after it took effect: a lost response), and otherwise hands the request to the provider's handler
// (auth check and routes).
'use strict';

const http = require('node:http');

const { readBody } = require('./http');
const { createRateLimiter } = require('./rateLimit');

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

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @typedef {{ method: string, path: string, route: string, kind: 'token' | 'read' | 'write', status: number,
 *   query: Record<string, string>, body?: unknown, auth?: string, fault?: string }} FakeCall
 * @typedef {{ status?: number, count?: number, rate?: number, seed?: number, method?: string, route?: string,
 *   afterApply?: boolean, drop?: boolean, delayMs?: number, retryAfterSeconds?: number }} FaultSpec
 * @param {{ port?: number, rateLimit?: { perSecond: number, mode?: 'delay' | 'reject' },
 *   routeOf: (method: string, path: string) => { route: string, kind: FakeCall['kind'] },
 *   handle: (call: FakeCall, req: import('node:http').IncomingMessage, rawBody: string) =>
 *     Promise<{ status: number, body?: unknown, headers?: Record<string, string> }>,
 *   faultReply: (status: number, call: FakeCall) => { body: unknown, headers?: Record<string, string> } }} options
 */
async function startFakeServer(options) {
	/** @type {FakeCall[]} */
	const calls = [];
	let faults = [];
	const throttle = createRateLimiter(options.rateLimit);

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

	function faultAnswer(fault, call) {
		const reply = options.faultReply(fault.status, call);
		const headers = { ...(reply.headers ?? {}) };
		if (fault.retryAfterSeconds !== undefined)
			headers['Retry-After'] = String(fault.retryAfterSeconds);
		call.fault = fault.afterApply ? `${fault.status} after apply` : String(fault.status);
		return { status: fault.status, body: reply.body, headers };
	}

	/** Resolves with the reply, or with `undefined` when the connection is to be dropped. */
	async function answer(req) {
		const url = new URL(req.url, 'http://fake.invalid');
		const method = req.method.toUpperCase();
		const rawBody = await readBody(req);
		const { route, kind } = options.routeOf(method, url.pathname);
		/** @type {FakeCall} */
		const call = {
			method,
			path: url.pathname,
			route,
			kind,
			status: 0,
			query: Object.fromEntries(url.searchParams.entries()),
		};
		calls.push(call);
		if (await throttle()) {
			call.fault = 'rate limited';
			const reply = options.faultReply(429, call);
			return { call, reply: { status: 429, body: reply.body, headers: reply.headers ?? {} } };
		}
		const fault = takeFault(call);
		if (fault && !fault.status && !fault.drop) call.fault = `delayed ${fault.delayMs} ms`;
		if (fault && !fault.afterApply) {
			if (fault.delayMs) await wait(fault.delayMs);
			if (fault.drop) return { call, drop: true };
			if (fault.status) return { call, reply: faultAnswer(fault, call) };
		}
		const reply = await options.handle(call, req, rawBody);
		if (fault && fault.afterApply) {
			if (fault.delayMs) await wait(fault.delayMs);
			if (fault.drop) return { call, drop: true };
			if (fault.status) return { call, reply: faultAnswer(fault, call) };
		}
		return { call, reply };
	}

	const server = http.createServer((req, res) => {
		answer(req).then(
			({ call, reply, drop }) => {
				if (drop) {
					call.status = 0;
					call.fault = call.fault ?? 'dropped';
					req.socket.destroy();
					return;
				}
				call.status = reply.status;
				if (res.destroyed || res.writableEnded) return;
				const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
				res.writeHead(reply.status, {
					...(text ? { 'Content-Type': 'application/json' } : {}),
					'Content-Length': Buffer.byteLength(text),
					...(reply.headers ?? {}),
				});
				res.end(text);
			},
			(error) => {
				if (res.destroyed) return;
				res.writeHead(500, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ message: String(error && error.message) }));
			},
		);
	});
	await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address();

	return {
		origin: `http://127.0.0.1:${port}`,
		calls,
		counts() {
			const byRoute = {};
			const totals = { total: calls.length, token: 0, reads: 0, writes: 0 };
			for (const call of calls) {
				byRoute[call.route] = (byRoute[call.route] ?? 0) + 1;
				if (call.kind === 'token') totals.token += 1;
				else if (call.kind === 'read') totals.reads += 1;
				else totals.writes += 1;
			}
			return { ...totals, byRoute };
		},
		resetCounts() {
			calls.length = 0;
		},
		/** @param {FaultSpec} fault */
		injectFaults(fault) {
			if (!fault.status && !fault.drop && !fault.delayMs) {
				throw new Error('A fault needs a status, drop or delayMs');
			}
			faults.push({
				...fault,
				afterApply: fault.afterApply === true,
				remaining: fault.count ?? Number.POSITIVE_INFINITY,
				rate: fault.rate ?? 1,
				random: seededRandom(fault.seed ?? 1),
			});
		},
		clearFaults() {
			faults = [];
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			}),
	};
}

module.exports = { startFakeServer, seededRandom };
