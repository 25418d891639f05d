import type {
	IDataObject,
	IHttpRequestMethods,
	IN8nHttpFullResponse,
	JsonObject,
} from 'n8n-workflow';

import { perExecutionToken, requestClientCredentialsToken } from '../http/clientCredentialsToken';
import { credentialsOnce } from '../http/credentialsOnce';
import {
	providerRequest,
	responseHeader,
	retryAfterMs,
	type ProviderApi,
	type TriggerContext,
} from '../http/providerRequest';
import { auth0BaseUrl, auth0ManagementAudience } from './auth0.baseUrl';

export const AUTH0_CREDENTIAL = 'auth0IdpApi';

export type Auth0Context = TriggerContext;

const MAX_RATE_LIMIT_WAIT_MS = 60_000;

/** Waits Auth0 asks for on a 429: `Retry-After` first, then `X-RateLimit-Reset` (epoch seconds). */
export function auth0RateLimitWaitMs(response: IN8nHttpFullResponse, now = Date.now()): number {
	const retryAfter = retryAfterMs(response, MAX_RATE_LIMIT_WAIT_MS);
	if (retryAfter !== undefined) return retryAfter;
	const reset = Number(responseHeader(response, 'x-ratelimit-reset'));
	if (Number.isFinite(reset) && reset > 0) {
		return Math.min(MAX_RATE_LIMIT_WAIT_MS, Math.max(0, reset * 1000 - now) + 250);
	}
	return 1000;
}

function describeAuth0Error(error: JsonObject): { message: string; code?: string } {
	const message =
		typeof error.message === 'string'
			? error.message
			: typeof error.error_description === 'string'
				? error.error_description
				: 'Auth0 refused the request';
	const code = typeof error.errorCode === 'string' ? error.errorCode : error.error;
	return { message, code: typeof code === 'string' ? code : undefined };
}

const auth0Api: ProviderApi = {
	credential: AUTH0_CREDENTIAL,
	name: 'Auth0',
	throttleWaitMs: (response) =>
		response.statusCode === 429 ? auth0RateLimitWaitMs(response) : undefined,
	describeError: describeAuth0Error,
};

export async function auth0Domain(ctx: Auth0Context): Promise<string> {
	const credentials = await credentialsOnce<{ domain: string }>(ctx, AUTH0_CREDENTIAL);
	return credentials.domain;
}

/** The tenant's host, e.g. `acme.us.auth0.com`: the tenant recorded on events and directory reads. */
export async function auth0Tenant(ctx: Auth0Context): Promise<string> {
	return new URL(auth0BaseUrl(await auth0Domain(ctx))).host;
}

/** A Management API token by the client-credentials grant, fetched once per execution. */
export const auth0Token = perExecutionToken(async (ctx: Auth0Context) => {
	const domain = await auth0Domain(ctx);
	return await requestClientCredentialsToken(
		ctx,
		auth0Api,
		`${auth0BaseUrl(domain)}/oauth/token`,
		'/oauth/token',
		{ body: { grant_type: 'client_credentials', audience: auth0ManagementAudience(domain) } },
	);
});

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
	const response = await providerRequest(ctx, auth0Api, method, url, path, {
		body,
		qs,
		token,
		tolerateNotFound: options.tolerateNotFound,
	});
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
