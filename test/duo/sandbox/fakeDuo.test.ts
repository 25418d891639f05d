import { startFakeDuo, type FakeDuo } from '../../../sandbox/duo/server';
import { signV2, signV5 } from '../../../nodes/DuoSecurity/transport/signing';

const VECTOR_DATE = 'Tue, 21 Aug 2012 17:29:18 -0000';

interface SendOptions {
	method?: string;
	path: string;
	params?: Record<string, string>;
	date?: string;
	skey?: string;
	ikey?: string;
	dateHeader?: 'Date' | 'X-Duo-Date';
	digest?: 'sha512' | 'sha1';
}

/** Sends one request signed like Duo's clients (v2 form/query params). */
async function send(fake: FakeDuo, options: SendOptions) {
	const method = options.method ?? 'GET';
	const params = options.params ?? {};
	const date = options.date ?? new Date().toUTCString();
	const authorization = signV2(
		{
			ikey: options.ikey ?? fake.ikey,
			skey: options.skey ?? fake.skey,
			date,
			method,
			host: fake.host,
			path: options.path,
			params,
		},
		options.digest,
	);
	const encoded = new URLSearchParams(params).toString();
	const isBody = method === 'POST';
	const response = await fetch(
		`${fake.url}${options.path}${!isBody && encoded ? `?${encoded}` : ''}`,
		{
			method,
			headers: {
				[options.dateHeader ?? 'Date']: date,
				Authorization: authorization,
				...(isBody ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
			},
			body: isBody ? encoded : undefined,
		},
	);
	return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe('fake Duo: signatures', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it('verifies the official v2 SHA512, v2 SHA1 and v5 vectors', async () => {
		fake = await startFakeDuo({
			ikey: 'test_ikey',
			skey: 'test_skey',
			host: 'test.duosecurity.com',
			maxSkewSeconds: null,
		});
		const v2 =
			'Basic dGVzdF9pa2V5OjA0MmEzMGM2ODJiZDgzNmZjNWJhNDY3ODkxYTk1NmVhYTEwMDkxY2EwZjczYTdmYjM5NmFlZmQ1NmEzNTI5ZTU2OTMyZGVhNDI3YTY3MjEzYWY2NjRiYTY4NDE2ODlmZjIzMzZiN2EzNzM3NjZlYTVhYjdhYjlmZTI2MzgyMjZi';
		const v5 =
			'Basic dGVzdF9pa2V5OjdkMDI0MDlhMTUyNzY0ODQzY2NjZDgyODRkYTE1M2IzZmI0NDZiYWFkNWY5OTg4ODYzMjVlMjRiYzljZDRhMjQ0ZGU4NWFkNGJmYTdlYTI4NWQ2ODIwOWYxNjA4MzU2NzNkOGI0ZjFlMWIyM2Q5Y2Q1MjFkMjZiZmU3ZjM2NmE0';
		const sha1 = `Basic ${Buffer.from('test_ikey:7db13501cda6278f27987468405fe8be61b5e3e3').toString('base64')}`;
		const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
		const requests = [
			{ authorization: v2, headers: form, body: 'username=root&realname=First+Last' },
			{ authorization: sha1, headers: form, body: 'realname=First%20Last&username=root' },
			{
				authorization: v5,
				headers: { 'Content-Type': 'application/json' },
				body: '{"realname":"First Last","username":"root"}',
			},
		];
		for (const request of requests) {
			const response = await fetch(`${fake.url}/test/v1`, {
				method: 'POST',
				headers: { ...request.headers, Date: VECTOR_DATE, Authorization: request.authorization },
				body: request.body,
			});
			// Past the signature check, /test/v1 is simply not a route.
			expect(response.status).toBe(404);
		}
		expect(fake.calls.map((call) => call.signature)).toEqual(['v2/sha512', 'v2/sha1', 'v5/sha512']);

		const tampered = await fetch(`${fake.url}/test/v1`, {
			method: 'POST',
			headers: { ...form, Date: VECTOR_DATE, Authorization: v2 },
			body: 'username=root&realname=Other',
		});
		expect(tampered.status).toBe(401);
		expect(await tampered.json()).toEqual({
			stat: 'FAIL',
			code: 40103,
			message: 'Invalid signature in request credentials',
		});
	});

	it('accepts X-Duo-Date, and v5 signatures from the package signer', async () => {
		fake = await startFakeDuo();
		expect((await send(fake, { path: '/admin/v1/users', dateHeader: 'X-Duo-Date' })).status).toBe(
			200,
		);
		const date = new Date().toUTCString();
		const body = JSON.stringify({ username: 'json.user', realname: 'Json User' });
		const response = await fetch(`${fake.url}/admin/v1/users`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				Date: date,
				Authorization: signV5({
					ikey: fake.ikey,
					skey: fake.skey,
					date,
					method: 'POST',
					host: fake.host,
					path: '/admin/v1/users',
					params: {},
					body,
				}),
			},
			body,
		});
		expect(response.status).toBe(200);
		expect(((await response.json()) as any).response.realname).toBe('Json User');
	});

	it('rejects a wrong secret, a wrong integration key and a stale date', async () => {
		fake = await startFakeDuo();
		expect((await send(fake, { path: '/admin/v1/users', skey: 'wrong' })).body.code).toBe(40103);
		expect((await send(fake, { path: '/admin/v1/users', ikey: 'DIOTHER' })).body.code).toBe(40102);
		const stale = await send(fake, {
			path: '/admin/v1/users',
			date: new Date(Date.now() - 3600_000).toUTCString(),
		});
		expect(stale.status).toBe(401);
		expect(fake.snapshot().users).toHaveLength(0);
	});
});

