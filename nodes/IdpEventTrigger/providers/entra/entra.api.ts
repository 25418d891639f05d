import {
	NodeApiError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHookFunctions,
	type IHttpRequestMethods,
	type IN8nHttpFullResponse,
	type IWebhookFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { entraEndpoints, type EntraEndpoints } from './entra.urls';

export const ENTRA_CREDENTIAL = 'entraIdpApi';

export type EntraContext = IHookFunctions | IWebhookFunctions | IExecuteFunctions;

const MAX_THROTTLE_RETRIES = 3;
const MAX_THROTTLE_WAIT_MS = 60_000;

/** Tokens live as long as the n8n context object of one execution, and no longer. */
const executionTokens = new WeakMap<object, Promise<string>>();

export interface EntraCredentials {
	tenantId: string;
	clientId: string;
	clientSecret: string;
	clientStateSecret?: string;
	graphBaseUrl?: string;
	loginBaseUrl?: string;
}

export async function entraCredentials(ctx: EntraContext): Promise<EntraCredentials> {
	return await ctx.getCredentials<EntraCredentials>(ENTRA_CREDENTIAL);
}

export async function entraEndpointsOf(ctx: EntraContext): Promise<EntraEndpoints> {
	return entraEndpoints(await entraCredentials(ctx));
}

/** Graph's `Retry-After` (seconds) on 429 and 503, bounded. */
export function graphRetryWaitMs(response: IN8nHttpFullResponse): number {
	const value = (response.headers as Record<string, unknown>)['retry-after'];
	const seconds = Number(Array.isArray(value) ? value[0] : value);
	return Number.isFinite(seconds) && seconds >= 0
		? Math.min(MAX_THROTTLE_WAIT_MS, seconds * 1000)
		: 2000;
}

function graphError(
	ctx: EntraContext,
	method: string,
	path: string,
	response: IN8nHttpFullResponse,
) {
	const body = (response.body ?? {}) as JsonObject;
	const error = (body.error ?? {}) as JsonObject;
	const message =
		typeof error.message === 'string'
			? error.message
			: typeof body.error_description === 'string'
				? body.error_description.split('\r\n')[0]
				: 'Microsoft Graph refused the request';
	const code =
		typeof error.code === 'string'
			? error.code
			: typeof body.error === 'string'
				? body.error
				: undefined;
	return new NodeApiError(ctx.getNode(), body, {
		httpCode: String(response.statusCode),
		message: `Microsoft Graph: ${message}${code ? ` (${code})` : ''}`,
		description: `${method} ${path} returned HTTP ${response.statusCode}`,
	});
}

async function send(
	ctx: EntraContext,
	method: IHttpRequestMethods,
	url: string,
	options: { body?: IDataObject; qs?: IDataObject; headers?: IDataObject; token?: string },
): Promise<IN8nHttpFullResponse> {
	for (let attempt = 0; ; attempt++) {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, ENTRA_CREDENTIAL, {
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
		})) as IN8nHttpFullResponse;
		if (
			(response.statusCode === 429 || response.statusCode === 503) &&
			attempt < MAX_THROTTLE_RETRIES
		) {
			await sleep(graphRetryWaitMs(response));
			continue;
		}
		return response;
	}
}

/**
 * An app-only Graph token by the client-credentials grant; the credential adds the client id and
 * secret to this request. Fetched once per execution.
 */
export async function entraToken(ctx: EntraContext): Promise<string> {
	let token = executionTokens.get(ctx);
	if (!token) {
		token = (async () => {
			const endpoints = await entraEndpointsOf(ctx);
			const response = await send(ctx, 'POST', endpoints.tokenUrl, {
				body: { grant_type: 'client_credentials', scope: endpoints.scope },
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			});
			const body = (response.body ?? {}) as IDataObject;
			if (response.statusCode >= 400 || typeof body.access_token !== 'string') {
				throw graphError(ctx, 'POST', '/oauth2/v2.0/token', response);
			}
			return body.access_token;
		})();
		executionTokens.set(ctx, token);
		token.catch(() => executionTokens.delete(ctx));
	}
	return await token;
}

/** One Microsoft Graph call; throttling (429/503) is waited out a bounded number of times. */
export async function graphRequest<T = unknown>(
	ctx: EntraContext,
	method: IHttpRequestMethods,
	pathOrUrl: string,
	body?: IDataObject,
	qs?: IDataObject,
	options: { tolerateNotFound?: boolean } = {},
): Promise<{ body: T; statusCode: number }> {
	const token = await entraToken(ctx);
	const { graphBaseUrl } = await entraEndpointsOf(ctx);
	const url = /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${graphBaseUrl}${pathOrUrl}`;
	const response = await send(ctx, method, url, { body, qs, token });
	if (response.statusCode >= 400 && !(options.tolerateNotFound && response.statusCode === 404)) {
		throw graphError(ctx, method, pathOrUrl.replace(graphBaseUrl, ''), response);
	}
	return { body: response.body as T, statusCode: response.statusCode };
}

/** Follows `@odata.nextLink` to the end, or until `limit` items. */
export async function graphRequestAllItems<T>(
	ctx: EntraContext,
	path: string,
	qs?: IDataObject,
	limit = Number.POSITIVE_INFINITY,
): Promise<T[]> {
	const items: T[] = [];
	let next: string | undefined = path;
	let query = qs;
	while (next && items.length < limit) {
		const page: { body: { value?: T[]; '@odata.nextLink'?: string } } = await graphRequest(
			ctx,
			'GET',
			next,
			undefined,
			query,
		);
		items.push(...(page.body.value ?? []));
		next = page.body['@odata.nextLink'];
		query = undefined;
	}
	return items.slice(0, limit);
}
