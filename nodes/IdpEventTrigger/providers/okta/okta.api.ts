import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
} from 'n8n-workflow';

import { credentialsOnce } from '../http/credentialsOnce';
import { providerRequest, type ProviderApi } from '../http/providerRequest';

export const OKTA_CREDENTIAL = 'oktaIdpApi';

export type OktaContext =
	| IHookFunctions
	| IWebhookFunctions
	| IExecuteFunctions
	| ILoadOptionsFunctions;

const MAX_RATE_LIMIT_WAIT_MS = 60_000;

export function normalizeOrgUrl(url: string): string {
	return url.trim().replace(/\/+$/, '');
}

function header(response: IN8nHttpFullResponse, name: string): string | undefined {
	const value = (response.headers as Record<string, unknown>)[name];
	if (Array.isArray(value)) return value.join(',');
	return typeof value === 'string' ? value : value === undefined ? undefined : String(value);
}

/**
 * Milliseconds until Okta's rate-limit window resets, measured against the server's Date header
 * as Okta's SDKs do, so clock skew between n8n and Okta does not matter.
 */
export function oktaRateLimitWaitMs(response: IN8nHttpFullResponse, now = Date.now()): number {
	const reset = Number(header(response, 'x-rate-limit-reset'));
	if (!Number.isFinite(reset) || reset <= 0) return 1000;
	const serverNow = Date.parse(header(response, 'date') ?? '') || now;
	return Math.min(MAX_RATE_LIMIT_WAIT_MS, Math.max(0, reset * 1000 - serverNow) + 1000);
}

function isRateLimited(response: IN8nHttpFullResponse): boolean {
	const body = response.body as IDataObject | undefined;
	return response.statusCode === 429 || body?.errorCode === 'E0000047';
}

const oktaApi: ProviderApi = {
	credential: OKTA_CREDENTIAL,
	name: 'Okta',
	throttleWaitMs: (response) =>
		isRateLimited(response) ? oktaRateLimitWaitMs(response) : undefined,
	describeError: (error) => ({
		message:
			typeof error.errorSummary === 'string' ? error.errorSummary : 'Okta refused the request',
		code: typeof error.errorCode === 'string' ? error.errorCode : undefined,
	}),
};

export async function oktaOrgUrl(ctx: OktaContext): Promise<string> {
	const credentials = await credentialsOnce<{ orgUrl: string }>(ctx, OKTA_CREDENTIAL);
	return normalizeOrgUrl(credentials.orgUrl);
}

/** The org's host, e.g. `acme.okta.com`: the tenant recorded on events and directory reads. */
export async function oktaTenant(ctx: OktaContext): Promise<string> {
	return new URL(await oktaOrgUrl(ctx)).host;
}

/**
 * One Okta Management API call with the credential's SSWS token. Waits out 429 / E0000047 until
 * `X-Rate-Limit-Reset`, a bounded number of times; other failures become a NodeApiError that
 * carries Okta's errorCode and errorSummary.
 */
export async function oktaApiRequest<T = unknown>(
	ctx: OktaContext,
	method: IHttpRequestMethods,
	pathOrUrl: string,
	body?: IDataObject,
	qs?: IDataObject,
	options: { tolerateNotFound?: boolean } = {},
): Promise<{ body: T; headers: Record<string, unknown>; statusCode: number }> {
	const orgUrl = await oktaOrgUrl(ctx);
	const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${orgUrl}${pathOrUrl}`;
	const response = await providerRequest(ctx, oktaApi, method, url, pathOrUrl, {
		body,
		qs,
		tolerateNotFound: options.tolerateNotFound,
	});
	return {
		body: response.body as T,
		headers: response.headers as Record<string, unknown>,
		statusCode: response.statusCode,
	};
}

/** The `rel="next"` URL of an Okta `Link` header, if any. */
export function nextLink(linkHeader: unknown): string | undefined {
	const text = Array.isArray(linkHeader)
		? linkHeader.join(',')
		: typeof linkHeader === 'string'
			? linkHeader
			: '';
	for (const part of text.split(',')) {
		const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
		if (match) return match[1];
	}
	return undefined;
}

/** Follows `Link: rel="next"` until the last page. */
export async function oktaApiRequestAllItems<T>(
	ctx: OktaContext,
	path: string,
	qs?: IDataObject,
): Promise<T[]> {
	const items: T[] = [];
	let url: string | undefined = path;
	let query = qs;
	while (url) {
		const page = await oktaApiRequest<T[]>(ctx, 'GET', url, undefined, query);
		items.push(...page.body);
		url = nextLink(page.headers.link);
		query = undefined;
	}
	return items;
}
