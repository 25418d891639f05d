import { createServer, type IncomingMessage, type Server } from 'node:http';

import { importJwks, decodeCompactJws, verifyJwsSignature } from '../../../nodes/IdpEventTrigger/providers/ssf/ssf.jws';
import { startFakeTransmitter, type FakeTransmitter } from '../../../sandbox/ssf/server';
import { createStreamAt } from '../support/streams';

interface Received {
	headers: IncomingMessage['headers'];
	body: string;
}

/** A receiver answering with the statuses queued, 202 once they are used up. */
async function receiver(statuses: number[] = []) {
	const received: Received[] = [];
	const server: Server = createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
		const status = statuses.shift() ?? 202;
		res.writeHead(status, status === 400 ? { 'content-type': 'application/json' } : {});
		res.end(status === 400 ? JSON.stringify({ err: 'invalid_key', description: 'nope' }) : '');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address() as { port: number };
	return { url: `http://127.0.0.1:${address.port}/events`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('fake SSF transmitter', () => {
	let transmitter: FakeTransmitter;
	const api = async (method: string, path: string, body?: unknown, token: string | undefined = transmitter.apiToken) => {
		const response = await fetch(`${transmitter.url}${path}`, {
			method,
			headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : undefined };
	};
	const createStream = async (url: string, extra: { authorization_header?: string } = {}) =>
		await createStreamAt(transmitter, { endpoint_url: url, ...extra }, ['https://schemas.openid.net/secevent/risc/event-type/account-disabled', 'urn:example:unknown']);

	beforeEach(async () => {
		transmitter = await startFakeTransmitter({ issuerPath: '/issuer1', minVerificationInterval: 30, retryDelayMs: 10 });
	});
	afterEach(async () => await transmitter.close());

	it('publishes its metadata under the issuer path, without authentication, and keys that verify what it signs', async () => {
		const metadata = await fetch(`${transmitter.url}/.well-known/ssf-configuration/issuer1`);
		expect(metadata.status).toBe(200);
		expect(await metadata.json()).toMatchObject({ issuer: `${transmitter.url}/issuer1`, jwks_uri: `${transmitter.url}/ssf/jwks.json`, delivery_methods_supported: ['urn:ietf:rfc:8935'] });
		expect((await fetch(`${transmitter.url}/.well-known/ssf-configuration`)).status).toBe(404);
		const keys = importJwks(await (await fetch(`${transmitter.url}/ssf/jwks.json`)).json());
		for (const alg of ['RS256', 'PS256', 'ES256'] as const) {
			const decoded = decodeCompactJws(transmitter.sign({ iss: transmitter.issuer }, { alg }));
			expect(decoded.ok && verifyJwsSignature(decoded.value, keys)).toEqual({ ok: true });
		}
	});

	it('manages streams with the status codes of SSF 1.0 §8.1.1 behind its bearer token', async () => {
		expect((await api('GET', '/ssf/stream', undefined, '')).status).toBe(401);
		const created = await createStream('https://rx.test/events');
		expect(created).toMatchObject({ status: 201, body: { iss: transmitter.issuer, events_delivered: ['https://schemas.openid.net/secevent/risc/event-type/account-disabled'] } });
		const id = created.body.stream_id as string;
		expect(await api('GET', `/ssf/stream?stream_id=${id}`)).toMatchObject({ status: 200, body: { stream_id: id } });
		expect(await api('GET', '/ssf/stream')).toMatchObject({ status: 200, body: [{ stream_id: id }] });
		expect((await api('GET', '/ssf/stream?stream_id=nope')).status).toBe(404);
		expect((await api('POST', '/ssf/stream', { events_requested: [] })).status).toBe(400);
		expect((await api('PATCH', '/ssf/stream', { stream_id: id, aud: 'changed' })).status).toBe(400);
		expect(await api('PATCH', '/ssf/stream', { stream_id: id, description: 'renamed' })).toMatchObject({ status: 200, body: { description: 'renamed', delivery: { endpoint_url: 'https://rx.test/events' } } });
		expect(await api('PUT', '/ssf/stream', { stream_id: id, delivery: { method: 'urn:ietf:rfc:8935', endpoint_url: 'https://rx.test/v2' } })).toMatchObject({ status: 200, body: { events_requested: [], events_delivered: [] } });
		expect(await api('GET', `/ssf/status?stream_id=${id}`)).toEqual({ status: 200, body: { stream_id: id, status: 'enabled' } });
		expect((await api('DELETE', '/ssf/stream')).status).toBe(400);
		expect((await api('DELETE', `/ssf/stream?stream_id=${id}`)).status).toBe(204);
		expect((await api('DELETE', `/ssf/stream?stream_id=${id}`)).status).toBe(404);
	});

	it('answers a verification request with 204, pushes the verification SET after it, and 429 within min_verification_interval', async () => {
		const rx = await receiver();
		try {
			const { body: stream } = await createStream(rx.url, { authorization_header: 'Bearer rx-secret' });
			expect(await api('POST', '/ssf/verify', { stream_id: stream.stream_id, state: 'abc' })).toEqual({ status: 204, body: undefined });
			expect((await api('POST', '/ssf/verify', { stream_id: stream.stream_id })).status).toBe(429);
			await transmitter.settled();
			expect(rx.received).toHaveLength(1);
			const [push] = rx.received;
			expect(push.headers).toMatchObject({ 'content-type': 'application/secevent+jwt', accept: 'application/json', authorization: 'Bearer rx-secret' });
			const claims = JSON.parse(Buffer.from(push.body.split('.')[1], 'base64url').toString());
			expect(claims).toMatchObject({
				iss: transmitter.issuer,
				aud: stream.aud,
				sub_id: { format: 'opaque', id: stream.stream_id },
				events: { 'https://schemas.openid.net/secevent/ssf/event-type/verification': { state: 'abc' } },
			});
		} finally {
			await rx.close();
		}
	});

	it('retries a push after 5xx and 429, never after a 400, and holds events of a paused stream', async () => {
		const rx = await receiver([503, 429, 202, 400]);
		try {
			const { body: stream } = await createStream(rx.url);
			const subject = { format: 'email', email: 'a@b.test' };
			expect(await transmitter.emit(stream.stream_id, 'risc/account-disabled', {}, subject)).toMatchObject({ status: 202, attempts: 3 });
			expect(await transmitter.emit(stream.stream_id, 'risc/account-disabled', {}, subject)).toMatchObject({ status: 400, attempts: 1, err: 'invalid_key', description: 'nope' });
			expect(await transmitter.emit(stream.stream_id, 'risc/account-enabled', {}, subject)).toMatchObject({ filtered: true });
			expect(await transmitter.setStatus(stream.stream_id, 'paused', 'maintenance')).toMatchObject({ kind: 'stream-updated', status: 202 });
			expect(await transmitter.emit(stream.stream_id, 'risc/account-disabled', {}, subject)).toMatchObject({ held: true });
			expect(rx.received).toHaveLength(5);
		} finally {
			await rx.close();
		}
	});
});
