import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { unreachableError } from '../../shared/http/apiError';
import {
	intentOf,
	sendResilient,
	type ApiContext,
	type Replayed,
	type RequestIntent,
} from '../../shared/http/resilientRequest';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../shared/http/retryPolicy';
import { RSA, rsaApiError } from './errors';

export const RSA_CREDENTIAL = 'rsaSecurIdApi';

export type RsaContext = ApiContext;

export interface RsaRequest {
	method: IHttpRequestMethods;
	/** A path under the Admin REST API URL, e.g. `/v1/users/lookup`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Defaults by method; lookups and searches are POSTs that only read. */
	intent?: RequestIntent;
	/** Answer `undefined` instead of failing when RSA says 404. */
	allowNotFound?: boolean;
	retry?: RetryPolicy;
}

export interface RsaResult<T> {
	statusCode: number;
	body: T;
	/** A retried DELETE whose earlier attempt had taken effect. */
	replayed?: Replayed;
}

/**
 * One Cloud Administration REST API call, signed by the credential (a fresh RS256 JWT per
 * request). Retries follow the policy (429, 5xx, lost connections); other failures become a
 * NodeApiError with RSA's code and description.
 */
export async function rsaRequest<T>(
	ctx: RsaContext,
	request: RsaRequest,
): Promise<RsaResult<T> | undefined> {
	const outcome = await sendResilient(ctx, {
		credential: RSA_CREDENTIAL,
		options: { method: request.method, url: request.path, qs: request.qs, body: request.body },
		intent: request.intent ?? intentOf(request.method),
		policy: request.retry ?? DEFAULT_RETRY_POLICY,
	});
	const failed = { method: request.method, path: request.path, attempts: outcome.attempts };
	if (outcome.type === 'unreachable')
		throw unreachableError(ctx.getNode(), RSA, outcome.code, failed);
	const { response, replayed } = outcome;
	if (replayed) return { statusCode: response.statusCode, body: response.body as T, replayed };
	if (response.statusCode === 404 && request.allowNotFound) return undefined;
	if (response.statusCode >= 400) throw rsaApiError(ctx.getNode(), response, failed);
	return { statusCode: response.statusCode, body: response.body as T };
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
	options: { pageSize?: number; maxItems?: number; retry?: RetryPolicy } = {},
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
		if (options.maxItems !== undefined && items.length >= options.maxItems) {
			return items.slice(0, options.maxItems);
		}
		if (users.length < pageSize) return items;
	}
}
