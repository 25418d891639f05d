import { startFakePingOne, type FakePingOne } from '../../../sandbox/pingone/server';
import { annInStaff } from '../helpers';

const FORM = 'application/x-www-form-urlencoded';

function basic(id: string, secret: string) {
	return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

async function tokenRequest(
	fake: FakePingOne,
	options: { headers?: Record<string, string>; body?: string; env?: string } = {},
) {
	const response = await fetch(`${fake.url}/${options.env ?? fake.environmentId}/as/token`, {
		method: 'POST',
		headers: { 'Content-Type': FORM, ...(options.headers ?? {}) },
		body: options.body ?? 'grant_type=client_credentials',
	});
	return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function token(fake: FakePingOne): Promise<string> {
	const { body } = await tokenRequest(fake, {
		headers: { Authorization: basic(fake.clientId, fake.clientSecret) },
	});
	return body.access_token;
}

async function api(
	fake: FakePingOne,
	bearer: string | undefined,
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = {},
) {
	const response = await fetch(
		/^http/.test(path) ? path : `${fake.url}/v1/environments/${fake.environmentId}${path}`,
		{
			method,
			headers: {
				...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
				...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		},
	);
	const text = await response.text();
	return {
		status: response.status,
		headers: response.headers,
		body: (text ? JSON.parse(text) : undefined) as Record<string, any>,
	};
}

describe('fake PingOne: token endpoint', () => {
	let fake: FakePingOne;
	afterEach(async () => await fake.close());

	it('issues bearer tokens only to the client authenticating the way the app is configured', async () => {
		fake = await startFakePingOne();
		const good = basic(fake.clientId, fake.clientSecret);
		const post = `client_id=${fake.clientId}&client_secret=${fake.clientSecret}`;
		const cases: Array<[string, Parameters<typeof tokenRequest>[1], number, string?]> = [
			['basic', { headers: { Authorization: good } }, 200],
			[
				'post to a basic app',
				{ body: `grant_type=client_credentials&${post}` },
				401,
				'invalid_client',
			],
			[
				'basic and post',
				{ headers: { Authorization: good }, body: `grant_type=client_credentials&${post}` },
				400,
				'invalid_request',
			],
			[
				'wrong secret',
				{ headers: { Authorization: basic(fake.clientId, 'wrong') } },
				401,
				'invalid_client',
			],
			[
				'unknown client',
				{ headers: { Authorization: basic('other', fake.clientSecret) } },
				401,
				'invalid_client',
			],
			['no client', {}, 401, 'invalid_client'],
			[
				'other grant',
				{ headers: { Authorization: good }, body: 'grant_type=password' },
				400,
				'unsupported_grant_type',
			],
			[
				'JSON body',
				{ headers: { Authorization: good, 'Content-Type': 'application/json' }, body: '{}' },
				400,
				'invalid_request',
			],
			[
				'other environment',
				{ headers: { Authorization: good }, env: 'other-env' },
				400,
				'invalid_request',
			],
		];
		for (const [name, options, status, error] of cases) {
			const result = await tokenRequest(fake, options);
			expect({ name, status: result.status, error: result.body.error }).toEqual({
				name,
				status,
				error,
			});
		}
		const issued = await tokenRequest(fake, { headers: { Authorization: good } });
		expect(issued.body).toEqual({
			access_token: expect.any(String),
			token_type: 'Bearer',
			expires_in: 3600,
			scope: '',
		});
		expect(fake.issuedTokens()).toBe(2);
	});

	it('accepts client_secret_post for an app configured so, and refuses Basic there', async () => {
		fake = await startFakePingOne({ tokenAuthMethod: 'CLIENT_SECRET_POST' });
		const post = `grant_type=client_credentials&client_id=${fake.clientId}&client_secret=${fake.clientSecret}`;
		expect((await tokenRequest(fake, { body: post })).status).toBe(200);
		const asBasic = await tokenRequest(fake, {
			headers: { Authorization: basic(fake.clientId, fake.clientSecret) },
		});
		expect(asBasic.status).toBe(401);
		expect(fake.calls.map((call) => call.auth)).toEqual([
			'CLIENT_SECRET_POST',
			'CLIENT_SECRET_BASIC',
		]);
	});
});

describe('fake PingOne: bearer tokens', () => {
	let fake: FakePingOne;
	afterEach(async () => await fake.close());

	it('answers 401 without a valid, unexpired token and 403 outside its environment or rights', async () => {
		fake = await startFakePingOne({ tokenLifetimeSeconds: 3600 });
		const bearer = await token(fake);
		expect((await api(fake, bearer, 'GET', '/users')).status).toBe(200);
		const missing = await api(fake, undefined, 'GET', '/users');
		expect(missing.status).toBe(401);
		expect(missing.body).toEqual({
			id: expect.any(String),
			code: 'INVALID_TOKEN',
			message: expect.any(String),
		});
		expect((await api(fake, 'made-up', 'GET', '/users')).status).toBe(401);
		const otherEnv = await api(fake, bearer, 'GET', `${fake.url}/v1/environments/other-env/users`);
		expect(otherEnv.status).toBe(403);
		expect(otherEnv.body.code).toBe('ACCESS_FAILED');
		expect(otherEnv.body.details[0].code).toBe('INSUFFICIENT_PERMISSIONS');
		fake.expireTokens();
		expect((await api(fake, bearer, 'GET', '/users')).status).toBe(401);
	});

	it('lets a read-only app read but not write', async () => {
		fake = await startFakePingOne({ readOnly: true });
		const bearer = await token(fake);
		expect((await api(fake, bearer, 'GET', '/groups')).status).toBe(200);
		expect((await api(fake, bearer, 'POST', '/groups', { name: 'x' })).status).toBe(403);
		expect(fake.snapshot().groups).toEqual([]);
	});
});

describe('fake PingOne: users, groups and devices', () => {
	let fake: FakePingOne;
	let bearer: string;
	beforeEach(async () => {
		fake = await startFakePingOne({
			seed: {
				users: [
					annInStaff([{ type: 'EMAIL', email: 'ann@example.com' }]),
					{ username: 'bob', email: 'bob@example.com' },
					{ username: 'cy', email: 'cy@example.com', enabled: false },
				],
			},
		});
		bearer = await token(fake);
	});
	afterEach(async () => await fake.close());

	it('creates users with PingOne defaults and refuses duplicates and missing required fields', async () => {
		const created = await api(fake, bearer, 'POST', '/users', {
			username: 'dee',
			email: 'dee@example.com',
			name: { given: 'Dee', family: 'Doe' },
		});
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({
			id: expect.any(String),
			username: 'dee',
			enabled: true,
			mfaEnabled: false,
			environment: { id: fake.environmentId },
			population: { id: expect.any(String) },
			account: { canAuthenticate: true, status: 'OK' },
		});
		expect(created.body._links.self.href).toBe(
			`${fake.url}/v1/environments/${fake.environmentId}/users/${created.body.id}`,
		);
		const again = await api(fake, bearer, 'POST', '/users', {
			username: 'DEE',
			email: 'x@example.com',
		});
		expect(again.status).toBe(400);
		expect(again.body).toMatchObject({
			code: 'INVALID_DATA',
			message:
				'The request could not be completed. One or more validation errors were in the request.',
			details: [{ code: 'UNIQUENESS_VIOLATION', target: 'username' }],
		});
		const noEmail = await api(fake, bearer, 'POST', '/users', { username: 'eve' });
		expect(noEmail.body.details[0]).toMatchObject({ code: 'REQUIRED_VALUE', target: 'email' });
		expect(fake.snapshot().users.map((u) => u.username)).toEqual(['ann', 'bob', 'cy', 'dee']);
	});

	it('filters with eq/sw joined by or/and, and refuses what it does not support', async () => {
		const filter = (text: string) => `/users?filter=${encodeURIComponent(text)}`;
		const names = async (text: string) =>
			(await api(fake, bearer, 'GET', filter(text))).body._embedded.users.map(
				(u: any) => u.username,
			);
		expect(await names('username eq "ann" or username eq "CY" OR username eq "zed"')).toEqual([
			'ann',
			'cy',
		]);
		expect(await names('(email sw "b") and enabled eq true')).toEqual(['bob']);
		const staff = fake.snapshot().groups[0].id;
		expect(await names(`memberOfGroups[id eq "${staff}"]`)).toEqual(['ann']);
		const bad = await api(fake, bearer, 'GET', filter('username co "a"'));
		expect(bad.status).toBe(400);
		expect(bad.body.code).toBe('INVALID_DATA');
	});

	it('pages with limit and an opaque cursor in _links.next.href', async () => {
		const first = await api(fake, bearer, 'GET', '/users?limit=2');
		expect(first.body.count).toBe(3);
		expect(first.body.size).toBe(2);
		expect(first.body._embedded.users.map((u: any) => u.username)).toEqual(['ann', 'bob']);
		const next = first.body._links.next.href as string;
		expect(next).toMatch(/[?&]cursor=/);
		const second = await api(fake, bearer, 'GET', next);
		expect(second.body._embedded.users.map((u: any) => u.username)).toEqual(['cy']);
		expect(second.body._links.next).toBeUndefined();
		expect((await api(fake, bearer, 'GET', '/users?limit=1001')).status).toBe(400);
		expect((await api(fake, bearer, 'GET', '/users?cursor=garbage')).status).toBe(400);
	});

	it('patches, enables, deletes and reports the MFA flag as PingOne does', async () => {
		const bob = fake.snapshot().users[1].id;
		const patched = await api(fake, bearer, 'PATCH', `/users/${bob}`, {
			name: { family: 'Builder' },
			enabled: false,
		});
		expect(patched.body).toMatchObject({ name: { family: 'Builder' }, enabled: true });
		const disabled = await api(fake, bearer, 'PUT', `/users/${bob}/enabled`, { enabled: false });
		expect(disabled.body).toEqual({ _links: expect.any(Object), enabled: false });
		expect(
			(await api(fake, bearer, 'PUT', `/users/${bob}/enabled`, { enabled: 'no' })).status,
		).toBe(400);
		expect(
			(await api(fake, bearer, 'PUT', `/users/${bob}/mfaEnabled`, { mfaEnabled: true })).body,
		).toEqual({ mfaEnabled: true });
		expect((await api(fake, bearer, 'GET', `/users/${bob}/mfaEnabled`)).body).toEqual({
			mfaEnabled: true,
		});
		expect((await api(fake, bearer, 'DELETE', `/users/${bob}`)).status).toBe(204);
		const gone = await api(fake, bearer, 'GET', `/users/${bob}`);
		expect(gone.status).toBe(404);
		expect(gone.body.code).toBe('NOT_FOUND');
	});

	it('keeps group memberships through memberOfGroups and include=memberOfGroupIDs', async () => {
		const [ann, bob] = fake.snapshot().users;
		const group = await api(fake, bearer, 'POST', '/groups', {
			name: 'admins',
			description: 'Admins',
		});
		expect(group.status).toBe(201);
		expect(
			(await api(fake, bearer, 'POST', '/groups', { name: 'ADMINS' })).body.details[0].code,
		).toBe('UNIQUENESS_VIOLATION');
		const added = await api(fake, bearer, 'POST', `/users/${bob.id}/memberOfGroups`, {
			id: group.body.id,
		});
		expect(added.status).toBe(201);
		expect(added.body).toMatchObject({ id: group.body.id, name: 'admins', type: 'DIRECT' });
		expect(
			(await api(fake, bearer, 'POST', `/users/${bob.id}/memberOfGroups`, { id: group.body.id }))
				.status,
		).toBe(400);
		const withIds = await api(fake, bearer, 'GET', `/users/${bob.id}?include=memberOfGroupIDs`);
		expect(withIds.body.memberOfGroupIDs).toEqual([group.body.id]);
		expect(
			(await api(fake, bearer, 'GET', `/users/${bob.id}`)).body.memberOfGroupIDs,
		).toBeUndefined();
		const memberships = await api(
			fake,
			bearer,
			'GET',
			`/users/${ann.id}/memberOfGroups?expand=group`,
		);
		expect(memberships.body._embedded.groupMemberships).toEqual([
			expect.objectContaining({
				name: 'staff',
				type: 'DIRECT',
				_embedded: { group: expect.objectContaining({ name: 'staff' }) },
			}),
		]);
		const renamed = await api(fake, bearer, 'PUT', `/groups/${group.body.id}`, { name: 'owners' });
		expect(renamed.body).toMatchObject({ name: 'owners', directMemberCounts: { users: 1 } });
		expect(renamed.body.description).toBeUndefined();
		expect(
			(await api(fake, bearer, 'DELETE', `/users/${bob.id}/memberOfGroups/${group.body.id}`))
				.status,
		).toBe(204);
		expect(
			(await api(fake, bearer, 'DELETE', `/users/${bob.id}/memberOfGroups/${group.body.id}`))
				.status,
		).toBe(404);
		const byName = await api(
			fake,
			bearer,
			'GET',
			`/groups?filter=${encodeURIComponent('name eq "OWNERS"')}`,
		);
		expect(byName.body._embedded.groups.map((g: any) => g.id)).toEqual([group.body.id]);
	});

	it('lists and deletes devices one at a time; removing the order keeps them', async () => {
		const ann = fake.snapshot().users[0];
		const sms = await api(fake, bearer, 'POST', `/users/${ann.id}/devices`, {
			type: 'SMS',
			phone: '+15555550100',
			status: 'ACTIVATION_REQUIRED',
		});
		expect(sms.status).toBe(201);
		expect(sms.body._links.activate).toBeDefined();
		expect(
			(await api(fake, bearer, 'POST', `/users/${ann.id}/devices`, { type: 'MOBILE' })).status,
		).toBe(400);
		expect(
			(await api(fake, bearer, 'POST', `/users/${ann.id}/devices`, { type: 'SMS' })).body.details[0]
				.target,
		).toBe('phone');
		const listed = await api(fake, bearer, 'GET', `/users/${ann.id}/devices`);
		expect(listed.body._embedded.devices.map((d: any) => [d.type, d.status])).toEqual([
			['EMAIL', 'ACTIVE'],
			['SMS', 'ACTIVATION_REQUIRED'],
		]);
		const active = await api(
			fake,
			bearer,
			'GET',
			`/users/${ann.id}/devices?filter=${encodeURIComponent('status eq "ACTIVE"')}`,
		);
		expect(active.body._embedded.devices).toHaveLength(1);
		const orderRemoved = await api(fake, bearer, 'DELETE', `/users/${ann.id}/devices`, undefined, {
			'Content-Type': 'application/vnd.pingidentity.devices.order.remove+json',
		});
		expect(orderRemoved.status).toBe(204);
		expect(fake.snapshot().users[0].devices).toHaveLength(2);
		expect(
			(await api(fake, bearer, 'DELETE', `/users/${ann.id}/devices/${sms.body.id}`)).status,
		).toBe(204);
		expect(
			(await api(fake, bearer, 'DELETE', `/users/${ann.id}/devices/${sms.body.id}`)).status,
		).toBe(404);
		expect(fake.snapshot().users[0].devices.map((d) => d.type)).toEqual(['EMAIL']);
	});
});

describe('fake PingOne: faults and counts', () => {
	let fake: FakePingOne;
	afterEach(async () => await fake.close());

	it('answers injected 429 with Retry-After, 5xx after applying, and drops connections', async () => {
		fake = await startFakePingOne();
		const bearer = await token(fake);
		fake.injectFaults({ status: 429, count: 1, route: 'GET /groups', retryAfterSeconds: 7 });
		const limited = await api(fake, bearer, 'GET', '/groups');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('7');
		expect(limited.body.code).toBe('REQUEST_LIMITED');
		fake.injectFaults({ status: 500, count: 1, route: 'POST /groups', afterApply: true });
		const lost = await api(fake, bearer, 'POST', '/groups', { name: 'applied' });
		expect(lost.status).toBe(500);
		expect(lost.body.code).toBe('UNEXPECTED_ERROR');
		expect(fake.snapshot().groups.map((g) => g.name)).toEqual(['applied']);
		fake.injectFaults({ drop: true, count: 1, route: 'POST /groups', afterApply: true });
		await expect(api(fake, bearer, 'POST', '/groups', { name: 'dropped' })).rejects.toThrow();
		expect(fake.snapshot().groups.map((g) => g.name)).toEqual(['applied', 'dropped']);
		expect(fake.counts()).toEqual({
			total: 4,
			token: 1,
			reads: 1,
			writes: 2,
			byRoute: { 'POST /as/token': 1, 'GET /groups': 1, 'POST /groups': 2 },
		});
		expect(fake.calls.map((call) => call.fault)).toEqual([
			undefined,
			'429',
			'500 after apply',
			'dropped',
		]);
	});

	it('caps the request rate by delaying requests, or by answering 429 beyond the cap', async () => {
		fake = await startFakePingOne({ rateLimit: { perSecond: 20, mode: 'delay' } });
		const bearer = await token(fake);
		const started = Date.now();
		const delayed = await Promise.all(Array.from({ length: 11 }, () => api(fake, bearer, 'GET', '/groups')));
		expect(Date.now() - started).toBeGreaterThanOrEqual(450);
		expect(delayed.map((r) => r.status)).toEqual(Array(11).fill(200));
		await fake.close();

		fake = await startFakePingOne({ rateLimit: { perSecond: 5, mode: 'reject' } });
		const limited = await Promise.all(Array.from({ length: 8 }, () => api(fake, undefined, 'GET', '/groups')));
		const refused = limited.filter((r) => r.status === 429);
		expect(refused).toHaveLength(3);
		expect(refused[0].body.code).toBe('REQUEST_LIMITED');
		expect(refused[0].headers.get('retry-after')).toBe('1');
		expect(fake.calls.filter((c) => c.fault === 'rate limited')).toHaveLength(3);
	});

	it('fails a seeded share of calls at the given rate, the same way each run', async () => {
		const failures = async () => {
			const run = await startFakePingOne();
			const bearer = await token(run);
			run.injectFaults({ status: 503, rate: 0.5, seed: 7, route: 'GET /groups' });
			const statuses = [];
			for (let i = 0; i < 12; i++) statuses.push((await api(run, bearer, 'GET', '/groups')).status);
			await run.close();
			return statuses;
		};
		fake = await startFakePingOne();
		const first = await failures();
		expect(first).toEqual(await failures());
		expect(first.filter((s) => s === 503).length).toBeGreaterThan(2);
		expect(first.filter((s) => s === 200).length).toBeGreaterThan(2);
	});
});
