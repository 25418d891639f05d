// The fake transmitter's keys and SET signing: RS256, PS256 and ES256 keys published as a JWKS, compact JWS
// signing with `typ: secevent+jwt`, and the forgeries a receiver must refuse (alg none, HS256 keyed with the
// public key, a key outside the JWKS, a wrong kid).
'use strict';

const { constants, createHmac, generateKeyPairSync, randomBytes, sign } = require('node:crypto');

const ALGORITHMS = {
	RS256: () => generateKeyPairSync('rsa', { modulusLength: 2048 }),
	PS256: () => generateKeyPairSync('rsa', { modulusLength: 2048 }),
	ES256: () => generateKeyPairSync('ec', { namedCurve: 'P-256' }),
};

/** A signing key: its kid, alg, private key and public JWK. */
function newKey(alg, kid = `${alg.toLowerCase()}-${randomBytes(4).toString('hex')}`) {
	const { privateKey, publicKey } = ALGORITHMS[alg]();
	return { kid, alg, privateKey, publicKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' } };
}

const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function signature(alg, privateKey, input) {
	if (alg === 'ES256') return sign('sha256', input, { key: privateKey, dsaEncoding: 'ieee-p1363' });
	if (alg === 'PS256') return sign('sha256', input, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST });
	return sign('sha256', input, privateKey);
}

/**
 * Signs `claims` as a compact JWS. `forge` picks a refusal case: `none` (unsigned), `hs256` (HMAC keyed with
 * the PEM of the published public key), `foreign` (a key not in the JWKS, under the published kid).
 * @param {ReturnType<typeof newKey>} key
 * @param {object} claims
 * @param {{ forge?: 'none' | 'hs256' | 'foreign', header?: object }} [options]
 */
function signSet(key, claims, options = {}) {
	const header = { typ: 'secevent+jwt', alg: key.alg, kid: key.kid, ...(options.header ?? {}) };
	for (const [name, value] of Object.entries(header)) if (value === null) delete header[name];
	if (options.forge === 'none') {
		return `${b64({ ...header, alg: 'none' })}.${b64(claims)}.`;
	}
	if (options.forge === 'hs256') {
		const forged = { ...header, alg: 'HS256' };
		const input = `${b64(forged)}.${b64(claims)}`;
		const secret = key.publicKey.export({ format: 'pem', type: 'spki' });
		return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
	}
	const input = `${b64(header)}.${b64(claims)}`;
	const privateKey = options.forge === 'foreign' ? newKey(key.alg).privateKey : key.privateKey;
	return `${input}.${signature(header.alg, privateKey, Buffer.from(input)).toString('base64url')}`;
}

module.exports = { newKey, signSet };
