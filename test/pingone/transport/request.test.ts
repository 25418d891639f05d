import { mapWithConcurrency } from '../../../nodes/shared/http/concurrency';
import {
	pingOneRequest,
	pingOneRequestAllItems,
} from '../../../nodes/PingOneMfa/transport/request';
import type { FakePingOne } from '../../../sandbox/pingone/server';
import { rejection } from '../../helpers/nodeProbe';
import { FAST, inPingOneNode, pingOneCredentials, startFakePingOne } from '../helpers';

const SEED = {
	users: [
		{ username: 'ann', email: 'ann@example.com', groups: ['staff'] },
		{ username: 'bob', email: 'bob@example.com' },
	],
};

describe('PingOne transport: token', () => {
	let fake: FakePingOne;
	afterEach(async () => await fake.close());

	it('fetches one token for an execution, even for concurrent requests, and keeps it in the credential', async () => {
		fake = await startFakePingOne({ seed: SEED });
		const credentials = pingOneCredentials(fake);
		const statuses = await inPingOneNode(
			credentials,
			async (ctx) =>
				await mapWithConcurrency(
					[1, 2, 3, 4, 5, 6],
					4,
					async () =>
						(await pingOneRequest(ctx, { method: 'GET', path: '/users', retry: FAST }))?.statusCode,
				),
		);
		expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
		expect(fake.counts().token).toBe(1);
		expect(credentials.accessToken).toEqual(expect.any(String));
		await inPingOneNode(
			credentials,
			async (ctx) => await pingOneRequest(ctx, { method: 'GET', path: '/groups', retry: FAST }),
		);
		expect(fake.counts().token).toBe(1);
		expect(fake.calls.every((call) => call.kind === 'token' || call.auth === 'bearer')).toBe(true);
	});

	it('fetches a new token once when PingOne answers 401 to an expired one', async () => {
		fake = await startFakePingOne({ seed: SEED });
		const credentials = pingOneCredentials(fake);
		await inPingOneNode(
			credentials,
			async (ctx) => await pingOneRequest(ctx, { method: 'GET', path: '/users', retry: FAST }),
		);
		const first = credentials.accessToken;
		fake.expireTokens();
		fake.resetCounts();
		const result = await inPingOneNode(
			credentials,
			async (ctx) => await pingOneRequest(ctx, { method: 'GET', path: '/users', retry: FAST }),
		);
		expect(result?.statusCode).toBe(200);
		expect(fake.calls.map((call) => [call.route, call.status])).toEqual([
			['GET /users', 401],
			['POST /as/token', 200],
			['GET /users', 200],
		]);
		expect(credentials.accessToken).not.toBe(first);
	});

	it("fails with PingOne's 401 when a freshly fetched token is refused as well", async () => {
		fake = await startFakePingOne({ seed: SEED, tokenLifetimeSeconds: 0 });
		const error = await rejection(
			inPingOneNode(
				pingOneCredentials(fake),
				async (ctx) => await pingOneRequest(ctx, { method: 'GET', path: '/users', retry: FAST }),
			),
		);
		expect(error.httpCode).toBe('401');
		expect(error.message).toMatch(/^PingOne: .*\[INVALID_TOKEN\]$/);
		expect(error.description).toContain('PingOne did not accept a freshly issued access token');
		expect(fake.calls.map((call) => [call.route, call.status])).toEqual([
			['POST /as/token', 200],
			['GET /users', 401],
			['POST /as/token', 200],
			['GET /users', 401],
		]);
	});

	it('sends the client secret in the form body when the credential says client_secret_post', async () => {
		fake = await startFakePingOne({ seed: SEED, tokenAuthMethod: 'CLIENT_SECRET_POST' });
		const result = await inPingOneNode(
			pingOneCredentials(fake),
			async (ctx) => await pingOneRequest(ctx, { method: 'GET', path: '/users', retry: FAST }),
		);
		expect(result?.statusCode).toBe(200);
		expect(fake.calls[0].auth).toBe('CLIENT_SECRET_POST');
	});

	it('reports a refused token request once, with the OAuth error and a hint, never the secret', async () => {
		fake = await startFakePingOne({ seed: SEED });
		const secret = 'a-wrong-but-secret-value-987';
		const error = await rejection(
			inPingOneNode(
				pingOneCredentials(fake, { clientSecret: secret }),
				async (ctx) => await pingOneRequest(ctx, { method: 'GET', path: '/users', retry: FAST }),
			),
		);
		expect(error.message).toBe(
			'PingOne: the token request was refused (Request denied: invalid client credentials) [invalid_client]',
		);
		expect(error.description).toMatch(
			/^The token request for GET \/users returned HTTP 401\. Check the Environment ID/,
		);
		expect(error.httpCode).toBe('401');
		expect(
			JSON.stringify({ ...error, message: error.message, description: error.description }),
		).not.toContain(secret);
		expect(fake.calls.map((call) => call.route)).toEqual(['POST /as/token']);
	});

	it('retries a token endpoint answering 503 and then uses the token', async () => {
		fake = await startFakePingOne({ seed: SEED });
		fake.injectFaults({ status: 503, count: 1, route: 'POST /as/token' });
		const result = await inPingOneNode(
			pingOneCredentials(fake),
			async (ctx) => await pingOneRequest(ctx, { method: 'GET', path: '/users', retry: FAST }),
		);
		expect(result?.statusCode).toBe(200);
		expect(fake.calls.map((call) => [call.route, call.status])).toEqual([
			['POST /as/token', 503],
			['POST /as/token', 200],
			['GET /users', 200],
		]);
	});
});

