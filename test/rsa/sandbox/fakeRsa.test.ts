import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';

import { adminApiJwt } from '../../../nodes/RsaSecurId/transport/jwt';
import { startFakeRsa, type FakeRsa } from '../../../sandbox/rsa/server';
import { ANN_WITH_AUTHENTICATORS } from '../helpers';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT signed RS256 by hand, so that every header and claim can be varied. */
function mint(
	header: Record<string, unknown>,
	claims: Record<string, unknown>,
	pem: string,
): string {
	const data = `${b64(header)}.${b64(claims)}`;
	const signature = sign('sha256', Buffer.from(data), createPrivateKey(pem)).toString('base64url');
	return `${data}.${signature}`;
}

async function call(
	fake: FakeRsa,
	token: string | undefined,
	method: string,
	path: string,
	body?: unknown,
	contentType = 'application/json',
) {
	const response = await fetch(`${fake.adminRestApiUrl}${path}`, {
		method,
		headers: {
			...(token ? { Authorization: `Bearer ${token}` } : {}),
			...(body === undefined ? {} : { 'Content-Type': contentType }),
		},
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
}

describe('fake RSA: signed JWTs', () => {
	let fake: FakeRsa;
	beforeEach(async () => {
		fake = await startFakeRsa({ seed: { users: [{ emailAddress: 'ann@example.com' }] } });
	});
	afterEach(async () => await fake.close());

	it('accepts exactly the tokens RSA documents and answers others 403', async () => {
		const now = Math.floor(Date.now() / 1000);
		const header = { typ: 'JWT', alg: 'RS256' };
		const claims = { sub: fake.accessId, aud: fake.adminRestApiUrl, iat: now, exp: now + 300 };
		const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
			.privateKey.export({ type: 'pkcs8', format: 'pem' })
			.toString();
		const cases: Array<[string, string | undefined, number]> = [
			[
				'package signer',
				adminApiJwt({
					accessId: fake.accessId,
					accessKey: fake.accessKey,
					audience: fake.adminRestApiUrl,
				}),
				200,
			],
			['hand signed', mint(header, claims, fake.accessKey), 200],
			[
				'aud with trailing slash',
				mint(header, { ...claims, aud: `${fake.adminRestApiUrl}/` }, fake.accessKey),
				200,
			],
			['extra claims', mint(header, { ...claims, iss: 'x', jti: 'y' }, fake.accessKey), 200],
			[
				'exp 30 s ago',
				mint(header, { ...claims, iat: now - 330, exp: now - 30 }, fake.accessKey),
				200,
			],
			[
				'iat 30 s ahead',
				mint(header, { ...claims, iat: now + 30, exp: now + 330 }, fake.accessKey),
				200,
			],
			['one hour', mint(header, { ...claims, exp: now + 3600 }, fake.accessKey), 200],
			['no token', undefined, 403],
			['alg HS256', mint({ typ: 'JWT', alg: 'HS256' }, claims, fake.accessKey), 403],
			['no typ', mint({ alg: 'RS256' }, claims, fake.accessKey), 403],
			['other key', mint(header, claims, other), 403],
			['other sub', mint(header, { ...claims, sub: 'someone-else' }, fake.accessKey), 403],
			[
				'other aud',
				mint(
					header,
					{ ...claims, aud: 'https://access.securid.com/AdminInterface/restapi' },
					fake.accessKey,
				),
				403,
			],
			['longer than one hour', mint(header, { ...claims, exp: now + 3601 }, fake.accessKey), 403],
			[
				'exp 61 s ago',
				mint(header, { ...claims, iat: now - 400, exp: now - 61 }, fake.accessKey),
				403,
			],
			[
				'iat 120 s ahead',
				mint(header, { ...claims, iat: now + 120, exp: now + 400 }, fake.accessKey),
				403,
			],
			['iat as text', mint(header, { ...claims, iat: String(now) }, fake.accessKey), 403],
			[
				'tampered claims',
				`${b64(header)}.${b64({ ...claims, sub: 'x' })}.${mint(header, claims, fake.accessKey).split('.')[2]}`,
				403,
			],
		];
		for (const [name, token, status] of cases) {
			const result = await call(fake, token, 'POST', '/v1/users/lookup', {
				email: 'ann@example.com',
			});
			expect({ name, status: result.status }).toEqual({ name, status });
		}
		const refused = await call(fake, undefined, 'GET', '/v2/users/x/devices');
		expect(refused.body).toEqual({
			timestamp: expect.any(Number),
			status: 403,
			error: 'Forbidden',
			message: 'Server failed to process provided access token',
			path: '/AdminInterface/restapi/v2/users/x/devices',
		});
	});

	it('refuses tokens of a rotated key', async () => {
		const before = fake.accessKey;
		fake.rotateKey();
		const token = adminApiJwt({
			accessId: fake.accessId,
			accessKey: before,
			audience: fake.adminRestApiUrl,
		});
		expect(
			(await call(fake, token, 'POST', '/v1/users/lookup', { email: 'ann@example.com' })).status,
		).toBe(403);
		expect(fake.calls[0].auth).toBe('refused: bad signature');
		expect(JSON.parse(fake.keyFile())).toEqual({
			customerName: 'Fake Tenant',
			accessID: fake.accessId,
			accessKey: fake.accessKey,
			adminRestApiUrl: fake.adminRestApiUrl,
			description: 'fake key',
		});
	});
});

describe('fake RSA: users and authenticators', () => {
	let fake: FakeRsa;
	let token: string;
	beforeEach(async () => {
		fake = await startFakeRsa({
			seed: {
				users: [
					ANN_WITH_AUTHENTICATORS,
					{ emailAddress: 'bob@example.com', userStatus: 'Disabled' },
					{ emailAddress: 'cy@other.org', userStatus: 'Disabled', identitySourceType: 'SCIM' },
				],
			},
		});
		token = adminApiJwt({
			accessId: fake.accessId,
			accessKey: fake.accessKey,
			audience: fake.adminRestApiUrl,
		});
	});
	afterEach(async () => await fake.close());

	const id = (email: string) => fake.snapshot().users.find((u) => u.emailAddress === email)!.id;

	it("looks users up by email with RSA's user details, 404 and 415 bodies", async () => {
		const found = await call(fake, token, 'POST', '/v1/users/lookup', {
			email: 'ANN@example.com',
			searchUnsynched: false,
		});
		expect(found.status).toBe(200);
		expect(found.body).toMatchObject({
			id: id('ann@example.com'),
			emailAddress: 'ann@example.com',
			firstName: 'Ann',
			userStatus: 'Enabled',
			markDeleted: false,
			markDeletedAt: null,
			principalUsername: 'ann@example.com',
			primaryUniqueIdentifier: id('ann@example.com'),
		});
		expect(found.body.devices).toBeUndefined();
		expect(
			await call(fake, token, 'POST', '/v1/users/lookup', { email: 'zed@example.com' }),
		).toEqual({
			status: 404,
			body: { code: '404 NOT_FOUND', description: 'User zed@example.com not found' },
		});
		expect((await call(fake, token, 'POST', '/v1/users/lookup', {})).status).toBe(400);
		expect(
			(
				await call(
					fake,
					token,
					'POST',
					'/v1/users/lookup',
					'email=a',
					'application/x-www-form-urlencoded',
				)
			).status,
		).toBe(415);
	});

	it('searches emails by substring, sorted, 25 at most per page (v2 pages by number)', async () => {
		const page = async (q: string) =>
			(await call(fake, token, 'POST', `/v2/users/search?${q}`, { emailLike: 'EXAMPLE' })).body.map(
				(u: any) => u.emailAddress,
			);
		expect(await page('pageSize=1&pageNumber=0')).toEqual(['ann@example.com']);
		expect(await page('pageSize=1&pageNumber=1')).toEqual(['bob@example.com']);
		expect(await page('pageSize=1&pageNumber=2')).toEqual([]);
		expect(
			(await call(fake, token, 'POST', '/v1/users/search', { emailLike: '@' })).body,
		).toHaveLength(3);
		expect(
			(await call(fake, token, 'POST', '/v2/users/search?pageSize=26', { emailLike: '@' })).status,
		).toBe(400);
		expect((await call(fake, token, 'POST', '/v2/users/search', {})).status).toBe(400);
	});

	it('keeps the search order as users are added and deleted', async () => {
		const emails = async () =>
			(await call(fake, token, 'POST', '/v2/users/search', { emailLike: '@' })).body.map((u: any) => u.emailAddress);
		expect(await emails()).toEqual(['ann@example.com', 'bob@example.com', 'cy@other.org']);
		fake.addUser({ emailAddress: 'Abe@Example.com' });
		expect((await call(fake, token, 'DELETE', `/v1/users/${id('bob@example.com')}`)).status).toBe(200);
		expect(await emails()).toEqual(['Abe@Example.com', 'ann@example.com', 'cy@other.org']);
	});

	it('enables and disables, refusing bodies with other properties', async () => {
		const ann = id('ann@example.com');
		expect(
			await call(fake, token, 'PUT', `/v1/users/${ann}/userStatus`, { userStatus: 'Disabled' }),
		).toEqual({
			status: 200,
			body: { id: ann, userStatus: 'Disabled' },
		});
		expect(
			await call(fake, token, 'PUT', `/v1/users/${ann}/userStatus`, {
				userStatus: 'Enabled',
				extra: 1,
			}),
		).toEqual({
			status: 400,
			body: {
				code: '400 BAD_REQUEST',
				description: 'Wrong number of properties in the request body.',
			},
		});
		expect(
			(await call(fake, token, 'PUT', `/v1/users/${ann}/userStatus`, { userStatus: 'On' })).status,
		).toBe(400);
		expect(
			(await call(fake, token, 'PUT', '/v1/users/nobody/userStatus', { userStatus: 'On' })).status,
		).toBe(400);
		expect(
			(await call(fake, token, 'PUT', '/v1/users/nobody/userStatus', { userStatus: 'Enabled' }))
				.body,
		).toEqual({
			code: '404 NOT_FOUND',
			description: 'User nobody not found',
		});
		expect(fake.snapshot().users[0].userStatus).toBe('Disabled');
	});

	it('marks disabled users deleted and deletes disabled users now, with the documented conflicts', async () => {
		const ann = id('ann@example.com');
		const bob = id('bob@example.com');
		const mark = (user: string, markDeleted: unknown) =>
			call(fake, token, 'PUT', `/v1/users/${user}/markDeleted`, { markDeleted });
		expect((await mark(ann, true)).status).toBe(409);
		expect((await mark(bob, false)).status).toBe(409);
		expect((await mark(bob, 'yes')).status).toBe(400);
		expect((await mark(bob, true)).status).toBe(200);
		expect((await mark(bob, true)).status).toBe(409);
		expect(
			(await call(fake, token, 'PUT', `/v1/users/${bob}/userStatus`, { userStatus: 'Enabled' }))
				.status,
		).toBe(409);
		expect((await call(fake, token, 'DELETE', `/v1/users/${bob}`)).status).toBe(409);
		expect((await mark(bob, false)).status).toBe(200);
		expect((await call(fake, token, 'DELETE', `/v1/users/${ann}`)).status).toBe(409);
		expect((await call(fake, token, 'DELETE', `/v1/users/${id('cy@other.org')}`)).status).toBe(405);
		expect((await call(fake, token, 'DELETE', `/v1/users/${bob}`)).status).toBe(200);
		expect((await call(fake, token, 'DELETE', `/v1/users/${bob}`)).status).toBe(404);
		expect(fake.snapshot().users.map((u) => u.emailAddress)).toEqual([
			'ann@example.com',
			'cy@other.org',
		]);
	});

	it('lets only Super Admin keys delete users', async () => {
		const helpDesk = await startFakeRsa({
			role: 'HELP_DESK',
			seed: { users: [{ emailAddress: 'x@example.com', userStatus: 'Disabled' }] },
		});
		const helpToken = adminApiJwt({
			accessId: helpDesk.accessId,
			accessKey: helpDesk.accessKey,
			audience: helpDesk.adminRestApiUrl,
		});
		const user = helpDesk.snapshot().users[0].id;
		expect((await call(helpDesk, helpToken, 'DELETE', `/v1/users/${user}`)).status).toBe(403);
		expect(helpDesk.snapshot().users).toHaveLength(1);
		await helpDesk.close();
	});

	it('lists authenticators as v1 and v2 differ, and deletes them one per request', async () => {
		const ann = id('ann@example.com');
		const types = async (path: string) =>
			(await call(fake, token, 'GET', path)).body.devices.map((d: any) => d.type);
		expect(await types(`/v1/users/${ann}/devices`)).toEqual(['RSA_AUTHENTICATOR', 'BROWSER']);
		expect(await types(`/v1/users/${ann}/devices?includeBrowsers=false`)).toEqual([
			'RSA_AUTHENTICATOR',
		]);
		expect(await types(`/v2/users/${ann}/devices`)).toEqual(['RSA_AUTHENTICATOR', 'SECURID_700']);
		expect(await types(`/v2/users/${ann}/devices?includeBrowsers=true`)).toEqual([
			'RSA_AUTHENTICATOR',
			'BROWSER',
			'SECURID_700',
		]);
		const [first] = fake.snapshot().users[0].devices;
		expect(await call(fake, token, 'DELETE', `/v1/users/${ann}/devices/${first.id}`)).toEqual({
			status: 200,
			body: undefined,
		});
		expect(await call(fake, token, 'DELETE', `/v1/users/${ann}/devices/${first.id}`)).toEqual({
			status: 404,
			body: { code: '404 NOT_FOUND', description: 'User and/or device not found' },
		});
		expect(fake.snapshot().users[0].devices).toHaveLength(2);
	});

	it("answers injected faults in RSA's shape and counts lookups as reads", async () => {
		fake.injectFaults({ status: 429, count: 1, route: 'POST /v1/users/lookup' });
		fake.injectFaults({
			status: 500,
			count: 1,
			route: 'PUT /v1/users/:id/userStatus',
			afterApply: true,
		});
		expect(
			await call(fake, token, 'POST', '/v1/users/lookup', { email: 'ann@example.com' }),
		).toEqual({
			status: 429,
			body: { code: '429 TOO_MANY_REQUESTS', description: 'Too many requests' },
		});
		const lost = await call(fake, token, 'PUT', `/v1/users/${id('ann@example.com')}/userStatus`, {
			userStatus: 'Disabled',
		});
		expect(lost.body).toEqual({
			code: '500 INTERNAL_SERVER_ERROR',
			description: 'An internal error occurred.',
		});
		expect(fake.snapshot().users[0].userStatus).toBe('Disabled');
		expect(fake.counts()).toEqual({
			total: 2,
			token: 0,
			reads: 1,
			writes: 1,
			byRoute: { 'POST /v1/users/lookup': 1, 'PUT /v1/users/:id/userStatus': 1 },
		});
	});
});

describe('fake RSA: request rate', () => {
	let fake: FakeRsa;
	afterEach(async () => await fake.close());

	const lookups = (count: number) => {
		const token = adminApiJwt({ accessId: fake.accessId, accessKey: fake.accessKey, audience: fake.adminRestApiUrl });
		return Promise.all(
			Array.from({ length: count }, () => call(fake, token, 'POST', '/v1/users/lookup', { email: 'ann@example.com' })),
		);
	};

	it('delays requests to the cap, each still answered', async () => {
		fake = await startFakeRsa({ seed: { users: [ANN_WITH_AUTHENTICATORS] }, rateLimit: { perSecond: 20, mode: 'delay' } });
		const started = Date.now();
		const answers = await lookups(11);
		expect(Date.now() - started).toBeGreaterThanOrEqual(450);
		expect(answers.map((a) => a.status)).toEqual(Array(11).fill(200));
	});

	it("answers 429 in RSA's shape beyond the cap when rejecting", async () => {
		fake = await startFakeRsa({ seed: { users: [ANN_WITH_AUTHENTICATORS] }, rateLimit: { perSecond: 5, mode: 'reject' } });
		const refused = (await lookups(8)).filter((a) => a.status === 429);
		expect(refused).toHaveLength(3);
		expect(refused[0].body).toEqual({ code: '429 TOO_MANY_REQUESTS', description: 'Too many requests' });
	});
});
