import type { IDataObject } from 'n8n-workflow';

import {
	callProvider,
	type ProviderApi,
	type ProviderRequest,
	type ProviderResult,
} from '../../shared/http/providerCall';
import type { ApiContext } from '../../shared/http/resilientRequest';
import type { RetryPolicy } from '../../shared/http/retryPolicy';
import { isPingOneAlreadyExists, PINGONE, pingOneApiError } from './errors';

export const PINGONE_CREDENTIAL = 'pingOneMfaApi';

export type PingOneContext = ApiContext;

/** A PingOne call; `path` is under `/v1/environments/{envId}`, or a paging link PingOne returned. */
export type PingOneRequest = ProviderRequest;

export type PingOneResult<T> = ProviderResult<T>;

/**
 * The first request of an execution goes alone: it runs the credential's preAuthentication, and
 * the requests behind it reuse the token it stored instead of each fetching one.
 */
const firstRequests = new WeakMap<object, Promise<unknown>>();

async function afterFirstRequest<T>(ctx: PingOneContext, send: () => Promise<T>): Promise<T> {
	const first = firstRequests.get(ctx);
	if (first) {
		await first.then(
			() => undefined,
			() => undefined,
		);
		return await send();
	}
	const sending = send();
	firstRequests.set(ctx, sending);
	return await sending;
}

const pingOneApi: ProviderApi = {
	credential: PINGONE_CREDENTIAL,
	name: PINGONE,
	refreshTokenOn401: true,
	isAlreadyExists: isPingOneAlreadyExists,
	apiError: pingOneApiError,
	pathOf: (path) => path.replace(/^https?:\/\/[^/]+\/v1\/environments\/[^/]+/i, '').split('?')[0],
	schedule: afterFirstRequest,
};

/**
 * One PingOne API call with the worker-app token of the credential. Retries follow the policy
 * (429 with `Retry-After`, 5xx, lost connections); a 401 makes n8n fetch a new token once; other
 * failures become a NodeApiError with PingOne's code and message.
 */
export async function pingOneRequest<T>(
	ctx: PingOneContext,
	request: PingOneRequest,
): Promise<PingOneResult<T> | undefined> {
	return await callProvider<T>(ctx, pingOneApi, request);
}

/** PingOne's collection envelope (HAL): items under `_embedded.<name>`, the next page as a link. */
export interface PingOnePage {
	_embedded?: Record<string, unknown[]>;
	_links?: { next?: { href?: string } };
	count?: number;
	size?: number;
}

/**
 * Every item of a collection: the first page from `path` with `limit`, then each
 * `_links.next.href` until there is none, or until `maxItems`.
 */
export async function pingOneRequestAllItems<T>(
	ctx: PingOneContext,
	path: string,
	embedded: string,
	options: {
		qs?: IDataObject;
		pageSize?: number;
		maxItems?: number;
		retry?: RetryPolicy;
		/** Called after each page with the items read so far and, when PingOne says, how many match. */
		onPage?: (read: number, total?: number) => void;
	} = {},
): Promise<T[]> {
	const items: T[] = [];
	let next: string | undefined = path;
	let qs: IDataObject | undefined = {
		...(options.qs ?? {}),
		...(options.pageSize ? { limit: options.pageSize } : {}),
	};
	while (next) {
		const page: PingOneResult<PingOnePage> | undefined = await pingOneRequest<PingOnePage>(ctx, {
			method: 'GET',
			path: next,
			qs,
			retry: options.retry,
		});
		items.push(...((page?.body._embedded?.[embedded] ?? []) as T[]));
		options.onPage?.(items.length, typeof page?.body.count === 'number' ? page.body.count : undefined);
		if (options.maxItems !== undefined && items.length >= options.maxItems) {
			return items.slice(0, options.maxItems);
		}
		next = page?.body._links?.next?.href;
		qs = undefined;
	}
	return items;
}
