import { PingOneMfaApi } from '../../credentials/PingOneMfaApi.credentials';
import { pingOneEndpoints } from '../../nodes/PingOneMfa/transport/endpoint';
import type { FakePingOne } from '../../sandbox/pingone/server';
import { testCredential } from '../harness/engine';
import { pingOneCredentials, startFakePingOne } from './helpers';

describe('PingOne MFA API credential', () => {
	let fake: FakePingOne;
	afterEach(async () => await fake?.close());

	it('tests with a token request and one read of users', async () => {
		fake = await startFakePingOne({
			seed: { users: [{ username: 'ann', email: 'ann@example.com' }] },
		});
		const result = await testCredential({
			credentialType: new PingOneMfaApi(),
			data: pingOneCredentials(fake),
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(fake.calls.map((call) => [call.route, call.query.limit])).toEqual([
			['POST /as/token', undefined],
			['GET /users', '1'],
		]);
	});

	it('fails the test with the token error when the secret is wrong', async () => {
		fake = await startFakePingOne();
		const result = await testCredential({
			credentialType: new PingOneMfaApi(),
			data: pingOneCredentials(fake, { clientSecret: 'wrong-secret-value' }),
		});
		expect(result.status).toBe('Error');
		expect(result.message).toContain(
			'PingOne did not issue an access token (HTTP 401, invalid_client',
		);
		expect(result.message).not.toContain('wrong-secret-value');
		expect(fake.counts()).toMatchObject({ token: 1, reads: 0 });
	});

	it('fails the test when the token endpoint auth method does not match the app', async () => {
		fake = await startFakePingOne({ tokenAuthMethod: 'CLIENT_SECRET_POST' });
		const result = await testCredential({
			credentialType: new PingOneMfaApi(),
			data: pingOneCredentials(fake, { clientAuthentication: 'basic' }),
		});
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Unsupported authentication method');
	});
});

describe('PingOne endpoints', () => {
	const base = { environmentId: ' env-1 ', clientId: 'c', clientSecret: 's' };

	it('derives the auth and API hosts from the region', () => {
		expect(pingOneEndpoints({ ...base, region: 'com' })).toEqual({
			tokenUrl: 'https://auth.pingone.com/env-1/as/token',
			environmentUrl: 'https://api.pingone.com/v1/environments/env-1',
		});
		expect(pingOneEndpoints({ ...base, region: 'com.au' }).tokenUrl).toBe(
			'https://auth.pingone.com.au/env-1/as/token',
		);
		expect(pingOneEndpoints({ ...base, region: 'eu' }).environmentUrl).toBe(
			'https://api.pingone.eu/v1/environments/env-1',
		);
	});

	it('uses custom base URLs only for the custom region, and refuses bad input', () => {
		expect(
			pingOneEndpoints({
				...base,
				region: 'custom',
				authBaseUrl: 'http://127.0.0.1:9/',
				apiBaseUrl: 'http://127.0.0.1:8',
			}),
		).toEqual({
			tokenUrl: 'http://127.0.0.1:9/env-1/as/token',
			environmentUrl: 'http://127.0.0.1:8/v1/environments/env-1',
		});
		expect(() =>
			pingOneEndpoints({
				...base,
				region: 'custom',
				authBaseUrl: 'ftp://x',
				apiBaseUrl: 'http://y',
			}),
		).toThrow('The Auth Base URL must start with http:// or https://');
		expect(() => pingOneEndpoints({ ...base, region: 'mars' })).toThrow(
			'Unknown PingOne region "mars"',
		);
		expect(() => pingOneEndpoints({ ...base, environmentId: '  ', region: 'com' })).toThrow(
			'The Environment ID of the PingOne credential is empty',
		);
	});
});
