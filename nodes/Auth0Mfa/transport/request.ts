import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { auth0RateLimitWaitMs } from '../../IdpEventTrigger/providers/auth0/auth0.api';
import { callProvider, type ProviderApi, type ProviderRequest, type ProviderResult } from '../../shared/http/providerCall';
import type { ApiContext } from '../../shared/http/resilientRequest';
import { AUTH0, auth0ApiError, isAuth0AlreadyExists } from './errors';

export const AUTH0_MFA_CREDENTIAL = 'auth0MfaApi';

const auth0Api: ProviderApi = {
	credential: AUTH0_MFA_CREDENTIAL,
	name: AUTH0,
	refreshTokenOn401: true,
	isAlreadyExists: isAuth0AlreadyExists,
	/** `Retry-After` when Auth0 sends one, else until `X-RateLimit-Reset`. */
	rateLimitWaitMs: (headers) => auth0RateLimitWaitMs({ headers, body: undefined, statusCode: 429 } as IN8nHttpFullResponse),
	apiError: auth0ApiError,
	pathOf: (path) => path.replace(/^https?:\/\/[^/]+\/api\/v2/i, '').split('?')[0],
};

/** One Management API call; `path` is under `/api/v2`. */
export async function auth0Call<T>(ctx: ApiContext, request: ProviderRequest): Promise<ProviderResult<T> | undefined> {
	return await callProvider<T>(ctx, auth0Api, request);
}
