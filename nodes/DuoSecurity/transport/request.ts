import {
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import { duoApiError, isDuoFailure } from './errors';
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
	 * Set when a retried write found its own earlier attempt already applied: a DELETE answered 404,
	 * or a create answered "duplicate resource". `response` is then empty.
	 */
	replayed?: 'notFound' | 'duplicate';
	/** Set instead of failing when `groupMayBeGone` is on and Duo says a group id does not exist. */
	groupGone?: boolean;
}

export interface DuoRequestOptions {
	retry?: RetryPolicy;
	/** Answer `undefined` instead of failing when Duo says 404. */
	allowNotFound?: boolean;
	/**
	 * For writes: a 5xx may come after the write took effect, so once a 5xx was retried, a 404 or a
	 * duplicate-resource answer (code 40003) means the write is done, not that it failed.
	 */
	replaySafe?: boolean;
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

/**
 * One Duo Admin API call, signed by the credential. Parameters go in the query string for GET and
 * DELETE and in a form body for POST. 429 is retried with exponential backoff and jitter, 5xx a
 * bounded number of times, other 4xx never; `{stat:"FAIL"}` becomes a NodeApiError with Duo's code.
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
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, DUO_CREDENTIAL, {
			method,
			url: path,
			...(method === 'POST' ? { body: params } : { qs: params }),
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as IN8nHttpFullResponse;
		const reason = retryReason(response.statusCode);
		if (reason && retries[reason] < retryBudget(policy, reason)) {
			await sleep(retryDelayMs(policy, retries[reason]));
			retries[reason]++;
			continue;
		}
		if (response.statusCode === 404 && options.allowNotFound) return undefined;
		const body = response.body as IDataObject | undefined;
		if (options.replaySafe && retries.serverError > 0) {
			if (response.statusCode === 404)
				return { response: undefined as T, metadata: {}, replayed: 'notFound' };
			if (response.statusCode === 400 && isDuoFailure(body) && body.code === DUPLICATE_RESOURCE) {
				return { response: undefined as T, metadata: {}, replayed: 'duplicate' };
			}
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
