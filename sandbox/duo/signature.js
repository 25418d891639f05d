// Server-side re-canonicalization and verification of Duo Admin API request signatures, written
// independently of the package's signer so that each checks the other. Canonical forms follow Duo's
// official clients (duo_client_python client.py, duo_api_nodejs lib/duo_sig.js): v2 with HMAC-SHA512
// or HMAC-SHA1 over date, METHOD, host, path and RFC 3986-encoded sorted params; v5 (JSON bodies) adds
// sha512(body) and sha512 of the X-Duo-* headers.
'use strict';

const { createHash, createHmac, timingSafeEqual } = require('node:crypto');

/** @param {string} value */
function rfc3986(value) {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(c) => '%' + c.charCodeAt(0).toString(16).toUpperCase(),
	);
}

/**
 * @param {Array<[string, string]>} pairs decoded key/value pairs, a key may repeat
 * @returns {string}
 */
function canonicalParams(pairs) {
	const encoded = pairs.map(([k, v]) => [rfc3986(k), rfc3986(v)]);
	encoded.sort((a, b) =>
		a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0,
	);
	return encoded.map(([k, v]) => `${k}=${v}`).join('&');
}

const sha512 = (text) => createHash('sha512').update(text, 'utf8').digest('hex');

/** @param {Record<string, string | string[] | undefined>} headers lower-cased request headers */
function duoHeaderBlock(headers) {
	const names = Object.keys(headers)
		.filter((name) => name.startsWith('x-duo-') && name !== 'x-duo-date')
		.sort();
	return names.flatMap((name) => [name, String(headers[name])]).join('\0');
}

/**
 * Every canonical string a correct client could have signed for this request.
 * @param {{ date: string, method: string, host: string, path: string, pairs: Array<[string,string]>,
 *   rawBody: string, json: boolean, headers: Record<string, any> }} req
 * @returns {Array<{ version: string, digest: 'sha512' | 'sha1', canonical: string }>}
 */
function candidateCanonicals(req) {
	const head = [req.date, req.method.toUpperCase(), req.host.toLowerCase(), req.path];
	if (req.json) {
		const v5 = [
			...head,
			canonicalParams(req.pairs),
			sha512(req.rawBody),
			sha512(duoHeaderBlock(req.headers)),
		].join('\n');
		return [{ version: 'v5', digest: 'sha512', canonical: v5 }];
	}
	const v2 = [...head, canonicalParams(req.pairs)].join('\n');
	return [
		{ version: 'v2', digest: 'sha512', canonical: v2 },
		{ version: 'v2', digest: 'sha1', canonical: v2 },
	];
}

/**
 * @param {string | undefined} authorization
 * @returns {{ ikey: string, signature: string } | undefined}
 */
function parseBasic(authorization) {
	const match = /^Basic\s+([A-Za-z0-9+/=]+)$/.exec(authorization || '');
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon <= 0) return undefined;
	return { ikey: decoded.slice(0, colon), signature: decoded.slice(colon + 1) };
}

function sameHex(a, b) {
	const left = Buffer.from(a, 'utf8');
	const right = Buffer.from(b, 'utf8');
	return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Verifies a request. Returns the matched signature version, or Duo's 401 error code and message.
 * @param {Parameters<typeof candidateCanonicals>[0] & { authorization?: string }} req
 * @param {{ ikey: string, skey: string, maxSkewSeconds: number | null, now?: number }} keys
 * @returns {{ ok: true, version: string, digest: string } | { ok: false, code: number, message: string }}
 */
function verifySignature(req, keys) {
	const credentials = parseBasic(req.authorization);
	if (!credentials) return { ok: false, code: 40101, message: 'Missing request credentials' };
	if (credentials.ikey !== keys.ikey) {
		return { ok: false, code: 40102, message: 'Invalid integration key in request credentials' };
	}
	const parsedDate = Date.parse(req.date || '');
	if (!req.date || Number.isNaN(parsedDate)) {
		return { ok: false, code: 40104, message: 'Missing or invalid Date header' };
	}
	if (
		keys.maxSkewSeconds !== null &&
		Math.abs((keys.now ?? Date.now()) - parsedDate) > keys.maxSkewSeconds * 1000
	) {
		return { ok: false, code: 40105, message: 'Request date is outside the allowed time window' };
	}
	for (const candidate of candidateCanonicals(req)) {
		const expected = createHmac(candidate.digest, keys.skey)
			.update(candidate.canonical, 'utf8')
			.digest('hex');
		if (sameHex(credentials.signature, expected))
			return { ok: true, version: candidate.version, digest: candidate.digest };
	}
	return { ok: false, code: 40103, message: 'Invalid signature in request credentials' };
}

module.exports = { rfc3986, canonicalParams, candidateCanonicals, parseBasic, verifySignature };
