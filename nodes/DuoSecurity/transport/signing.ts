import { createHash, createHmac } from 'crypto';

/** Request parameters as Duo canonicalizes them: one string, or several for a repeated key. */
export type DuoParams = Record<string, string | string[]>;

export type DuoDigest = 'sha512' | 'sha1';

export interface DuoSignatureInput {
	ikey: string;
	skey: string;
	date: string;
	method: string;
	host: string;
	path: string;
	params: DuoParams;
}

export interface DuoV5SignatureInput extends DuoSignatureInput {
	/** The exact JSON text sent as the body; empty for GET and DELETE. */
	body: string;
	/** Extra `X-Duo-*` headers that are part of the signature. */
	duoHeaders?: Record<string, string>;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** RFC 3986 percent-encoding: only `A-Za-z0-9-._~` stay literal, hex digits are upper case. */
export function encodeRfc3986(value: string): string {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/** `k=v` pairs joined by `&`, keys and the values of a repeated key sorted by code unit. */
export function canonParams(params: DuoParams): string {
	return Object.keys(params)
		.map((key) => {
			const raw = params[key];
			const values = (Array.isArray(raw) ? raw : [raw]).map(encodeRfc3986).sort(byCodeUnit);
			return { key: encodeRfc3986(key), values };
		})
		.sort((a, b) => byCodeUnit(a.key, b.key))
		.flatMap(({ key, values }) => values.map((value) => `${key}=${value}`))
		.join('&');
}

export function canonicalizeV2(input: Omit<DuoSignatureInput, 'ikey' | 'skey'>): string {
	return [
		input.date,
		input.method.toUpperCase(),
		input.host.toLowerCase(),
		input.path,
		canonParams(input.params),
	].join('\n');
}

function sha512Hex(text: string): string {
	return createHash('sha512').update(text, 'utf8').digest('hex');
}

/** The `\0`-joined, lower-cased and sorted `X-Duo-*` headers of a v5 signature. */
export function canonDuoHeaders(headers: Record<string, string> = {}): string {
	const lowered = new Map<string, string>();
	for (const [name, value] of Object.entries(headers)) {
		const key = name.toLowerCase();
		if (!key.startsWith('x-duo-')) throw new Error(`Header ${name} does not start with X-Duo-`);
		if (key.includes('\0') || value.includes('\0')) throw new Error('Null bytes are not allowed');
		if (lowered.has(key)) throw new Error(`Duplicate header ${name}`);
		lowered.set(key, value);
	}
	return [...lowered.keys()]
		.sort(byCodeUnit)
		.flatMap((key) => [key, lowered.get(key) as string])
		.join('\0');
}

export function canonicalizeV5(input: Omit<DuoV5SignatureInput, 'ikey' | 'skey'>): string {
	return [
		canonicalizeV2(input),
		sha512Hex(input.body),
		sha512Hex(canonDuoHeaders(input.duoHeaders)),
	].join('\n');
}

function basicAuthorization(ikey: string, signature: string): string {
	return `Basic ${Buffer.from(`${ikey}:${signature}`, 'utf8').toString('base64')}`;
}

export function hmacHex(skey: string, canonical: string, digest: DuoDigest): string {
	return createHmac(digest, skey).update(canonical, 'utf8').digest('hex');
}

/** The `Authorization` header value for a v2 (form or query parameters) request. */
export function signV2(input: DuoSignatureInput, digest: DuoDigest = 'sha512'): string {
	return basicAuthorization(input.ikey, hmacHex(input.skey, canonicalizeV2(input), digest));
}

/** The `Authorization` header value for a v5 (JSON body) request. */
export function signV5(input: DuoV5SignatureInput): string {
	return basicAuthorization(input.ikey, hmacHex(input.skey, canonicalizeV5(input), 'sha512'));
}
