import { createPublicKey, verify, constants, type KeyObject } from 'crypto';

import { refuseDeepJson } from '../../pipeline/jsonBody';
import { setFailure, type SetFailure } from './ssf.errors';

/** Asymmetric algorithms only: `none` and the HMAC family are refused whatever the key set holds. */
export const ACCEPTED_ALGORITHMS = ['RS256', 'PS256', 'ES256'] as const;
export type AcceptedAlgorithm = (typeof ACCEPTED_ALGORITHMS)[number];

/** Far above any real SET (a few KB); larger bodies are refused before decoding. */
export const MAX_SET_BYTES = 64 * 1024;

/** How many keys of a JWKS are considered; a transmitter publishes a handful. */
export const MAX_JWKS_KEYS = 32;

const MIN_RSA_BITS = 2048;
/** The private members of RSA and EC JWKs (RFC 7518 §6), left out should a JWKS carry them. */
const PRIVATE_MEMBERS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth']);
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** A verification key from the transmitter's JWKS, imported with node's crypto. */
export interface VerificationKey {
	kid?: string;
	/** The JWK's `alg`, when it names one: the key may then only verify that algorithm. */
	alg?: string;
	key: KeyObject;
}

export interface DecodedJws {
	header: Record<string, unknown>;
	/** The payload as text (not parsed yet: its depth is checked first). */
	payloadText: string;
	signingInput: Buffer;
	signature: Buffer;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function decodeSegment(segment: string): Buffer | undefined {
	return BASE64URL.test(segment) ? Buffer.from(segment, 'base64url') : undefined;
}

/** The JOSE header of a compact token, untrusted: only to find the key it names. */
export function peekHeader(token: string): Record<string, unknown> | undefined {
	const first = token.trim().split('.')[0] ?? '';
	if (first.length > MAX_SET_BYTES) return undefined;
	const bytes = decodeSegment(first);
	if (!bytes) return undefined;
	const text = bytes.toString('utf8');
	if (refuseDeepJson(text)) return undefined;
	try {
		const header: unknown = JSON.parse(text);
		return isObject(header) ? header : undefined;
	} catch {
		return undefined;
	}
}

/** Splits a compact JWS (RFC 7515 §7.1); a JWE or anything else is an `invalid_request`. */
export function decodeCompactJws(token: string): { ok: true; value: DecodedJws } | SetFailure {
	const text = token.trim();
	if (text === '') return setFailure('invalid_request', 'The request body is empty; a SET is a compact JWS');
	if (Buffer.byteLength(text) > MAX_SET_BYTES) {
		return setFailure('invalid_request', `The SET is larger than ${MAX_SET_BYTES} bytes`);
	}
	const segments = text.split('.');
	if (segments.length === 5) {
		return setFailure('invalid_request', 'The SET is encrypted (JWE); this receiver accepts signed SETs (JWS) only');
	}
	if (segments.length !== 3) {
		return setFailure('invalid_request', 'The request body is not a compact JWS (three base64url segments separated by dots)');
	}
	const [headerPart, payloadPart, signaturePart] = segments;
	const headerBytes = decodeSegment(headerPart);
	const payloadBytes = decodeSegment(payloadPart);
	const signature = decodeSegment(signaturePart);
	if (!headerBytes || !payloadBytes || !signature) {
		return setFailure('invalid_request', 'A segment of the SET is not base64url');
	}
	const header = peekHeader(headerPart);
	if (!header) return setFailure('invalid_request', 'The JOSE header of the SET is not a JSON object');
	return {
		ok: true,
		value: {
			header,
			payloadText: payloadBytes.toString('utf8'),
			signingInput: Buffer.from(`${headerPart}.${payloadPart}`, 'ascii'),
			signature,
		},
	};
}

/** Imports one JWK as a verification key; undefined for keys that can never verify a SET here. */
export function importJwk(jwk: unknown): VerificationKey | undefined {
	if (!isObject(jwk) || (jwk.kty !== 'RSA' && jwk.kty !== 'EC')) return undefined;
	if (jwk.use !== undefined && jwk.use !== 'sig') return undefined;
	if (Array.isArray(jwk.key_ops) && !jwk.key_ops.includes('verify')) return undefined;
	const publicPart = Object.fromEntries(Object.entries(jwk).filter(([name]) => !PRIVATE_MEMBERS.has(name)));
	try {
		const key = createPublicKey({ key: publicPart as import('crypto').JsonWebKey, format: 'jwk' });
		return {
			key,
			...(typeof jwk.kid === 'string' ? { kid: jwk.kid } : {}),
			...(typeof jwk.alg === 'string' ? { alg: jwk.alg } : {}),
		};
	} catch {
		return undefined;
	}
}

/** The keys of a JWKS document (`{"keys": [...]}`) that can verify a SET; at most {@link MAX_JWKS_KEYS}. */
export function importJwks(document: unknown): VerificationKey[] {
	const keys = isObject(document) && Array.isArray(document.keys) ? document.keys : [];
	return keys
		.slice(0, MAX_JWKS_KEYS)
		.map(importJwk)
		.filter((key): key is VerificationKey => key !== undefined);
}

function fitsAlgorithm(candidate: VerificationKey, alg: AcceptedAlgorithm): boolean {
	if (candidate.alg !== undefined && candidate.alg !== alg) return false;
	const { key } = candidate;
	if (alg === 'ES256') {
		return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
	}
	return key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= MIN_RSA_BITS;
}

function signatureValid(decoded: DecodedJws, alg: AcceptedAlgorithm, key: KeyObject): boolean {
	try {
		if (alg === 'ES256') {
			if (decoded.signature.length !== 64) return false;
			return verify('sha256', decoded.signingInput, { key, dsaEncoding: 'ieee-p1363' }, decoded.signature);
		}
		if (alg === 'PS256') {
			return verify(
				'sha256',
				decoded.signingInput,
				{ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
				decoded.signature,
			);
		}
		return verify('sha256', decoded.signingInput, key, decoded.signature);
	} catch {
		return false;
	}
}

function isAccepted(alg: unknown): alg is AcceptedAlgorithm {
	return typeof alg === 'string' && (ACCEPTED_ALGORITHMS as readonly string[]).includes(alg);
}

/**
 * Checks the JWS signature against the transmitter's keys. The algorithm must be one of
 * {@link ACCEPTED_ALGORITHMS} and fit the key's type (so an RSA public key can never serve as an
 * HMAC secret); a `kid` selects the keys to try, and without one every fitting key is tried.
 */
export function verifyJwsSignature(decoded: DecodedJws, keys: readonly VerificationKey[]): { ok: true } | SetFailure {
	const { alg, kid, crit } = decoded.header;
	if (alg === undefined) return setFailure('invalid_request', 'The JOSE header of the SET has no alg');
	if (alg === 'none') {
		return setFailure('invalid_key', 'The SET is not signed (alg "none"); this receiver accepts RS256, PS256 and ES256 only');
	}
	if (!isAccepted(alg)) {
		return setFailure('invalid_key', `The SET is signed with alg ${JSON.stringify(alg)}; this receiver accepts RS256, PS256 and ES256 only`);
	}
	if (crit !== undefined) {
		return setFailure('invalid_request', 'The JOSE header of the SET names critical extensions (crit); this receiver supports none');
	}
	if (kid !== undefined && typeof kid !== 'string') {
		return setFailure('invalid_request', 'The kid of the SET header is not a string');
	}
	const named = kid === undefined ? keys : keys.filter((candidate) => candidate.kid === kid);
	if (named.length === 0) {
		return setFailure('invalid_key', `The key ${JSON.stringify(kid)} that signed the SET is not in the transmitter's JWKS`);
	}
	const fitting = named.filter((candidate) => fitsAlgorithm(candidate, alg));
	if (fitting.length === 0) {
		return setFailure('invalid_key', `No key of the transmitter's JWKS${kid === undefined ? '' : ` with kid ${JSON.stringify(kid)}`} can verify ${alg}`);
	}
	if (!fitting.some((candidate) => signatureValid(decoded, alg, candidate.key))) {
		return setFailure('invalid_key', `The signature of the SET does not verify with the transmitter's key${kid === undefined ? 's' : ` ${JSON.stringify(kid)}`}`);
	}
	return { ok: true };
}
