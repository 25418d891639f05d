import { startFakeAuth0, type FakeAuth0 } from '../../../sandbox/auth0/server';
import { serveOnLoopback, type LoopbackRequest } from '../../helpers/loopbackHost';

describe('the fake Auth0', () => {
	let auth0: FakeAuth0;
	beforeEach(async () => {
		auth0 = await startFakeAuth0({ users: [{ user_id: 'auth0|1', email: 'jane.doe@acme.test' }] });
	});
	afterEach(async () => auth0.close());

	const token = (body: Record<string, unknown>) =>
		fetch(`${auth0.url}/oauth/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				grant_type: 'client_credentials',
				client_id: auth0.clientId,
				client_secret: auth0.clientSecret,
				audience: `${auth0.url}/api/v2/`,
				...body,
			}),
		});

	it.each([
		['a wrong secret', { client_secret: 'nope' }, 401, 'access_denied'],
		['another audience', { audience: 'https://other.auth0.com/api/v2/' }, 403, 'access_denied'],
		['another grant', { grant_type: 'password' }, 400, 'unsupported_grant_type'],
	])('refuses a token request with %s', async (_label, body, status, error) => {
		const response = await token(body);
		expect(response.status).toBe(status);
		expect(await response.json()).toMatchObject({ error });
	});

	it('records every Management API write as a sapi log with the encoded path', async () => {
		await auth0.admin('PATCH', '/api/v2/users/auth0%7C1', { blocked: true });
		expect(auth0.state.logs).toHaveLength(1);
		expect(auth0.state.logs[0].data).toMatchObject({
			type: 'sapi',
			details: {
				request: { method: 'patch', path: '/api/v2/users/auth0%7C1', body: { blocked: true } },
				response: { statusCode: 200, body: { blocked: true } },
			},
		});
		expect((await auth0.admin('GET', '/api/v2/users/auth0%7C1')).status).toBe(200);
		expect(auth0.state.logs).toHaveLength(1);
	});

	it('delivers pending logs to HTTP streams in their format, one object per request for JSONOBJECT', async () => {
		const received: LoopbackRequest[] = [];
		const endpoint = await serveOnLoopback(async (request) => {
			received.push(request);
			return { status: 200, headers: {}, body: '' };
		});
		try {
			for (const format of ['JSONARRAY', 'JSONLINES', 'JSONOBJECT']) {
				await auth0.admin('POST', '/api/v2/log-streams', {
					type: 'http',
					sink: {
						httpEndpoint: `${endpoint.origin}/${format}`,
						httpContentFormat: format,
						httpAuthorization: `token-${format}`,
					},
				});
			}
			auth0.signup({ email: 'new.hire@acme.test' });
			auth0.guardianUnenroll('auth0|1');
			await auth0.flushLogs();
			const byPath = (path: string) => received.filter((r) => r.path === path);
			// a stream receives the sapi logs of its own creation and of the streams created after it
			expect(
				JSON.parse(byPath('/JSONARRAY')[0].body.toString()).map(
					(l: { data: { type: string } }) => l.data.type,
				),
			).toEqual(['sapi', 'sapi', 'sapi', 'ss', 'gd_unenroll']);
			expect(byPath('/JSONLINES')[0].body.toString().trim().split('\n')).toHaveLength(4);
			expect(byPath('/JSONOBJECT').map((r) => JSON.parse(r.body.toString()).data.type)).toEqual([
				'sapi',
				'ss',
				'gd_unenroll',
			]);
			expect(byPath('/JSONARRAY')[0].headers.authorization).toBe('token-JSONARRAY');
			await auth0.flushLogs();
			expect(received).toHaveLength(5);
		} finally {
			await endpoint.close();
		}
	});

	it('checks scopes on every call', async () => {
		await auth0.close();
		auth0 = await startFakeAuth0({ scopes: ['read:users'] });
		const { access_token: accessToken } = (await (await token({})).json()) as {
			access_token: string;
		};
		const response = await fetch(`${auth0.url}/api/v2/log-streams`, {
			headers: { authorization: `Bearer ${accessToken}` },
		});
		expect(response.status).toBe(403);
		expect(await response.json()).toEqual({
			statusCode: 403,
			error: 'Forbidden',
			message: 'Insufficient scope, expected any of: read:log_streams',
			errorCode: 'insufficient_scope',
		});
	});
});
