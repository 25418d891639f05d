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
import type { ServiceResponse } from '../../shared/http/serviceResponse';
import { isPingOneAlreadyExists, PINGONE, pingOneApiError } from './errors';

export const PINGONE_CREDENTIAL = 'pingOneMfaApi';

export type PingOneContext = ApiContext;

export interface PingOneRequest {
	method: IHttpRequestMethods;
	/** A path under the environment, e.g. `/users/{id}`, or a paging link PingOne returned. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Extra headers, e.g. a vendor Content-Type. */
	headers?: IDataObject;
	/** Defaults by method: GET read, POST create, DELETE delete, PUT and PATCH update. */
	intent?: RequestIntent;
	/** Answer `undefined` instead of failing when PingOne says 404. */
	allowNotFound?: boolean;
	/** Failed answers to return instead of throwing, e.g. "already a member". */
	accept?: (response: ServiceResponse) => boolean;
	retry?: RetryPolicy;
}

export interface PingOneResult<T> {
	statusCode: number;
	body: T;
	/** A retried write whose earlier attempt had taken effect; `body` is then PingOne's error. */
	replayed?: Replayed;
}

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

function pathOf(path: string): string {
	return path.replace(/^https?:\/\/[^/]+\/v1\/environments\/[^/]+/i, '').split('?')[0];
}

/**
 * One PingOne API call with the worker-app token of the credential. Retries follow the policy
 * (429 with `Retry-After`, 5xx, lost connections); a 401 makes n8n fetch a new token once; other
 * failures become a NodeApiError with PingOne's code and message.
 */
export async function pingOneRequest<T>(
	ctx: PingOneContext,
	request: PingOneRequest,
): Promise<PingOneResult<T> | undefined> {
	const outcome = await afterFirstRequest(
		ctx,
		async () =>
			await sendResilient(ctx, {
				credential: PINGONE_CREDENTIAL,
				options: {
					method: request.method,
					url: request.path,
					qs: request.qs,
					body: request.body,
					headers: { Accept: 'application/json', ...(request.headers ?? {}) },
				},
				intent: request.intent ?? intentOf(request.method),
				policy: request.retry ?? DEFAULT_RETRY_POLICY,
				refreshTokenOn401: true,
				isAlreadyExists: isPingOneAlreadyExists,
			}),
	);
	const failed = { method: request.method, path: pathOf(request.path), attempts: outcome.attempts };
	if (outcome.type === 'unreachable') {
		throw unreachableError(ctx.getNode(), PINGONE, outcome.code, failed);
	}
	const { response, replayed } = outcome;
	if (replayed) return { statusCode: response.statusCode, body: response.body as T, replayed };
	if (response.statusCode === 404 && request.allowNotFound) return undefined;
	if (response.statusCode >= 400 && !request.accept?.(response))
		throw pingOneApiError(ctx.getNode(), response, failed);
	return { statusCode: response.statusCode, body: response.body as T };
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
	options: { qs?: IDataObject; pageSize?: number; maxItems?: number; retry?: RetryPolicy } = {},
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
		if (options.maxItems !== undefined && items.length >= options.maxItems) {
			return items.slice(0, options.maxItems);
		}
		next = page?.body._links?.next?.href;
		qs = undefined;
	}
	return items;
}
