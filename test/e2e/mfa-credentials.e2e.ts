import { startFakePingOne, type FakePingOne } from '../../sandbox/pingone/server';
import { startFakeRsa, type FakeRsa } from '../../sandbox/rsa/server';
import { packedPackage, startN8n, type N8nHandle } from '../../scripts/e2e/n8nInstance';
import { pingOneCredentials } from '../pingone/helpers';
import { rsaCredentials } from '../rsa/helpers';

const PINGONE = { id: 'e2ePingOneCred01', name: 'PingOne (sandbox)', type: 'pingOneMfaApi' };
const PINGONE_WRONG = {
	id: 'e2ePingOneWrong1',
	name: 'PingOne (wrong secret)',
	type: 'pingOneMfaApi',
};
const RSA = { id: 'e2eRsaCredent001', name: 'RSA SecurID (sandbox)', type: 'rsaSecurIdApi' };
const RSA_WRONG = {
	id: 'e2eRsaWrongId001',
	name: 'RSA SecurID (other access id)',
	type: 'rsaSecurIdApi',
};

/** n8n 2.41's credential test, as the editor calls it for a saved credential. */
async function testSaved(
	n8n: N8nHandle,
	session: Record<string, string>,
	credential: { id: string; name: string; type: string },
	data: Record<string, unknown>,
): Promise<{ status: string; message: string }> {
	const response = await fetch(`${n8n.baseUrl}/rest/credentials/test`, {
		method: 'POST',
		headers: { ...session, 'content-type': 'application/json' },
		body: JSON.stringify({ credentials: { ...credential, data } }),
	});
	const body = (await response.json()) as { data: { status: string; message: string } };
	if (response.status !== 200)
		throw new Error(`credential test: ${response.status} ${JSON.stringify(body)}`);
	return body.data;
}

describe('PingOne MFA and RSA SecurID credentials in a real n8n', () => {
	let pingOne: FakePingOne;
	let rsa: FakeRsa;
	let n8n: N8nHandle;
	let cleanup = () => undefined as void;
	let session: Record<string, string>;
	const data: Record<string, Record<string, string>> = {};

	beforeAll(async () => {
		pingOne = await startFakePingOne({
			seed: { users: [{ username: 'ann', email: 'ann@example.com' }] },
		});
		rsa = await startFakeRsa({ seed: { users: [{ emailAddress: 'ann@example.com' }] } });
		data[PINGONE.id] = pingOneCredentials(pingOne);
		data[PINGONE_WRONG.id] = pingOneCredentials(pingOne, { clientSecret: 'not-the-secret' });
		data[RSA.id] = rsaCredentials(rsa);
		data[RSA_WRONG.id] = rsaCredentials(rsa, { accessId: 'another-access-id' });
		const packed = await packedPackage();
		cleanup = packed.cleanup;
		n8n = await startN8n({
			tarball: packed.tarball,
			label: 'mfa-credentials',
			credentials: [PINGONE, PINGONE_WRONG, RSA, RSA_WRONG].map((c) => ({
				...c,
				data: data[c.id],
			})),
		});
		const browserId = 'mfa-credentials-e2e';
		const login = await fetch(`${n8n.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'browser-id': browserId, 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: n8n.login.email, password: n8n.login.password }),
		});
		expect(login.status).toBe(200);
		const cookie = login.headers
			.getSetCookie()
			.map((entry) => entry.split(';')[0])
			.join('; ');
		session = { cookie, 'browser-id': browserId };
	});

	afterAll(async () => {
		await n8n?.stop();
		cleanup();
		await pingOne?.close();
		await rsa?.close();
	});

	beforeEach(() => {
		pingOne.resetCounts();
		rsa.resetCounts();
	});

	it('loads both credential types', async () => {
		const { credentials } = await n8n.loadedTypes();
		expect(credentials.map((c) => [c.name, c.displayName])).toEqual(
			expect.arrayContaining([
				['pingOneMfaApi', 'PingOne MFA API'],
				['rsaSecurIdApi', 'RSA SecurID Cloud Administration API'],
			]),
		);
	});

	it('tests the PingOne credential through preAuthentication: a token, then one read of users', async () => {
		expect(await testSaved(n8n, session, PINGONE, data[PINGONE.id])).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(pingOne.calls.map((call) => [call.route, call.status, call.auth])).toEqual([
			['POST /as/token', 200, 'CLIENT_SECRET_BASIC'],
			['GET /users', 200, 'bearer'],
		]);
	});

	it('reports a PingOne secret the token endpoint refuses, without the secret', async () => {
		const result = await testSaved(n8n, session, PINGONE_WRONG, data[PINGONE_WRONG.id]);
		expect(result.status).toBe('Error');
		expect(result.message).toContain(
			'PingOne did not issue an access token (HTTP 401, invalid_client',
		);
		expect(result.message).not.toContain('not-the-secret');
		expect(pingOne.counts()).toMatchObject({ token: 1, reads: 0 });
	});

	it('tests the RSA credential with one signed user search', async () => {
		expect(await testSaved(n8n, session, RSA, data[RSA.id])).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(rsa.calls.map((call) => [call.route, call.auth])).toEqual([
			['POST /v2/users/search', 'jwt'],
		]);
	});

	it('reports an RSA token signed for another Access ID with the 403 rule', async () => {
		const result = await testSaved(n8n, session, RSA_WRONG, data[RSA_WRONG.id]);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^RSA SecurID refused the signed token \(403\)/);
		expect(rsa.calls.map((call) => call.auth)).toEqual(['refused: sub is not the Access ID']);
	});
});
