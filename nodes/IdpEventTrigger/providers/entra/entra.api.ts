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
	retryAfterMs,
	type ProviderApi,
	type TriggerContext,
} from '../http/providerRequest';
import { entraEndpoints, type EntraEndpoints } from './entra.urls';

export const ENTRA_CREDENTIAL = 'entraIdpApi';

export type EntraContext = TriggerContext;

const MAX_THROTTLE_WAIT_MS = 60_000;

export interface EntraCredentials {
	tenantId: string;
	clientId: string;
	clientSecret: string;
	clientStateSecret?: string;
	graphBaseUrl?: string;
	loginBaseUrl?: string;
}

export async function entraCredentials(ctx: EntraContext): Promise<EntraCredentials> {
	return await credentialsOnce<EntraCredentials>(ctx, ENTRA_CREDENTIAL);
}

/** The tenant ID as the credential holds it: the tenant recorded on events and directory reads. */
export async function entraTenant(ctx: EntraContext): Promise<string> {
	return (await entraCredentials(ctx)).tenantId;
}

export async function entraEndpointsOf(ctx: EntraContext): Promise<EntraEndpoints> {
	return entraEndpoints(await entraCredentials(ctx));
}

/** Graph's `Retry-After` (seconds) on 429 and 503, bounded. */
export function graphRetryWaitMs(response: IN8nHttpFullResponse): number {
	return retryAfterMs(response, MAX_THROTTLE_WAIT_MS) ?? 2000;
}

function describeGraphError(body: JsonObject): { message: string; code?: string } {
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
	return { message, code: code || undefined };
}

const graphApi: ProviderApi = {
	credential: ENTRA_CREDENTIAL,
	name: 'Microsoft Graph',
	throttleWaitMs: (response) =>
		response.statusCode === 429 || response.statusCode === 503
			? graphRetryWaitMs(response)
			: undefined,
	describeError: describeGraphError,
};

/** An app-only Graph token by the client-credentials grant, fetched once per execution. */
export const entraToken = perExecutionToken(async (ctx: EntraContext) => {
	const endpoints = await entraEndpointsOf(ctx);
	return await requestClientCredentialsToken(
		ctx,
		graphApi,
		endpoints.tokenUrl,
		'/oauth2/v2.0/token',
		{
			body: { grant_type: 'client_credentials', scope: endpoints.scope },
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		},
	);
});

/** One Microsoft Graph call; throttling (429/503) is waited out a bounded number of times. */
export async function graphRequest<T = unknown>(
	ctx: EntraContext,
	method: IHttpRequestMethods,
	pathOrUrl: string,
	body?: IDataObject,
	qs?: IDataObject,
	options: { tolerateNotFound?: boolean; headers?: IDataObject } = {},
): Promise<{ body: T; statusCode: number }> {
	const token = await entraToken(ctx);
	const { graphBaseUrl } = await entraEndpointsOf(ctx);
	const url = /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${graphBaseUrl}${pathOrUrl}`;
	const response = await providerRequest(
		ctx,
		graphApi,
		method,
		url,
		pathOrUrl.replace(graphBaseUrl, ''),
		{
			body,
			qs,
			token,
			headers: options.headers,
			tolerateNotFound: options.tolerateNotFound,
		},
	);
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
