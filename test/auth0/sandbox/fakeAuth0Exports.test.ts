import { gunzipSync } from 'node:zlib';

import { startFakeAuth0, type FakeAuth0 } from '../../../sandbox/auth0/server';

describe('the fake Auth0: user search and users-export jobs', () => {
	let auth0: FakeAuth0;
	let token: string;
	beforeEach(async () => {
		auth0 = await startFakeAuth0({
			users: Array.from({ length: 12 }, (_, i) => ({
				user_id: `auth0|${i}`,
				email: `u${i}@example.com`,
				blocked: i % 4 === 0,
				app_metadata: { team: i % 2 ? 'it' : 'ops' },
			})),
			exportPollsUntilDone: 2,
		});
		const response = await fetch(`${auth0.url}/oauth/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				grant_type: 'client_credentials',
				client_id: auth0.clientId,
				client_secret: auth0.clientSecret,
				audience: `${auth0.url}/api/v2/`,
			}),
		});
		token = ((await response.json()) as { access_token: string }).access_token;
	});
	afterEach(async () => auth0.close());

	const api = async (method: string, path: string, body?: unknown) => {
		const response = await fetch(`${auth0.url}${path}`, {
			method,
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: response.status, body: (await response.json()) as Record<string, any> };
	};

	it('answers a Lucene query and refuses to page past the first 1,000 records', async () => {
		const found = await api('GET', `/api/v2/users?include_totals=true&q=${encodeURIComponent('NOT blocked:true AND app_metadata.team:"it"')}`);
		expect(found.body.users.map((u: { user_id: string }) => u.user_id)).toEqual(['auth0|1', 'auth0|3', 'auth0|5', 'auth0|7', 'auth0|9', 'auth0|11']);
		expect(found.body.total).toBe(6);
		expect((await api('GET', '/api/v2/users?page=10&per_page=100')).body.message).toMatch(/^You can only page through the first 1000 records/);
		expect((await api('GET', '/api/v2/users?q=email%3A')).status).toBe(400);
	});

	it('completes an export job after the configured polls and serves its gzipped NDJSON only through the signed link', async () => {
		const created = await api('POST', '/api/v2/jobs/users-exports', {
			format: 'json',
			fields: [{ name: 'user_id' }, { name: 'blocked' }, { name: 'identities[0].connection', export_as: 'connection' }],
		});
		expect(created).toMatchObject({ status: 201, body: { type: 'users_export', status: 'pending' } });
		const first = await api('GET', `/api/v2/jobs/${created.body.id}`);
		expect(first.body.status).toBe('processing');
		expect(first.body.location).toBeUndefined();
		const done = await api('GET', `/api/v2/jobs/${created.body.id}`);
		expect(done.body.status).toBe('completed');
		const location = String(done.body.location);

		expect((await fetch(location, { headers: { authorization: `Bearer ${token}` } })).status).toBe(400);
		const altered = location.replace(/Signature=(.)/, (_, first: string) => `Signature=${first === 'A' ? 'B' : 'A'}`);
		expect((await fetch(altered)).status).toBe(403);
		const file = await fetch(location);
		expect(file.status).toBe(200);
		const lines = gunzipSync(Buffer.from(await file.arrayBuffer())).toString('utf8').trim().split('\n');
		expect(lines).toHaveLength(12);
		expect(JSON.parse(lines[0])).toEqual({ user_id: 'auth0|0', blocked: true, connection: 'Username-Password-Authentication' });
		expect(auth0.exportDownloads.map((d) => d.status)).toEqual([400, 403, 200]);
	});

	it('reads role members by checkpoint, 100 at most a page', async () => {
		await auth0.admin('POST', '/api/v2/roles', { name: 'Admins' });
		const roleId = [...auth0.state.roles.keys()][0];
		await auth0.admin('POST', `/api/v2/roles/${roleId}/users`, { users: ['auth0|1', 'auth0|2', 'auth0|3'] });
		const first = await api('GET', `/api/v2/roles/${roleId}/users?take=2`);
		expect(first.body.users.map((u: { user_id: string }) => u.user_id)).toEqual(['auth0|1', 'auth0|2']);
		const second = await api('GET', `/api/v2/roles/${roleId}/users?take=2&from=${first.body.next}`);
		expect(second.body).toEqual({ users: [expect.objectContaining({ user_id: 'auth0|3' })] });
	});
});