describe('PingOne transport: retries', () => {
	let fake: FakePingOne;
	let credentials: Record<string, string>;
	beforeEach(async () => {
		fake = await startFakePingOne({ seed: SEED });
		credentials = pingOneCredentials(fake);
		await inPingOneNode(
			credentials,
			async (ctx) => await pingOneRequest(ctx, { method: 'GET', path: '/groups', retry: FAST }),
		);
		fake.resetCounts();
	});
	afterEach(async () => await fake.close());

	const get = (path = '/users', retry = FAST) =>
		inPingOneNode(
			credentials,
			async (ctx) => await pingOneRequest<any>(ctx, { method: 'GET', path, retry }),
		);

	it('waits as long as Retry-After says after a 429', async () => {
		fake.injectFaults({ status: 429, count: 1, route: 'GET /users', retryAfterSeconds: 1 });
		const started = Date.now();
		const result = await get('/users', { ...FAST, maxDelayMs: 5000 });
		expect(result?.statusCode).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(fake.calls.map((call) => call.status)).toEqual([429, 200]);
	});

	it('caps a long Retry-After at the policy maximum', async () => {
		fake.injectFaults({ status: 429, count: 1, route: 'GET /users', retryAfterSeconds: 120 });
		const started = Date.now();
		expect((await get('/users', { ...FAST, maxDelayMs: 50 }))?.statusCode).toBe(200);
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it('retries 5xx, reset connections and timeouts within their budgets', async () => {
		fake.injectFaults({ status: 502, count: 1, route: 'GET /users' });
		fake.injectFaults({ drop: true, count: 1, route: 'GET /users' });
		fake.injectFaults({ delayMs: 600, count: 1, route: 'GET /users' });
		const result = await get('/users', { ...FAST, timeoutMs: 200 });
		expect(result?.body._embedded.users).toHaveLength(2);
		expect(fake.calls.map((call) => call.fault)).toEqual([
			'502',
			'dropped',
			'delayed 600 ms',
			undefined,
		]);
	});

	it("gives up after the budget with PingOne's error, naming the attempts", async () => {
		fake.injectFaults({ status: 500, route: 'GET /users' });
		const error = await rejection(get());
		expect(error.message).toBe('PingOne: Injected fault 500 [UNEXPECTED_ERROR]');
		expect(error.description).toBe(
			'GET /users returned HTTP 500 after 3 attempts. PingOne answered with a server error after every retry: try again later.',
		);
		expect(fake.counts().reads).toBe(3);
	});

	it('reports an unreachable PingOne after the network budget', async () => {
		fake.injectFaults({ drop: true, route: 'GET /users' });
		const error = await rejection(get());
		expect(error.message).toBe('PingOne could not be reached');
		expect(error.description).toMatch(
			/^GET \/users got no answer \(ECONNRESET\) after 3 attempts\./,
		);
	});

	it('never retries other 4xx', async () => {
		const error = await rejection(get('/users/00000000-0000-4000-8000-000000000000'));
		expect(error.httpCode).toBe('404');
		expect(error.message).toMatch(/^PingOne: .*\[NOT_FOUND\]$/);
		const bad = await rejection(
			inPingOneNode(
				credentials,
				async (ctx) =>
					await pingOneRequest(ctx, { method: 'POST', path: '/groups', body: {}, retry: FAST }),
			),
		);
		expect(bad.message).toBe(
			'PingOne: The request could not be completed. One or more validation errors were in the request. (REQUIRED_VALUE, target name, name is required) [INVALID_DATA]',
		);
		expect(fake.calls.map((call) => call.status)).toEqual([404, 400]);
	});
});

describe('PingOne transport: writes after a lost response', () => {
	let fake: FakePingOne;
	let credentials: Record<string, string>;
	beforeEach(async () => {
		fake = await startFakePingOne({ seed: SEED });
		credentials = pingOneCredentials(fake);
	});
	afterEach(async () => await fake.close());

	const send = (request: Parameters<typeof pingOneRequest>[1]) =>
		inPingOneNode(
			credentials,
			async (ctx) => await pingOneRequest<any>(ctx, { retry: FAST, ...request }),
		);

	it('reads "not found" on a retried DELETE as done', async () => {
		const bob = fake.snapshot().users[1].id;
		fake.injectFaults({ status: 500, count: 1, route: 'DELETE /users/:id', afterApply: true });
		const result = await send({ method: 'DELETE', path: `/users/${bob}` });
		expect(result?.replayed).toBe('notFound');
		expect(fake.snapshot().users.map((u) => u.username)).toEqual(['ann']);
	});

	it('reads "already exists" on a retried create as done, after a dropped connection', async () => {
		fake.injectFaults({ drop: true, count: 1, route: 'POST /users', afterApply: true });
		const result = await send({
			method: 'POST',
			path: '/users',
			body: { username: 'cy', email: 'cy@example.com' },
		});
		expect(result?.replayed).toBe('alreadyExists');
		expect(fake.snapshot().users.map((u) => u.username)).toEqual(['ann', 'bob', 'cy']);
	});

	it('reads "already exists" on a retried create after a timeout as done', async () => {
		fake.injectFaults({ delayMs: 600, count: 1, route: 'POST /groups', afterApply: true });
		const result = await send({
			method: 'POST',
			path: '/groups',
			body: { name: 'slow' },
			retry: { ...FAST, timeoutMs: 200 },
		});
		expect(result?.replayed).toBe('alreadyExists');
		expect(fake.snapshot().groups.map((g) => g.name)).toEqual(['staff', 'slow']);
	});

	it('does not read "not found" as done on a first DELETE, nor "already exists" on a first create', async () => {
		const missing = await rejection(send({ method: 'DELETE', path: '/groups/no-such-group' }));
		expect(missing.httpCode).toBe('404');
		const taken = await rejection(
			send({ method: 'POST', path: '/users', body: { username: 'ann', email: 'x@example.com' } }),
		);
		expect(taken.httpCode).toBe('400');
		expect(taken.message).toContain('UNIQUENESS_VIOLATION');
	});

	it('does not read "already exists" as done for a retried update, nor after a 429', async () => {
		const bob = fake.snapshot().users[1].id;
		fake.injectFaults({ status: 503, count: 1, route: 'PATCH /users/:id', afterApply: true });
		const error = await rejection(
			send({ method: 'PATCH', path: `/users/${bob}`, body: { username: 'ann' } }),
		);
		expect(error.message).toContain('UNIQUENESS_VIOLATION');
		fake.injectFaults({ status: 429, count: 1, route: 'POST /groups' });
		const group = await rejection(
			send({ method: 'POST', path: '/groups', body: { name: 'staff' } }),
		);
		expect(group.message).toContain('UNIQUENESS_VIOLATION');
	});
});

describe('PingOne transport: paging', () => {
	let fake: FakePingOne;
	afterEach(async () => await fake.close());

	it('follows _links.next.href until the last page, or until maxItems', async () => {
		const users = Array.from({ length: 7 }, (_, i) => ({
			username: `u${i}`,
			email: `u${i}@example.com`,
		}));
		fake = await startFakePingOne({ seed: { users } });
		const credentials = pingOneCredentials(fake);
		const all = await inPingOneNode(
			credentials,
			async (ctx) =>
				await pingOneRequestAllItems<{ username: string }>(ctx, '/users', 'users', {
					pageSize: 3,
					retry: FAST,
				}),
		);
		expect(all.map((u) => u.username)).toEqual(users.map((u) => u.username));
		expect(fake.calls.filter((c) => c.kind === 'read').map((c) => c.query.limit)).toEqual([
			'3',
			'3',
			'3',
		]);
		fake.resetCounts();
		const some = await inPingOneNode(
			credentials,
			async (ctx) =>
				await pingOneRequestAllItems(ctx, '/users', 'users', {
					pageSize: 3,
					maxItems: 4,
					retry: FAST,
				}),
		);
		expect(some).toHaveLength(4);
		expect(fake.counts().reads).toBe(2);
	});

	it('refuses to send the token to a paging link on another host', async () => {
		fake = await startFakePingOne({ seed: SEED });
		const error = await rejection(
			inPingOneNode(
				pingOneCredentials(fake),
				async (ctx) =>
					await pingOneRequest(ctx, {
						method: 'GET',
						path: 'https://evil.example/v1/environments/x/users',
						retry: FAST,
					}),
			),
		);
		expect(error.message).toMatch(/Refusing to send the PingOne access token/);
		expect(fake.counts().total).toBe(1);
	});
});
