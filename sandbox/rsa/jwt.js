// Server-side check of the JWT a Cloud Administration API client signs with its legacy Administration API key,
// written independently of the package's signer so that each checks the other. Rules from community.rsa.com
// "Authentication for the Cloud Administration APIs": header {"typ":"JWT","alg":"RS256"} (anything else is
// refused with 403), claims sub = Access ID, aud = the Admin REST API URL, iat and exp in epoch seconds, exp at
// most one hour after iat, a clock skew of 60 s allowed; other claims are ignored.
'use strict';

const { verify } = require('node:crypto');

const MAX_LIFETIME_SECONDS = 3600;

function decodePart(part) {
	return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

const sameAudience = (a, b) => String(a).replace(/\/+$/, '') === String(b).replace(/\/+$/, '');

/**
 * @param {string | undefined} authorization the Authorization header
 * @param {{ publicKey: import('node:crypto').KeyObject, accessId: string, audience: string,
 *   skewSeconds: number, now?: number }} expected
 * @returns {{ ok: true, claims: object } | { ok: false, reason: string }}
 */
function verifyAdminJwt(authorization, expected) {
	const bearer = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(
		authorization ?? '',
	);
	if (!bearer) return { ok: false, reason: 'no bearer JWT' };
	const [, headerPart, claimsPart, signaturePart] = bearer;
	let header;
	let claims;
	try {
		header = decodePart(headerPart);
		claims = decodePart(claimsPart);
	} catch {
		return { ok: false, reason: 'undecodable JWT' };
	}
	if (header.typ !== 'JWT' || header.alg !== 'RS256')
		return { ok: false, reason: 'header is not typ JWT, alg RS256' };
	const signed = Buffer.from(`${headerPart}.${claimsPart}`);
	if (!verify('sha256', signed, expected.publicKey, Buffer.from(signaturePart, 'base64url'))) {
		return { ok: false, reason: 'bad signature' };
	}
	if (claims.sub !== expected.accessId) return { ok: false, reason: 'sub is not the Access ID' };
	if (!sameAudience(claims.aud, expected.audience))
		return { ok: false, reason: 'aud is not the Admin REST API URL' };
	if (!Number.isInteger(claims.iat) || !Number.isInteger(claims.exp)) {
		return { ok: false, reason: 'iat and exp must be epoch seconds' };
	}
	const now = Math.floor((expected.now ?? Date.now()) / 1000);
	const skew = expected.skewSeconds;
	if (claims.exp - claims.iat > MAX_LIFETIME_SECONDS)
		return { ok: false, reason: 'exp is more than one hour after iat' };
	if (claims.iat > now + skew) return { ok: false, reason: 'iat is in the future' };
	if (claims.exp < now - skew) return { ok: false, reason: 'expired' };
	return { ok: true, claims };
}

module.exports = { verifyAdminJwt, MAX_LIFETIME_SECONDS };
