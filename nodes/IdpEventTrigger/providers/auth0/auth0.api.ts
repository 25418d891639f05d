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

import { auth0BaseUrl, auth0ManagementAudience } from './auth0.baseUrl';

export const AUTH0_CREDENTIAL = 'auth0IdpApi';

export type Auth0Context = IHookFunctions | IWebhookFunctions | IExecuteFunctions;

const MAX_RATE_LIMIT_RETRIES = 3;
const MAX_RATE_LIMIT_WAIT_MS = 60_000;

/** Tokens live as long as the n8n context object of one execution, and no longer. */
const executionTokens = new WeakMap<object, Promise<string>>();

function header(response: IN8nHttpFullResponse, name: string): string | undefined {
	const value = (response.headers as Record<string, unknown>)[name];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined ? undefined : String(value);
}

/** Waits Auth0 asks for on a 429: `Retry-After` first, then `X-RateLimit-Reset` (epoch seconds). */
export function auth0RateLimitWaitMs(response: IN8nHttpFullResponse, now = Date.now()): number {
	const retryAfter = Number(header(response, 'retry-after'));
	if (Number.isFinite(retryAfter) && retryAfter >= 0) {
		return Math.min(MAX_RATE_LIMIT_WAIT_MS, retryAfter * 1000);
	}
	const reset = Number(header(response, 'x-ratelimit-reset'));
	if (Number.isFinite(reset) && reset > 0) {
		return Math.min(MAX_RATE_LIMIT_WAIT_MS, Math.max(0, reset * 1000 - now) + 250);
	}
	return 1000;
}

export async function auth0Domain(ctx: Auth0Context): Promise<string> {
	const credentials = await ctx.getCredentials<{ domain: string }>(AUTH0_CREDENTIAL);
	return credentials.domain;
}

function apiError(ctx: Auth0Context, method: string, path: string, response: IN8nHttpFullResponse) {
	const error = (response.body ?? {}) as JsonObject;
	const message =
		typeof error.message === 'string'
			? error.message
			: typeof error.error_description === 'string'
				? error.error_description
				: 'Auth0 refused the request';
	const code = typeof error.errorCode === 'string' ? error.errorCode : error.error;
	return new NodeApiError(ctx.getNode(), error, {
		httpCode: String(response.statusCode),
		message: `Auth0: ${message}${typeof code === 'string' ? ` (${code})` : ''}`,
		description: `${method} ${path} returned HTTP ${response.statusCode}`,
	});
}

async function send(
	ctx: Auth0Context,
	method: IHttpRequestMethods,
	url: string,
	options: { body?: IDataObject; qs?: IDataObject; token?: string },
): Promise<IN8nHttpFullResponse> {
	for (let attempt = 0; ; attempt++) {
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, AUTH0_CREDENTIAL, {
			method,
			url,
			qs: options.qs,
			body: options.body,
			json: true,
			headers: {
				Accept: 'application/json',
				...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
			},
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as IN8nHttpFullResponse;
		if (response.statusCode === 429 && attempt < MAX_RATE_LIMIT_RETRIES) {
			await sleep(auth0RateLimitWaitMs(response));
			continue;
		}
		return response;
	}
}

/**
 * A Management API token by the client-credentials grant; the credential adds the client id and
 * secret to this request. Fetched once per execution.
 */
export async function auth0Token(ctx: Auth0Context): Promise<string> {
	let token = executionTokens.get(ctx);
	if (!token) {
		token = (async () => {
			const domain = await auth0Domain(ctx);
			const url = `${auth0BaseUrl(domain)}/oauth/token`;
			const response = await send(ctx, 'POST', url, {
				body: { grant_type: 'client_credentials', audience: auth0ManagementAudience(domain) },
			});
			const body = (response.body ?? {}) as IDataObject;
			if (response.statusCode >= 400 || typeof body.access_token !== 'string') {
				throw apiError(ctx, 'POST', '/oauth/token', response);
			}
			return body.access_token;
		})();
		executionTokens.set(ctx, token);
		token.catch(() => executionTokens.delete(ctx));
	}
	return await token;
}

/** One Management API call; 429s are waited out a bounded number of times. */
export async function auth0ApiRequest<T = unknown>(
	ctx: Auth0Context,
	method: IHttpRequestMethods,
	path: string,
	body?: IDataObject,
	qs?: IDataObject,
	options: { tolerateNotFound?: boolean } = {},
): Promise<{ body: T; statusCode: number }> {
	const token = await auth0Token(ctx);
	const url = `${auth0BaseUrl(await auth0Domain(ctx))}${path}`;
	const response = await send(ctx, method, url, { body, qs, token });
	if (response.statusCode >= 400 && !(options.tolerateNotFound && response.statusCode === 404)) {
		throw apiError(ctx, method, path, response);
	}
	return { body: response.body as T, statusCode: response.statusCode };
}

/** Follows Auth0's `page`/`per_page` paging (with `include_totals`) to the end. */
export async function auth0ApiRequestAllItems<T>(
	ctx: Auth0Context,
	path: string,
	listKey: string,
	perPage = 100,
): Promise<T[]> {
	const items: T[] = [];
	for (let page = 0; ; page++) {
		const { body } = await auth0ApiRequest<IDataObject>(ctx, 'GET', path, undefined, {
			page,
			per_page: perPage,
			include_totals: true,
		});
		const batch = (Array.isArray(body) ? body : (body[listKey] as T[] | undefined)) ?? [];
		items.push(...(batch as T[]));
		const total = typeof body.total === 'number' ? body.total : undefined;
		if (batch.length < perPage || (total !== undefined && items.length >= total)) return items;
	}
}
