import { createPrivateKey, sign, type KeyObject } from 'crypto';

/** How long a minted token is valid. RSA allows at most one hour and 60 s of clock skew. */
export const JWT_LIFETIME_SECONDS = 300;

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * The Access Key as a private key. A PEM pasted from the JSON key file may still hold `\n`
 * escapes; they are turned back into line breaks. The key itself never appears in an error.
 */
export function accessKeyObject(accessKey: string): KeyObject {
	const pem = (accessKey ?? '').trim().replace(/\\n/g, '\n');
	let key: KeyObject | undefined;
	try {
		key = createPrivateKey({ key: pem, format: 'pem' });
	} catch {
		key = undefined;
	}
	if (!key) {
		throw new Error(
			'The Access Key of the RSA SecurID credential is not a private key in PEM format: paste the accessKey value of the Administration API key file',
		);
	}
	if (key.asymmetricKeyType !== 'rsa') {
		throw new Error('The Access Key of the RSA SecurID credential must be an RSA private key');
	}
	return key;
}

/**
 * A JWT for the Cloud Administration REST API, signed RS256 with the Access Key: header
 * `{"typ":"JWT","alg":"RS256"}`, claims `sub` = Access ID, `aud` = Admin REST API URL, `iat`
 * and `exp` in epoch seconds (community.rsa.com "Authentication for the Cloud Administration APIs").
 */
export function adminApiJwt(
	input: { accessId: string; accessKey: string; audience: string },
	now: number = Date.now(),
): string {
	const key = accessKeyObject(input.accessKey);
	const iat = Math.floor(now / 1000);
	const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'RS256' }));
	const claims = base64url(
		JSON.stringify({
			sub: input.accessId.trim(),
			iat,
			exp: iat + JWT_LIFETIME_SECONDS,
			aud: input.audience,
		}),
	);
	const signature = sign('sha256', Buffer.from(`${header}.${claims}`), key);
	return `${header}.${claims}.${base64url(signature)}`;
}
