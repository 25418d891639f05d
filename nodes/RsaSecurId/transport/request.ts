import {
	callProvider,
	type ProviderApi,
	type ProviderRequest,
	type ProviderResult,
} from '../../shared/http/providerCall';
import type { ApiContext } from '../../shared/http/resilientRequest';
import type { RetryPolicy } from '../../shared/http/retryPolicy';
import { RSA, rsaApiError } from './errors';

export const RSA_CREDENTIAL = 'rsaSecurIdApi';

export type RsaContext = ApiContext;

/** An RSA call; `path` is under the Admin REST API URL. Lookups and searches are POSTs that only read. */
export type RsaRequest = ProviderRequest;

export type RsaResult<T> = ProviderResult<T>;

const rsaApi: ProviderApi = { credential: RSA_CREDENTIAL, name: RSA, apiError: rsaApiError };

/**
 * One Cloud Administration REST API call, signed by the credential (a fresh RS256 JWT per
 * request). Retries follow the policy (429, 5xx, lost connections); other failures become a
 * NodeApiError with RSA's code and description.
 */
export async function rsaRequest<T>(
	ctx: RsaContext,
	request: RsaRequest,
): Promise<RsaResult<T> | undefined> {
	return await callProvider<T>(ctx, rsaApi, request);
}

/** The largest page the user search allows. */
export const RSA_SEARCH_PAGE_MAX = 25;

/**
 * Every user whose email contains `emailLike` (User Search API version 2): zero-based
 * `pageNumber`, at most 25 per page, until a page comes back short, or until `maxItems`.
 */
export async function rsaSearchAllUsers<T>(
	ctx: RsaContext,
	emailLike: string,
	options: {
		pageSize?: number;
		maxItems?: number;
		retry?: RetryPolicy;
		/** Called after each page with the users read so far. */
		onPage?: (read: number) => void;
	} = {},
): Promise<T[]> {
	const pageSize = Math.min(
		RSA_SEARCH_PAGE_MAX,
		Math.max(1, options.pageSize ?? RSA_SEARCH_PAGE_MAX),
	);
	const items: T[] = [];
	for (let pageNumber = 0; ; pageNumber++) {
		const page = await rsaRequest<T[]>(ctx, {
			method: 'POST',
			path: '/v2/users/search',
			qs: { pageSize, pageNumber },
			body: { emailLike },
			intent: 'read',
			retry: options.retry,
		});
		const users = Array.isArray(page?.body) ? page.body : [];
		items.push(...users);
		options.onPage?.(items.length);
		if (options.maxItems !== undefined && items.length >= options.maxItems) {
			return items.slice(0, options.maxItems);
		}
		if (users.length < pageSize) return items;
	}
}
