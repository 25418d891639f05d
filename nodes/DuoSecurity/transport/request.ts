import {
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import { isNetworkError } from '../../shared/http/networkError';
import { duoApiError, duoNetworkError, isDuoFailure } from './errors';
import {
	DEFAULT_RETRY_POLICY,
	retryBudget,
	retryDelayMs,
	retryReason,
	type RetryPolicy,
	type RetryReason,
} from './retryPolicy';

export const DUO_CREDENTIAL = 'duoAdminApi';

export type DuoContext = IExecuteFunctions | ILoadOptionsFunctions;

export type DuoMethod = 'GET' | 'POST' | 'DELETE';

export interface DuoMetadata {
	next_offset?: number | string | null;
	prev_offset?: number | string | null;
	total_objects?: number;
}

export interface DuoResult<T> {
	response: T;
	metadata: DuoMetadata;
	/**
	 * Set when a write found its effect already in place: a DELETE answered 404 (the object is gone),
	 * or a create answered "duplicate resource" (the object exists). `response` is then empty.
	 */
	replayed?: 'notFound' | 'duplicate';
	/** Set instead of failing when `groupMayBeGone` is on and Duo says a group id does not exist. */
	groupGone?: boolean;
}

export interface DuoRequestOptions {
	retry?: RetryPolicy;
	/** Answer `undefined` instead of failing when Duo says 404. */
	allowNotFound?: boolean;
	/** The request creates an object: Duo's "duplicate resource" (40003) means it exists already. */
	creates?: boolean;
	/**
	 * For a request that names a group remembered from an earlier execution: answer `{ groupGone }`
	 * instead of failing when Duo says the group does not exist (404, or 400 naming `group_id`).
	 */
	groupMayBeGone?: boolean;
}

const DUPLICATE_RESOURCE = 40003;

function isGroupGone(statusCode: number, body: IDataObject | undefined): boolean {
	if (statusCode === 404) return true;
	return statusCode === 400 && isDuoFailure(body) && body.message_detail === 'group_id';
}

const done = <T>(replayed: 'notFound' | 'duplicate'): DuoResult<T> => ({
	response: undefined as T,
	metadata: {},
	replayed,
});

/**
 * One Duo Admin API call, signed by the credential, within the policy's timeout. Parameters go in
 * the query string for GET and DELETE and in a form body for POST. 429 is retried with exponential
 * backoff and jitter; 5xx, lost connections and timeouts a bounded number of times; other 4xx never.
 * A retried write may have taken effect before its answer was lost, so only a DELETE reads 404 as
 * done and only a create reads "duplicate resource" as done (whatever the retry state: a concurrent
 * execution may have made the same change). `{stat:"FAIL"}` becomes a NodeApiError with Duo's code.
 */
export async function duoApiRequest<T>(
	ctx: DuoContext,
	method: DuoMethod,
	path: string,
	params: IDataObject = {},
	options: DuoRequestOptions = {},
): Promise<DuoResult<T> | undefined> {
	const policy = options.retry ?? DEFAULT_RETRY_POLICY;
	const retries: Record<RetryReason, number> = { rateLimit: 0, serverError: 0 };
	for (let attempt = 1; ; attempt++) {
		let response: IN8nHttpFullResponse;
		await policy.pacer?.wait();
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, DUO_CREDENTIAL, {
				method,
				url: path,
				...(method === 'POST' ? { body: params } : { qs: params }),
				json: true,
				timeout: policy.timeoutMs,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			if (!isNetworkError(error) || retries.serverError >= policy.maxServerErrorRetries) {
				throw duoNetworkError(ctx.getNode(), error, { method, path }, attempt);
			}
			await sleep(retryDelayMs(policy, retries.serverError));
			retries.serverError++;
			continue;
		}
		const reason = retryReason(response.statusCode);
		if (reason && retries[reason] < retryBudget(policy, reason)) {
			await sleep(retryDelayMs(policy, retries[reason]));
			retries[reason]++;
			continue;
		}
		const body = response.body as IDataObject | undefined;
		const retried = retries.serverError > 0;
		if (response.statusCode === 404) {
			if (options.allowNotFound) return undefined;
			if (method === 'DELETE' && (retried || !options.groupMayBeGone)) return done<T>('notFound');
		}
		if (
			options.creates &&
			response.statusCode === 400 &&
			isDuoFailure(body) &&
			body.code === DUPLICATE_RESOURCE
		) {
			return done<T>('duplicate');
		}
		if (options.groupMayBeGone && isGroupGone(response.statusCode, body)) {
			return { response: undefined as T, metadata: {}, groupGone: true };
		}
		if (response.statusCode >= 400 || isDuoFailure(body) || body?.stat !== 'OK') {
			throw duoApiError(ctx.getNode(), response, { method, path }, attempt);
		}
		return {
			response: body.response as T,
			metadata: (body.metadata ?? {}) as DuoMetadata,
		};
	}
}

/** Follows `metadata.next_offset` until the last page. */
export async function duoApiRequestAllItems<T>(
	ctx: DuoContext,
	path: string,
	params: IDataObject,
	options: DuoRequestOptions & { pageSize: number; maxItems?: number },
): Promise<T[]> {
	const items: T[] = [];
	let offset: number | undefined = 0;
	while (offset !== undefined) {
		const page: DuoResult<T[]> | undefined = await duoApiRequest<T[]>(
			ctx,
			'GET',
			path,
			{ ...params, limit: options.pageSize, offset },
			options,
		);
		items.push(...(page?.response ?? []));
		if (options.maxItems !== undefined && items.length >= options.maxItems) {
			return items.slice(0, options.maxItems);
		}
		const next: DuoMetadata['next_offset'] = page?.metadata.next_offset;
		offset = next === undefined || next === null || next === '' ? undefined : Number(next);
	}
	return items;
}
