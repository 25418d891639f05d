import {
	NodeApiError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { readCredentialOption } from './credentialsOnce';

/** The contexts the trigger runs in: registration hooks, webhook deliveries, manual executions. */
export type TriggerContext = IHookFunctions | IWebhookFunctions | IExecuteFunctions;

export type ProviderContext = TriggerContext | ILoadOptionsFunctions;

/** What sets one identity provider's API apart: its credential, its throttling, its error bodies. */
export interface ProviderApi {
	credential: string;
	/** Starts every error message, e.g. `Auth0`. */
	name: string;
	/** How long to wait before retrying a throttled response; undefined when it is not throttled. */
	throttleWaitMs(response: IN8nHttpFullResponse): number | undefined;
	/** The message and code in the body of a failed response. */
	describeError(body: JsonObject): { message: string; code?: string };
}

export interface SendOptions {
	body?: IDataObject;
	qs?: IDataObject;
	headers?: IDataObject;
	/** Sent as `Authorization: Bearer <token>`. */
	token?: string;
}

const MAX_THROTTLE_RETRIES = 3;

export function responseHeader(response: IN8nHttpFullResponse, name: string): string | undefined {
	const value = (response.headers as Record<string, unknown>)[name];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined ? undefined : String(value);
}

/** `Retry-After` (seconds) in milliseconds, at most `maxMs`; undefined when there is none. */
export function retryAfterMs(response: IN8nHttpFullResponse, maxMs: number): number | undefined {
	const seconds = Number(responseHeader(response, 'retry-after'));
	return Number.isFinite(seconds) && seconds >= 0 ? Math.min(maxMs, seconds * 1000) : undefined;
}

/** One request through the credential; throttled responses are waited out a bounded number of times. */
export async function sendWithRetries(
	ctx: ProviderContext,
	api: ProviderApi,
	method: IHttpRequestMethods,
	url: string,
	options: SendOptions = {},
): Promise<IN8nHttpFullResponse> {
	const credential = await readCredentialOption(ctx, api.credential);
	for (let attempt = 0; ; attempt++) {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, api.credential, {
			method,
			url,
			qs: options.qs,
			body: options.body,
			json: true,
			headers: {
				Accept: 'application/json',
				...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
				...(options.headers ?? {}),
			},
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		}, credential)) as IN8nHttpFullResponse;
		const wait = attempt < MAX_THROTTLE_RETRIES ? api.throttleWaitMs(response) : undefined;
		if (wait === undefined) return response;
		await sleep(wait);
	}
}

export function providerApiError(
	ctx: ProviderContext,
	api: ProviderApi,
	method: string,
	path: string,
	response: IN8nHttpFullResponse,
): NodeApiError {
	const body = (response.body ?? {}) as JsonObject;
	const { message, code } = api.describeError(body);
	return new NodeApiError(ctx.getNode(), body, {
		httpCode: String(response.statusCode),
		message: `${api.name}: ${message}${code === undefined ? '' : ` (${code})`}`,
		description: `${method} ${path} returned HTTP ${response.statusCode}`,
	});
}

/**
 * {@link sendWithRetries}, then a failed response becomes a NodeApiError that names `path`; a 404
 * is returned instead when `tolerateNotFound` is set.
 */
export async function providerRequest(
	ctx: ProviderContext,
	api: ProviderApi,
	method: IHttpRequestMethods,
	url: string,
	path: string,
	options: SendOptions & { tolerateNotFound?: boolean } = {},
): Promise<IN8nHttpFullResponse> {
	const response = await sendWithRetries(ctx, api, method, url, options);
	if (response.statusCode >= 400 && !(options.tolerateNotFound && response.statusCode === 404)) {
		throw providerApiError(ctx, api, method, path, response);
	}
	return response;
}
