import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { duoEndpoint } from './endpoint';
import { canonParams, signV2, type DuoParams } from './signing';

export interface DuoCredentialData {
	integrationKey: string;
	secretKey: string;
	apiHostname: string;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

function paramValue(value: unknown): string | string[] | undefined {
	if (value === undefined || value === null) return undefined;
	if (Array.isArray(value)) return value.map((entry) => String(entry));
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

function addParams(target: DuoParams, source: IDataObject | undefined): void {
	for (const [key, raw] of Object.entries(source ?? {})) {
		const value = paramValue(raw);
		if (value !== undefined) target[key] = value;
	}
}

function bodyObject(body: IHttpRequestOptions['body']): IDataObject | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'string') return Object.fromEntries(new URLSearchParams(body));
	if (body instanceof URLSearchParams) return Object.fromEntries(body);
	if (typeof body === 'object' && !Buffer.isBuffer(body)) return body as IDataObject;
	return undefined;
}

/**
 * Returns the request signed as Duo's Admin API requires (signature v2, HMAC-SHA512): the URL made
 * absolute from the credential's API hostname, parameters moved to the query string (GET, DELETE)
 * or to a form body (POST, PUT, PATCH) in exactly the canonical encoding that was signed, and the
 * `Date` and `Authorization` headers set.
 */
export function signHttpRequest(
	credentials: DuoCredentialData,
	options: IHttpRequestOptions,
	now: Date = new Date(),
): IHttpRequestOptions {
	const { baseUrl } = duoEndpoint(credentials.apiHostname);
	const target = new URL(options.url, `${baseUrl}/`);
	const method = (options.method ?? 'GET').toUpperCase();
	const params: DuoParams = {};
	for (const key of new Set(target.searchParams.keys())) {
		const values = target.searchParams.getAll(key);
		params[key] = values.length === 1 ? values[0] : values;
	}
	addParams(params, options.qs);
	const inBody = BODY_METHODS.has(method);
	if (inBody) addParams(params, bodyObject(options.body));

	const date = now.toUTCString();
	const authorization = signV2({
		ikey: credentials.integrationKey,
		skey: credentials.secretKey,
		date,
		method,
		host: target.host,
		path: target.pathname,
		params,
	});
	const encoded = canonParams(params);
	const headers: IDataObject = {
		...(options.headers ?? {}),
		Date: date,
		Authorization: authorization,
	};
	const signed: IHttpRequestOptions = {
		...options,
		method: method as IHttpRequestOptions['method'],
		headers,
	};
	delete signed.baseURL;
	delete signed.qs;
	if (inBody) {
		signed.url = `${target.origin}${target.pathname}`;
		signed.body = encoded;
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
	} else {
		signed.url = `${target.origin}${target.pathname}${encoded ? `?${encoded}` : ''}`;
		delete signed.body;
	}
	return signed;
}
