// A fake Shared Signals transmitter on 127.0.0.1: Transmitter Configuration Metadata at
// /.well-known/ssf-configuration<issuer path>, its JWKS, stream management behind a bearer token (SSF 1.0 §8),
// verification events, and RFC 8935 push: the SET as the body with Content-Type application/secevent+jwt,
// the stream's authorization_header, retries on 5xx, 429 and lost connections, none on 400.
// See shared/reference/ssf.md.
'use strict';

const http = require('node:http');
const { randomUUID } = require('node:crypto');

const { readBody, takeFault } = require('../http');
const { newKey, signSet } = require('./signing');
const { ALL_EVENTS, SCHEMAS, createStreams } = require('./streams');

const uri = (key) => (key.startsWith('https://') ? key : `${SCHEMAS}/${key.split('/')[0]}/event-type/${key.split('/')[1]}`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @param {{ port?: number, issuerPath?: string, apiToken?: string, audience?: string | string[],
 *   eventsSupported?: string[], oneStreamPerReceiver?: boolean, minVerificationInterval?: number,
 *   criticalSubjectMembers?: string[], statusEndpoint?: boolean, verificationEndpoint?: boolean,
 *   retries?: number, retryDelayMs?: number, pushTimeoutMs?: number, setIssuer?: string }} [options]
 * `setIssuer` misconfigures the transmitter: its SETs then name another issuer than its metadata.
 */
async function startFakeTransmitter(options = {}) {
	const apiToken = options.apiToken ?? 'fake-ssf-api-token';
	const retries = options.retries ?? 3;
	const retryDelayMs = options.retryDelayMs ?? 100;
	/** @type {Array<{method: string, path: string, status: number}>} */
	const requests = [];
	/** @type {Array<{streamId: string, jti?: string, kind: string, status: number, attempts: number, err?: string, description?: string}>} */
	const deliveries = [];
	const faults = [];
	const pushFaults = [];
	let signingKey = newKey('RS256', 'rs256-1');
	/** The published keys: the current one of each algorithm. */
	let published = [signingKey, newKey('PS256', 'ps256-1'), newKey('ES256', 'es256-1')];
	const pending = new Set();

	let baseUrl = '';
	let issuer = '';
	let streams;

	const metadata = () => ({
		spec_version: '1_0',
		issuer,
		jwks_uri: `${baseUrl}/ssf/jwks.json`,
		delivery_methods_supported: ['urn:ietf:rfc:8935'],
		configuration_endpoint: `${baseUrl}/ssf/stream`,
		...(options.statusEndpoint === false ? {} : { status_endpoint: `${baseUrl}/ssf/status` }),
		add_subject_endpoint: `${baseUrl}/ssf/subjects:add`,
		remove_subject_endpoint: `${baseUrl}/ssf/subjects:remove`,
		...(options.verificationEndpoint === false ? {} : { verification_endpoint: `${baseUrl}/ssf/verify` }),
		...(options.criticalSubjectMembers?.length ? { critical_subject_members: options.criticalSubjectMembers } : {}),
		authorization_schemes: [{ spec_urn: 'urn:ietf:rfc:6749' }],
		default_subjects: 'ALL',
	});

	/** The claims of a SET on `stream`: iss, its aud, iat now, a fresh jti, and the subject as sub_id. */
	function claimsFor(stream, eventKey, payload = {}, subject, overrides = {}) {
		const claims = {
			iss: options.setIssuer ?? issuer,
			jti: randomUUID(),
			iat: Math.floor(Date.now() / 1000),
			aud: stream?.aud ?? options.audience,
			txn: randomUUID(),
			...(subject ? { sub_id: subject } : {}),
			events: { [uri(eventKey)]: payload },
			...overrides,
		};
		for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
		return claims;
	}

	/** POSTs one SET to the stream's endpoint; retries 5xx, 429 and lost connections, never a 400. */
	async function push(stream, token, kind) {
		const headers = { 'Content-Type': 'application/secevent+jwt', Accept: 'application/json', 'Accept-Language': 'en' };
		if (stream.delivery.authorization_header) headers.Authorization = stream.delivery.authorization_header;
		let attempts = 0;
		let reply;
		do {
			if (attempts > 0) await sleep(retryDelayMs * 2 ** (attempts - 1));
			attempts++;
			const fault = takeFault(pushFaults, 'POST', '');
			try {
				if (fault?.lost === 'request') throw new Error('connection lost before the request was sent');
				const response = await fetch(stream.delivery.endpoint_url, { method: 'POST', headers, body: token, signal: AbortSignal.timeout(options.pushTimeoutMs ?? 10_000) });
				reply = { status: response.status, text: await response.text(), language: response.headers.get('content-language') ?? undefined, contentType: response.headers.get('content-type') ?? undefined };
				if (fault?.lost === 'response') throw new Error('connection lost before the response arrived');
			} catch (error) {
				reply = { status: 0, text: '', error: String(error?.message ?? error) };
			}
		} while (attempts <= retries && (reply.status === 0 || reply.status === 429 || reply.status >= 500));
		let parsed;
		try { parsed = reply.text ? JSON.parse(reply.text) : undefined; } catch { parsed = undefined; }
		const record = {
			streamId: stream.stream_id,
			kind,
			status: reply.status,
			attempts,
			body: reply.text,
			...(reply.language ? { contentLanguage: reply.language } : {}),
			...(reply.contentType ? { contentType: reply.contentType } : {}),
			...(parsed?.err ? { err: parsed.err, description: parsed.description } : {}),
		};
		deliveries.push(record);
		return record;
	}

	function streamOf(streamId) {
		const stream = streams.streams.get(streamId);
		if (!stream) throw new Error(`no stream ${streamId}`);
		return stream;
	}

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url, baseUrl);
		const raw = await readBody(req);
		const send = (status, body) => {
			res.writeHead(status, body === undefined ? { 'cache-control': 'no-store' } : { 'content-type': 'application/json', 'cache-control': 'no-store' });
			res.end(body === undefined ? '' : JSON.stringify(body));
			requests.push({ method: req.method, path: url.pathname, status });
		};
		const issuerPath = new URL(issuer).pathname.replace(/\/+$/, '');
		if (req.method === 'GET' && url.pathname === `/.well-known/ssf-configuration${issuerPath}`) return send(200, metadata());
		if (req.method === 'GET' && url.pathname === '/ssf/jwks.json') return send(200, { keys: published.map((key) => key.jwk) });
		if (!url.pathname.startsWith('/ssf/')) return send(404, { err: 'not_found', description: `No route ${url.pathname}` });
		if (req.headers.authorization !== `Bearer ${apiToken}`) return send(401, { err: 'invalid_token', description: 'A bearer token is required' });
		const fault = takeFault(faults, req.method, url.pathname);
		if (fault) return send(fault.status, { err: 'injected', description: `Injected ${fault.status}` });
		let body;
		try { body = raw ? JSON.parse(raw) : undefined; } catch { return send(400, { err: 'invalid_request', description: 'The request body is not JSON' }); }
		const streamId = url.searchParams.get('stream_id');
		let result;
		if (url.pathname === '/ssf/stream') {
			if (req.method === 'POST') result = streams.create(body);
			else if (req.method === 'GET') result = streams.read(streamId);
			else if (req.method === 'PATCH') result = streams.update(body, false);
			else if (req.method === 'PUT') result = streams.update(body, true);
			else if (req.method === 'DELETE') result = streams.remove(streamId);
		} else if (url.pathname === '/ssf/status' && options.statusEndpoint !== false) {
			result = req.method === 'GET' ? streams.status(streamId) : req.method === 'POST' ? streams.setStatus(body) : undefined;
		} else if (url.pathname === '/ssf/subjects:add' && req.method === 'POST') result = streams.addSubject(body);
		else if (url.pathname === '/ssf/subjects:remove' && req.method === 'POST') result = streams.removeSubject(body);
		else if (url.pathname === '/ssf/verify' && req.method === 'POST' && options.verificationEndpoint !== false) {
			result = streams.requestVerification(body, Date.now());
			if (result.status === 204) {
				const stream = result.stream;
				const claims = claimsFor(stream, 'ssf/verification', body.state === undefined ? {} : { state: body.state }, { format: 'opaque', id: stream.stream_id });
				// Delivered after the 204, as SSF allows: the receiver must not expect it synchronously.
				const delivery = sleep(20).then(() => push(stream, signSet(signingKey, claims), 'verification'));
				pending.add(delivery);
				delivery.finally(() => pending.delete(delivery));
			}
		}
		if (!result) return send(405, { err: 'invalid_request', description: `${req.method} is not supported on ${url.pathname}` });
		send(result.status, result.body);
	});
	await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${server.address().port}`;
	issuer = `${baseUrl}${options.issuerPath ?? ''}`;
	streams = createStreams({
		issuer,
		audience: options.audience ?? `${baseUrl}/receivers/n8n`,
		eventsSupported: options.eventsSupported ?? ALL_EVENTS,
		oneStreamPerReceiver: options.oneStreamPerReceiver ?? false,
		minVerificationInterval: options.minVerificationInterval,
	});

	return {
		url: baseUrl,
		get issuer() { return issuer; },
		apiToken,
		streams: streams.streams,
		requests,
		deliveries,
		/** The current RS256 signing key's kid. */
		get kid() { return signingKey.kid; },
		/** The published JWKS. */
		jwks: () => ({ keys: published.map((key) => key.jwk) }),
		/** A new RS256 key signs from now on and replaces the old one in the JWKS (unless `keepOld`). */
		rotateKeys({ keepOld = false } = {}) {
			const next = newKey('RS256', `rs256-${published.length + 1}-${Date.now().toString(36)}`);
			published = keepOld ? [...published, next] : [next, ...published.filter((key) => key.alg !== 'RS256')];
			signingKey = next;
			return next.kid;
		},
		claimsFor: (streamId, eventKey, payload, subject, overrides) => claimsFor(streamId ? streamOf(streamId) : undefined, eventKey, payload, subject, overrides),
		/**
		 * Signs claims with the current key of `alg` (RS256 by default), or forges a refusal case.
		 * @param {object} claims
		 * @param {{ alg?: 'RS256' | 'PS256' | 'ES256', forge?: 'none' | 'hs256' | 'foreign', header?: object }} [how]
		 */
		sign(claims, how = {}) {
			const key = how.alg ? published.find((candidate) => candidate.alg === how.alg) : signingKey;
			return signSet(key, claims, how);
		},
		/** Pushes a signed SET on a stream, as the transmitter's delivery service would. */
		async push(streamId, token) {
			return await push(streamOf(streamId), token, 'event');
		},
		/**
		 * Emits one event on a stream: signed with the current key and pushed, only if the stream is enabled and
		 * delivers the event type (verification and stream-updated always go).
		 */
		async emit(streamId, eventKey, payload, subject, overrides) {
			const stream = streamOf(streamId);
			if (stream.status !== 'enabled') return { status: 0, held: true, attempts: 0 };
			const type = uri(eventKey);
			if (!stream.events_delivered.includes(type) && !type.includes('/ssf/event-type/')) return { status: 0, filtered: true, attempts: 0 };
			const claims = claimsFor(stream, eventKey, payload, subject, overrides);
			return { ...(await push(stream, signSet(signingKey, claims), 'event')), jti: claims.jti };
		},
		/** Changes a stream's status as the transmitter, announcing it with a stream-updated event first. */
		async setStatus(streamId, status, reason) {
			const stream = streamOf(streamId);
			const claims = claimsFor(stream, 'ssf/stream-updated', { status, ...(reason ? { reason } : {}) }, { format: 'opaque', id: streamId });
			const reply = await push(stream, signSet(signingKey, claims), 'stream-updated');
			stream.status = status;
			return reply;
		},
		/** Faults of the management API: `status` answered `count` times. */
		injectFaults(fault) { faults.push({ count: 1, ...fault }); },
		/**
		 * Faults of pushes, `count` times: the connection is lost before the request is sent (`lost: 'request'`)
		 * or after the receiver answered (`lost: 'response'`, the default), and the transmitter retries.
		 */
		injectPushFaults(fault = {}) { pushFaults.push({ count: 1, lost: 'response', ...fault }); },
		/** Resolves once every verification event queued so far has been pushed. */
		async settled() { await Promise.all([...pending]); },
		async close() {
			await Promise.allSettled([...pending]);
			await new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve(undefined)); });
		},
	};
}

module.exports = { startFakeTransmitter };
