import { SsfTransmitterApi } from '../../credentials/SsfTransmitterApi.credentials';
import { isAcceptableUrl, readMetadata, wellKnownUrl } from '../../nodes/IdpEventTrigger/providers/ssf/ssf.transmitter';
import { startFakeTransmitter } from '../../sandbox/ssf/server';
import { testCredential } from '../harness/engine';

describe('transmitter discovery (SSF 1.0 §7)', () => {
	it.each([
		['https://tr.example.com', 'https://tr.example.com/.well-known/ssf-configuration'],
		['https://tr.example.com/', 'https://tr.example.com/.well-known/ssf-configuration'],
		['https://tr.example.com/issuer1', 'https://tr.example.com/.well-known/ssf-configuration/issuer1'],
		['https://tr.example.com/issuer1/', 'https://tr.example.com/.well-known/ssf-configuration/issuer1'],
	])('finds the metadata of %s at %s', (issuer, url) => {
		expect(wellKnownUrl(issuer)).toBe(url);
	});

	it('finds legacy RISC metadata at risc-configuration', () => {
		expect(wellKnownUrl('https://risc-tr.example.com', 'risc-configuration')).toBe('https://risc-tr.example.com/.well-known/risc-configuration');
	});

	it('accepts metadata whose issuer is exactly the configured one, and https endpoints only (plain http on loopback)', () => {
		const metadata = { issuer: 'https://tr.example.com', jwks_uri: 'https://tr.example.com/jwks.json', critical_subject_members: ['tenant', 'user'] };
		expect(readMetadata(metadata, 'https://tr.example.com')).toMatchObject({ ok: true, value: { critical_subject_members: ['tenant', 'user'] } });
		expect(readMetadata(metadata, 'https://tr.example.com/')).toMatchObject({ ok: false, message: expect.stringMatching(/names the issuer "https:\/\/tr\.example\.com", not "https:\/\/tr\.example\.com\/"/) });
		expect(readMetadata({ ...metadata, jwks_uri: 'http://tr.example.com/jwks.json' }, 'https://tr.example.com')).toEqual({ ok: false, message: "The transmitter's jwks_uri is not an https URL" });
		expect(isAcceptableUrl('http://127.0.0.1:4000/x')).toBe(true);
		expect(isAcceptableUrl('http://10.0.0.1/x')).toBe(false);
	});
});

describe('Shared Signals credential', () => {
	const credential = new SsfTransmitterApi();
	const data = { issuer: 'https://acme.okta.example/', apiToken: 'api-token-123' };

	it("sends the bearer token to the issuer's origin only, never to a JWKS or endpoint elsewhere", async () => {
		const own = await credential.authenticate(data, { url: 'https://acme.okta.example/api/v1/ssf/stream' });
		expect(own.headers).toEqual({ Authorization: 'Bearer api-token-123' });
		const elsewhere = await credential.authenticate(data, { url: 'https://keys.example.net/jwks.json', headers: { Accept: 'application/json' } });
		expect(elsewhere.headers).toEqual({ Accept: 'application/json' });
		const lookalike = await credential.authenticate(data, { url: 'https://acme.okta.example.evil.test/api' });
		expect(lookalike.headers).toBeUndefined();
		expect((await credential.authenticate({ ...data, apiToken: '' }, { url: 'https://acme.okta.example/x' })).headers).toBeUndefined();
	});
});

describe('Shared Signals credential test', () => {
	it("reads the transmitter's metadata at the well-known path of an issuer with a path, and fails for another issuer", async () => {
		const transmitter = await startFakeTransmitter({ issuerPath: '/tenants/acme' });
		try {
			const ok = await testCredential({ credentialType: new SsfTransmitterApi(), data: { issuer: ` ${transmitter.issuer}/ `, apiToken: '' } });
			expect(ok.status).toBe('OK');
			expect(transmitter.requests).toEqual([{ method: 'GET', path: '/.well-known/ssf-configuration/tenants/acme', status: 200 }]);
			const wrong = await testCredential({ credentialType: new SsfTransmitterApi(), data: { issuer: `${transmitter.url}/tenants/other`, apiToken: '' } });
			expect(wrong.status).toBe('Error');
		} finally {
			await transmitter.close();
		}
	});
});
