import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { nextLink, oktaRateLimitWaitMs } from '../../IdpEventTrigger/providers/okta/okta.api';
import { callProvider, type ProviderApi, type ProviderRequest, type ProviderResult } from '../../shared/http/providerCall';
import type { ApiContext } from '../../shared/http/resilientRequest';
import type { RetryPolicy } from '../../shared/http/retryPolicy';
import { isOktaAlreadyExists, OKTA, oktaApiError } from './errors';

export const OKTA_MFA_CREDENTIAL = 'oktaMfaApi';

const oktaApi: ProviderApi = {
	credential: OKTA_MFA_CREDENTIAL,
	name: OKTA,
	isAlreadyExists: isOktaAlreadyExists,
	/** Until `X-Rate-Limit-Reset`, measured against Okta's own Date header. */
	rateLimitWaitMs: (headers) => oktaRateLimitWaitMs({ headers, body: undefined, statusCode: 429 } as IN8nHttpFullResponse),
	apiError: oktaApiError,
	pathOf: (path) => path.replace(/^https?:\/\/[^/]+/i, '').split('?')[0],
};

/** One Okta Management API call; `path` is under the org (`/api/v1/...`) or a paging link Okta returned. */
export async function oktaRequest<T>(ctx: ApiContext, request: ProviderRequest): Promise<ProviderResult<T> | undefined> {
	return await callProvider<T>(ctx, oktaApi, request);
}

/** Every item of a collection, following `Link: rel="next"` until there is none, or `maxItems`. */
export async function oktaRequestAll<T>(
	ctx: ApiContext,
	path: string,
	retry: RetryPolicy | undefined,
	maxItems = Number.POSITIVE_INFINITY,
): Promise<T[]> {
	const items: T[] = [];
	let next: string | undefined = path;
	while (next && items.length < maxItems) {
		const page: ProviderResult<T[]> | undefined = await oktaRequest<T[]>(ctx, { method: 'GET', path: next, retry });
		items.push(...(page?.body ?? []));
		next = nextLink(page?.headers.link);
	}
	return items.slice(0, maxItems);
}