describe('fake Duo: objects and paging', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it('accepts the benchmark seed shape and renders Duo user objects', async () => {
		fake = await startFakeDuo({
			seed: {
				groups: [{ group_id: 'DG000000000000000001', name: 'mfa-001 IT', desc: '' }],
				users: [
					{
						user_id: 'DU000000000000000001',
						username: 'ana.smith0@example.com',
						email: 'ana.smith0@example.com',
						firstname: 'Ana',
						lastname: 'Smith',
						realname: 'Ana Smith',
						status: 'active',
						alias1: null,
						groups: ['DG000000000000000001'],
						phones: [
							{
								phone_id: 'DP000000000000000001',
								number: '+15550000000',
								type: 'Mobile',
								platform: 'Apple iOS',
								activated: true,
							},
						],
						tokens: [{ token_id: 'DH000000000000000001', serial: '0', type: 'yk' }],
						webauthncredentials: [
							{ webauthnkey: 'WA000000000000000001', credential_name: 'YubiKey', date_added: 0 },
						],
					},
				],
			},
		});
		const { body } = await send(fake, {
			path: '/admin/v1/users',
			params: { username: 'ANA.SMITH0@example.com' },
		});
		expect(body.stat).toBe('OK');
		const [user] = body.response;
		expect(user).toMatchObject({
			user_id: 'DU000000000000000001',
			is_enrolled: true,
			groups: [{ group_id: 'DG000000000000000001', name: 'mfa-001 IT', status: 'active' }],
			phones: [{ phone_id: 'DP000000000000000001', activated: true }],
			tokens: [{ token_id: 'DH000000000000000001', type: 'yk' }],
			webauthncredentials: [{ webauthnkey: 'WA000000000000000001' }],
			u2ftokens: [],
			aliases: {},
		});
	});

	it('pages users with limit, offset and metadata.next_offset (max 300)', async () => {
		fake = await startFakeDuo({
			seed: { users: Array.from({ length: 350 }, (_, i) => ({ username: `user${i}` })) },
		});
		const first = await send(fake, { path: '/admin/v1/users', params: { limit: '1000' } });
		expect(first.body.response).toHaveLength(300);
		expect(first.body.metadata).toEqual({ total_objects: 350, next_offset: 300 });
		const last = await send(fake, {
			path: '/admin/v1/users',
			params: { limit: '300', offset: '300' },
		});
		expect(last.body.response).toHaveLength(50);
		expect(last.body.metadata.next_offset).toBeUndefined();
	});

	it('matches username_list entries against usernames and aliases', async () => {
		fake = await startFakeDuo({
			seed: {
				users: [
					{ username: 'jane', alias1: '00uJANE' },
					{ username: 'john' },
					{ username: 'mary', alias3: 'mary.alt' },
				],
			},
		});
		const { body } = await send(fake, {
			path: '/admin/v1/users',
			params: { username_list: JSON.stringify(['00ujane', 'john', 'mary.alt', 'nobody']) },
		});
		expect(body.response.map((u: { username: string }) => u.username)).toEqual([
			'jane',
			'john',
			'mary',
		]);
		const bad = await send(fake, { path: '/admin/v1/users', params: { username_list: 'jane' } });
		expect(bad.body).toEqual({
			stat: 'FAIL',
			code: 40002,
			message: 'Invalid request parameters',
			message_detail: 'username_list',
		});
	});

	it('pages groups by 100 and answers Duo error envelopes', async () => {
		fake = await startFakeDuo({
			seed: { groups: Array.from({ length: 150 }, (_, i) => ({ name: `g${i}` })) },
		});
		const first = await send(fake, { path: '/admin/v1/groups', params: { limit: '500' } });
		expect(first.body.response).toHaveLength(100);
		expect(first.body.metadata.next_offset).toBe(100);
		const missing = await send(fake, { path: '/admin/v1/users/DUNOPE' });
		expect(missing).toEqual({
			status: 404,
			body: { stat: 'FAIL', code: 40401, message: 'Resource not found' },
		});
		const duplicate = await send(fake, {
			method: 'POST',
			path: '/admin/v1/groups',
			params: { name: 'G1' },
		});
		expect(duplicate.status).toBe(400);
		expect(duplicate.body.code).toBe(40003);
	});

	it('keeps devices, bypass codes and memberships consistent through deletes', async () => {
		fake = await startFakeDuo({
			seed: {
				groups: [{ name: 'staff' }],
				users: [
					{
						username: 'jane',
						groups: [{ name: 'staff' }],
						phones: [{ phone_id: 'DP1' }],
						tokens: [{ token_id: 'DH1' }],
						webauthncredentials: [{ webauthnkey: 'WA1' }],
						u2ftokens: [{ registration_id: 'U21' }],
						bypass_codes: ['DB1', 'DB2'],
					},
				],
			},
		});
		const [jane] = fake.snapshot().users;
		const uid = jane.user_id;
		const codes = await send(fake, { path: `/admin/v1/users/${uid}/bypass_codes` });
		expect(codes.body.response.map((c: { bypass_code_id: string }) => c.bypass_code_id)).toEqual([
			'DB1',
			'DB2',
		]);
		for (const path of [
			`/admin/v1/users/${uid}/phones/DP1`,
			`/admin/v1/users/${uid}/tokens/DH1`,
			'/admin/v1/webauthncredentials/WA1',
			'/admin/v1/u2ftokens/U21',
			'/admin/v1/bypass_codes/DB1',
			'/admin/v1/bypass_codes/DB2',
		]) {
			expect((await send(fake, { method: 'DELETE', path })).status).toBe(200);
		}
		const after = fake.snapshot().users[0];
		expect(after).toMatchObject({
			user_id: uid,
			groupNames: ['staff'],
			groups: [fake.snapshot().groups[0].group_id],
			phones: [],
			tokens: [],
			webauthn: [],
			u2f: [],
			bypassCodes: [],
		});
		expect(fake.state.phones.has('DP1')).toBe(true);
		expect(
			(await send(fake, { method: 'DELETE', path: `/admin/v1/users/${uid}/phones/DP1` })).status,
		).toBe(404);
		expect((await send(fake, { method: 'DELETE', path: `/admin/v1/users/${uid}` })).status).toBe(
			200,
		);
		expect(fake.snapshot()).toMatchObject({ users: [], trash: ['jane'] });
	});
});

