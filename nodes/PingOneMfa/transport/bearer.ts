import type { IHttpRequestOptions } from 'n8n-workflow';

import { pingOneEndpoints, type PingOneCredentialData } from './endpoint';

/**
 * The request as the PingOne API expects it: a path like `/users` made absolute under the
 * environment's API URL, and the access token as a bearer token. An absolute URL (a paging link)
 * must lie under the same environment URL, so the token never goes to another host.
 */
export function withBearerToken(
	credentials: PingOneCredentialData,
	options: IHttpRequestOptions,
): IHttpRequestOptions {
	const { environmentUrl } = pingOneEndpoints(credentials);
	const target = /^https?:\/\//i.test(options.url)
		? options.url
		: `${environmentUrl}${options.url}`;
	if (!target.startsWith(`${environmentUrl}/`) && target !== environmentUrl) {
		throw new Error('Refusing to send the PingOne access token outside the environment API URL');
	}
	const authorized: IHttpRequestOptions = {
		...options,
		url: target,
		headers: {
			...(options.headers ?? {}),
			Authorization: `Bearer ${credentials.accessToken ?? ''}`,
		},
	};
	delete authorized.baseURL;
	return authorized;
}
