import { RsaSecurIdApi } from '../../credentials/RsaSecurIdApi.credentials';
import type { FakeRsa } from '../../sandbox/rsa/server';
import { testCredential } from '../harness/engine';
import { rsaCredentials, startFakeRsa } from './helpers';

describe('RSA SecurID Cloud Administration API credential', () => {
	let fake: FakeRsa;
	beforeEach(async () => {
		fake = await startFakeRsa({ seed: { users: [{ emailAddress: 'ann@example.com' }] } });
	});
	afterEach(async () => await fake.close());

	it('tests with one signed, read-only user search', async () => {
		const result = await testCredential({
			credentialType: new RsaSecurIdApi(),
			data: rsaCredentials(fake),
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(fake.calls.map((call) => [call.route, call.auth, call.query, call.body])).toEqual([
			['POST /v2/users/search', 'jwt', { pageSize: '1', pageNumber: '0' }, { emailLike: '@' }],
		]);
	});

	it('fails the test with the 403 rule when RSA refuses the token', async () => {
		const result = await testCredential({
			credentialType: new RsaSecurIdApi(),
			data: rsaCredentials(fake, { accessId: 'another-access-id' }),
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^RSA SecurID refused the signed token \(403\)/);
		expect(fake.calls[0].auth).toBe('refused: sub is not the Access ID');
	});

	it('accepts the key pasted from the key file with escaped line breaks', async () => {
		const key = JSON.stringify(fake.accessKey).slice(1, -1);
		expect(key).toContain('\\n');
		const result = await testCredential({
			credentialType: new RsaSecurIdApi(),
			data: rsaCredentials(fake, { privateKey: key }),
		});
		expect(result.status).toBe('OK');
	});
});
