import type { IDataObject, IHttpRequestMethods, INode, NodeApiError } from 'n8n-workflow';

import { unreachableError, type FailedRequest } from './apiError';
import {
	intentOf,
	sendResilient,
	type ApiContext,
	type Replayed,
	type RequestIntent,
	type ResilientOutcome,
} from './resilientRequest';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryPolicy';
import type { ServiceResponse } from './serviceResponse';

/** One call to an MFA provider's API, as its transport takes it. */
export interface ProviderRequest {
	method: IHttpRequestMethods;
	/** A path relative to the API base of the credential, or a paging link the API returned. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Extra headers, e.g. a vendor Content-Type. */
	headers?: IDataObject;
	/** Defaults by method: GET read, POST create, DELETE delete, PUT and PATCH update. */
	intent?: RequestIntent;
	/** Answer `undefined` instead of failing when the API says 404. */
	allowNotFound?: boolean;
	/** Failed answers to return instead of throwing, e.g. "already a member". */
	accept?: (response: ServiceResponse) => boolean;
	retry?: RetryPolicy;
}

export interface ProviderResult<T> {
	statusCode: number;
	body: T;
	/** Response headers, names lower-cased (e.g. `link` for paging). */
	headers: Record<string, unknown>;
	/** A retried write whose earlier attempt had taken effect; `body` is then the API's answer. */
	replayed?: Replayed;
}

/** What sets one provider's API apart for {@link callProvider}. */
export interface ProviderApi {
	credential: string;
	/** Starts error messages, e.g. `PingOne`. */
	name: string;
	/** The credential has preAuthentication: n8n renews its token on a 401. */
	refreshTokenOn401?: boolean;
	isAlreadyExists?(response: ServiceResponse): boolean;
	/** See ResilientRequest.rateLimitWaitMs. */
	rateLimitWaitMs?(headers: Record<string, unknown>): number | undefined;
	apiError(node: INode, response: ServiceResponse, request: FailedRequest): NodeApiError;
	/** The path as error messages name it; default: the path without query. */
	pathOf?(path: string): string;
	/** Wraps each send, e.g. to let the first request of an execution fetch the token alone. */
	schedule?(ctx: ApiContext, send: () => Promise<ResilientOutcome>): Promise<ResilientOutcome>;
}

/**
 * One provider API call through {@link sendResilient}, settled: the body on success, `undefined`
 * for an allowed 404, a `replayed` result for a retried write found done, and otherwise a
 * NodeApiError in the provider's terms.
 */
export async function callProvider<T>(
	ctx: ApiContext,
	api: ProviderApi,
	request: ProviderRequest,
): Promise<ProviderResult<T> | undefined> {
	const send = async () =>
		await sendResilient(ctx, {
			credential: api.credential,
			options: {
				method: request.method,
				url: request.path,
				qs: request.qs,
				body: request.body,
				headers: { Accept: 'application/json', ...(request.headers ?? {}) },
			},
			intent: request.intent ?? intentOf(request.method),
			policy: request.retry ?? DEFAULT_RETRY_POLICY,
			refreshTokenOn401: api.refreshTokenOn401,
			isAlreadyExists: api.isAlreadyExists,
			rateLimitWaitMs: api.rateLimitWaitMs,
		});
	const outcome = api.schedule ? await api.schedule(ctx, send) : await send();
	const path = api.pathOf ? api.pathOf(request.path) : request.path.split('?')[0];
	const failed = { method: request.method, path, attempts: outcome.attempts };
	if (outcome.type === 'unreachable') {
		throw unreachableError(ctx.getNode(), api.name, outcome.code, failed);
	}
	const { response, replayed } = outcome;
	const { headers } = response;
	if (replayed) return { statusCode: response.statusCode, body: response.body as T, headers, replayed };
	if (response.statusCode === 404 && request.allowNotFound) return undefined;
	if (response.statusCode >= 400 && !request.accept?.(response)) {
		throw api.apiError(ctx.getNode(), response, failed);
	}
	return { statusCode: response.statusCode, body: response.body as T, headers };
}
