import { createHmac, generateKeyPairSync } from 'node:crypto';

import {
	decodeCompactJws,
	importJwk,
	importJwks,
	verifyJwsSignature,
	type VerificationKey,
} from '../../nodes/IdpEventTrigger/providers/ssf/ssf.jws';
import { newKey, signSet } from '../../sandbox/ssf/signing';

const CLAIMS = { iss: 'https://tx.test', jti: 'j-1', iat: 1_760_000_000, aud: 'rx', events: {} };

function keysOf(...keys: Array<ReturnType<typeof newKey>>): VerificationKey[] {
	return importJwks({ keys: keys.map((key) => key.jwk) });
}

function check(token: string, keys: VerificationKey[]) {
	const decoded = decodeCompactJws(token);
	if (!decoded.ok) return decoded;
	return verifyJwsSignature(decoded.value, keys);
}

describe('SET signatures (RFC 7515 compact JWS, RS256 / PS256 / ES256 only)', () => {
	const rs = newKey('RS256', 'rs-1');
	const ps = newKey('PS256', 'ps-1');
	const es = newKey('ES256', 'es-1');
	const keys = keysOf(rs, ps, es);

	it.each([
		['RS256', rs],
		['PS256', ps],
		['ES256', es],
	])('accepts a %s signature by a published key', (_alg, key) => {
		expect(check(signSet(key, CLAIMS), keys)).toEqual({ ok: true });
	});

	it('accepts a SET without kid when a published key of its algorithm verifies it', () => {
		expect(check(signSet(rs, CLAIMS, { header: { kid: null } }), keys)).toEqual({ ok: true });
	});

	it.each([
		['a key outside the JWKS under a published kid', () => signSet(rs, CLAIMS, { forge: 'foreign' }), 'invalid_key', /does not verify/],
		['an unknown kid', () => signSet(rs, CLAIMS, { header: { kid: 'rs-9' } }), 'invalid_key', /"rs-9" that signed the SET is not in the transmitter's JWKS/],
		['alg none', () => signSet(rs, CLAIMS, { forge: 'none' }), 'invalid_key', /not signed \(alg "none"\)/],
		['HS256 keyed with the published public key', () => signSet(rs, CLAIMS, { forge: 'hs256' }), 'invalid_key', /alg "HS256"/],
		['an RS256 header on an ES256 key', () => signSet(es, CLAIMS, { header: { alg: 'RS256' } }), 'invalid_key', /can verify RS256/],
		['a missing alg', () => signSet(rs, CLAIMS, { header: { alg: null } }), 'invalid_request', /has no alg/],
		['a critical header extension', () => signSet(rs, CLAIMS, { header: { crit: ['b64'], b64: false } }), 'invalid_request', /crit/],
	])('refuses %s', (_label, token, code, message) => {
		expect(check(token(), keys)).toEqual({ ok: false, code, message: expect.stringMatching(message) });
	});

	it('refuses a payload changed after signing', () => {
		const [header, , signature] = signSet(rs, CLAIMS).split('.');
		const tampered = Buffer.from(JSON.stringify({ ...CLAIMS, aud: 'attacker' })).toString('base64url');
		expect(check(`${header}.${tampered}.${signature}`, keys)).toMatchObject({ ok: false, code: 'invalid_key' });
	});

	it('refuses an HMAC signature even when the JWKS itself publishes a symmetric key', () => {
		const secret = 'shared-secret-0123456789abcdef';
		const withOct = importJwks({ keys: [{ kty: 'oct', kid: 'h1', k: Buffer.from(secret).toString('base64url') }, rs.jwk] });
		expect(withOct.map((key) => key.kid)).toEqual(['rs-1']);
		const input = `${Buffer.from(JSON.stringify({ typ: 'secevent+jwt', alg: 'HS256', kid: 'h1' })).toString('base64url')}.${Buffer.from(JSON.stringify(CLAIMS)).toString('base64url')}`;
		const token = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
		expect(check(token, withOct)).toMatchObject({ ok: false, code: 'invalid_key' });
	});

	it('ignores keys that cannot sign SETs: encryption keys, short RSA keys, other curves', () => {
		const short = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
		const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey.export({ format: 'jwk' });
		expect(importJwk({ ...rs.jwk, use: 'enc' })).toBeUndefined();
		expect(importJwk({ ...rs.jwk, key_ops: ['encrypt'] })).toBeUndefined();
		const weak = keysOf({ ...rs, jwk: { ...short, kid: 'rs-1', alg: 'RS256' } } as never);
		expect(check(signSet(rs, CLAIMS), weak)).toMatchObject({ ok: false, message: expect.stringMatching(/can verify RS256/) });
		const otherCurve = importJwks({ keys: [{ ...p384, kid: 'es-1' }] });
		expect(check(signSet(es, CLAIMS), otherCurve)).toMatchObject({ ok: false, code: 'invalid_key' });
	});

	it('holds a key to the alg its JWK names', () => {
		const rsOnly = importJwks({ keys: [{ ...rs.jwk, alg: 'RS256' }] });
		const psWithRsKey = signSet({ ...ps, kid: 'rs-1', privateKey: rs.privateKey } as never, CLAIMS);
		expect(check(psWithRsKey, rsOnly)).toMatchObject({ ok: false, code: 'invalid_key' });
	});

	it.each([
		['an empty body', '', /empty/],
		['an encrypted SET (JWE, five segments)', 'a.b.c.d.e', /encrypted \(JWE\)/],
		['two segments', 'a.b', /not a compact JWS/],
		['a segment that is not base64url', 'ab+c.def.ghi', /not base64url/],
		['a header that is not a JSON object', `${Buffer.from('[1]').toString('base64url')}.e30.`, /not a JSON object/],
		['a body over 64 KB', `${'a'.repeat(70_000)}.b.c`, /larger than 65536 bytes/],
	])('refuses %s as invalid_request', (_label, token, message) => {
		expect(decodeCompactJws(token)).toEqual({ ok: false, code: 'invalid_request', message: expect.stringMatching(message) });
	});
});
