import type { IHttpRequestOptions } from 'n8n-workflow';

import { rsaAdminBase, type RsaCredentialData } from './endpoint';
import { adminApiJwt } from './jwt';

/**
 * The request as RSA's Admin REST API expects it: a path like `/v1/users/lookup` made absolute
 * under the Admin REST API URL, and a freshly signed JWT as the bearer token. An absolute URL must
 * lie under the same base, so the token never goes to another host.
 */
export function signAdminRequest(
	credentials: RsaCredentialData,
	options: IHttpRequestOptions,
	now?: number,
): IHttpRequestOptions {
	const base = rsaAdminBase(credentials.adminRestApiUrl);
	const target = /^https?:\/\//i.test(options.url) ? options.url : `${base}${options.url}`;
	if (!target.startsWith(`${base}/`)) {
		throw new Error('Refusing to send the RSA SecurID token outside the Admin REST API URL');
	}
	const token = adminApiJwt(
		{
			accessId: credentials.accessId ?? '',
			accessKey: credentials.privateKey ?? '',
			audience: (credentials.adminRestApiUrl ?? '').trim(),
		},
		now,
	);
	const signed: IHttpRequestOptions = {
		...options,
		url: target,
		headers: {
			...(options.headers ?? {}),
			Accept: 'application/json',
			...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
			Authorization: `Bearer ${token}`,
		},
	};
	delete signed.baseURL;
	return signed;
}
