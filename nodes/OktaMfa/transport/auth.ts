import type { IHttpRequestOptions } from 'n8n-workflow';

import { normalizeOrgUrl } from '../../IdpEventTrigger/providers/okta/okta.api';

export interface OktaMfaCredentialData {
	orgUrl: string;
	apiToken: string;
}

/** The org's origin, e.g. `https://acme.okta.com`, from the credential's Org URL. */
export function oktaOrigin(credentials: Pick<OktaMfaCredentialData, 'orgUrl'>): string {
	const url = normalizeOrgUrl(credentials.orgUrl ?? '');
	if (!/^https?:\/\/[^/]+$/i.test(url)) {
		throw new Error('The Org URL of the Okta credential must look like https://acme.okta.com');
	}
	return url;
}

/**
 * The request as the Okta Management API expects it: a path like `/api/v1/users` made absolute
 * under the org, and the API token as `SSWS`. An absolute URL (a paging link) must lie on the same
 * org, so the token never goes to another host.
 */
export function withOktaToken(credentials: OktaMfaCredentialData, options: IHttpRequestOptions): IHttpRequestOptions {
	const origin = oktaOrigin(credentials);
	const target = /^https?:\/\//i.test(options.url) ? options.url : `${origin}${options.url}`;
	if (!target.startsWith(`${origin}/`)) {
		throw new Error('Refusing to send the Okta API token outside the Org URL');
	}
	const authorized: IHttpRequestOptions = {
		...options,
		url: target,
		headers: { ...(options.headers ?? {}), Authorization: `SSWS ${credentials.apiToken ?? ''}` },
	};
	delete authorized.baseURL;
	return authorized;
}