describe('fake Duo: faults, rate limits and counts', () => {
	let fake: FakeDuo;
	afterEach(async () => fake.close());

	it('injects a fixed number of 429s and 500s, then recovers', async () => {
		fake = await startFakeDuo();
		fake.injectFaults({ status: 429, count: 2 });
		const statuses = [];
		for (let i = 0; i < 3; i++)
			statuses.push((await send(fake, { path: '/admin/v1/users' })).status);
		expect(statuses).toEqual([429, 429, 200]);
		fake.injectFaults({ status: 500, count: 1 });
		const failed = await send(fake, { path: '/admin/v1/users' });
		expect(failed).toEqual({
			status: 500,
			body: { stat: 'FAIL', code: 50001, message: 'Unknown internal server error' },
		});
	});

	it('narrows faults to a route, and can lose the response of a write that took effect', async () => {
		fake = await startFakeDuo();
		fake.injectFaults({ status: 500, count: 1, route: 'POST /admin/v1/groups', afterApply: true });
		expect((await send(fake, { path: '/admin/v1/groups' })).status).toBe(200);
		expect(
			(await send(fake, { method: 'POST', path: '/admin/v1/groups', params: { name: 'G' } }))
				.status,
		).toBe(500);
		expect(fake.snapshot().groups.map((g) => g.name)).toEqual(['G']);
		expect(
			(await send(fake, { method: 'POST', path: '/admin/v1/groups', params: { name: 'G' } })).body
				.code,
		).toBe(40003);
	});

	it('injects faults at a seeded rate that repeats run to run', async () => {
		const pattern = async () => {
			const server = await startFakeDuo();
			server.injectFaults({ status: 500, rate: 0.3, seed: 7 });
			const statuses: number[] = [];
			for (let i = 0; i < 20; i++)
				statuses.push((await send(server, { path: '/admin/v1/users' })).status);
			await server.close();
			return statuses;
		};
		const first = await pattern();
		expect(first.filter((s) => s === 500).length).toBeGreaterThan(0);
		expect(first.filter((s) => s === 200).length).toBeGreaterThan(0);
		expect(await pattern()).toEqual(first);
		fake = await startFakeDuo();
	});

	it('caps the request rate by rejecting or delaying', async () => {
		fake = await startFakeDuo({ rateLimit: { perSecond: 5, mode: 'reject' } });
		const statuses = await Promise.all(
			Array.from({ length: 8 }, () =>
				send(fake, { path: '/admin/v1/users' }).then((r) => r.status),
			),
		);
		expect(statuses.filter((s) => s === 429)).toHaveLength(3);
		await fake.close();

		fake = await startFakeDuo({ rateLimit: { perSecond: 20, mode: 'delay' } });
		const started = Date.now();
		await Promise.all(Array.from({ length: 11 }, () => send(fake, { path: '/admin/v1/users' })));
		expect(Date.now() - started).toBeGreaterThanOrEqual(450);
	});

	it('counts reads, writes and routes', async () => {
		fake = await startFakeDuo({ seed: { users: [{ username: 'jane' }] } });
		const uid = fake.snapshot().users[0].user_id;
		await send(fake, { path: '/admin/v1/users' });
		await send(fake, {
			method: 'POST',
			path: `/admin/v1/users/${uid}`,
			params: { status: 'disabled' },
		});
		expect(fake.counts()).toEqual({
			total: 2,
			reads: 1,
			writes: 1,
			byRoute: { 'GET /admin/v1/users': 1, 'POST /admin/v1/users/:id': 1 },
		});
		fake.resetCounts();
		expect(fake.counts().total).toBe(0);
		expect(fake.snapshot().users[0].status).toBe('disabled');
	});
});
