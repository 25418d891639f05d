import type { IDataObject, IHttpRequestMethods, IN8nHttpFullResponse, JsonObject } from 'n8n-workflow';

import { credentialsOnce } from '../http/credentialsOnce';
import {
	providerApiError,
	retryAfterMs,
	sendWithRetries,
	type ProviderApi,
	type ProviderContext,
} from '../http/providerRequest';

export const SSF_CREDENTIAL = 'ssfTransmitterApi';

export interface SsfCredentials {
	issuer: string;
	apiToken?: string;
	audience?: string;
	authorizationSecret?: string;
	registrationKey?: string;
}

const MAX_THROTTLE_WAIT_MS = 60_000;

export async function ssfCredentials(ctx: ProviderContext): Promise<SsfCredentials> {
	return await credentialsOnce<SsfCredentials>(ctx, SSF_CREDENTIAL);
}

/** The Issuer as configured, without surrounding whitespace: it must equal the transmitter's `issuer` exactly. */
export function issuerOf(credentials: SsfCredentials): string {
	return (credentials.issuer ?? '').trim();
}

/** The audience values the credential names (comma-separated). */
export function configuredAudiences(credentials: SsfCredentials): string[] {
	return (credentials.audience ?? '')
		.split(',')
		.map((value) => value.trim())
		.filter(Boolean);
}

function describeSsfError(body: JsonObject): { message: string; code?: string } {
	const message = [body.description, body.error_description, body.errorSummary, body.message, body.error].find(
		(value): value is string => typeof value === 'string' && value !== '',
	);
	const code = [body.err, body.errorCode, body.error].find((value): value is string => typeof value === 'string' && value !== message);
	return { message: message ?? 'The transmitter refused the request', code };
}

const managementApi: ProviderApi = {
	credential: SSF_CREDENTIAL,
	name: 'SSF transmitter',
	throttleWaitMs: (response) => (response.statusCode === 429 ? (retryAfterMs(response, MAX_THROTTLE_WAIT_MS) ?? 1000) : undefined),
	describeError: describeSsfError,
};

/** While a SET waits for its keys, a throttled transmitter is not waited for: the push would time out. */
const deliveryApi: ProviderApi = { ...managementApi, throttleWaitMs: () => undefined };

/**
 * One call to the transmitter (metadata, JWKS, stream management). The credential adds its bearer
 * token to requests for the issuer's own origin only. 429 is waited out a bounded number of times,
 * except while a delivery waits (`duringDelivery`).
 */
export async function ssfRequest<T = unknown>(
	ctx: ProviderContext,
	method: IHttpRequestMethods,
	url: string,
	options: { body?: IDataObject; qs?: IDataObject; tolerate?: number[]; duringDelivery?: boolean } = {},
): Promise<{ body: T; statusCode: number; response: IN8nHttpFullResponse }> {
	const api = options.duringDelivery ? deliveryApi : managementApi;
	const response = await sendWithRetries(ctx, api, method, url, { body: options.body, qs: options.qs });
	if (response.statusCode >= 400 && !(options.tolerate ?? []).includes(response.statusCode)) {
		throw providerApiError(ctx, api, method, new URL(url).pathname, response);
	}
	return { body: response.body as T, statusCode: response.statusCode, response };
}

/** Whether `url` is on the issuer's origin: the only place the credential's bearer token is sent. */
export function sameOrigin(url: string, issuer: string): boolean {
	try {
		return new URL(url).origin === new URL(issuer).origin;
	} catch {
		return false;
	}
}
