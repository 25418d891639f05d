import type { INode, NodeApiError } from 'n8n-workflow';

import { providerApiError, type FailedRequest, type ProviderFailure } from '../../shared/http/apiError';
import type { ServiceResponse } from '../../shared/http/serviceResponse';

export const AUTH0 = 'Auth0';

interface Auth0ErrorBody {
	statusCode?: number;
	error?: string;
	message?: string;
	errorCode?: string;
	error_description?: string;
}

function body(response: ServiceResponse): Auth0ErrorBody {
	return (typeof response.body === 'object' && response.body !== null ? response.body : {}) as Auth0ErrorBody;
}

/** A create refused because the user (email) or the role (name) exists. */
export function isAuth0AlreadyExists(response: ServiceResponse): boolean {
	return response.statusCode === 409;
}

/** A role write that names a role Auth0 no longer has. */
export function isRoleGone(response: ServiceResponse): boolean {
	const message = body(response).message ?? '';
	return (response.statusCode === 404 && /role/i.test(message)) || (response.statusCode === 400 && /roles? do(es)? not exist/i.test(message));
}

function describe(response: ServiceResponse): ProviderFailure {
	const error = body(response);
	if (response.endpoint === 'token') {
		return { message: 'the token request was refused', code: error.error, detail: error.error_description };
	}
	return { message: error.message ?? error.error ?? `HTTP ${response.statusCode}`, code: error.errorCode };
}

function hint(response: ServiceResponse): string | undefined {
	const status = response.statusCode;
	if (response.endpoint === 'token') {
		return 'Check the Domain, Client ID and Client Secret of the Auth0 MFA Target credential, and that the application is authorized for the Management API';
	}
	if (status === 401) return 'Auth0 did not accept a freshly issued token: check the Domain of the credential';
	if (status === 403) {
		return 'Authorize the Machine to Machine application for the scope this operation needs (Applications > APIs > Auth0 Management API; see the Auth0 MFA section of the README)';
	}
	if (status === 404) return 'The object does not exist (any longer) in the Auth0 tenant';
	if (status === 429) return 'Auth0 kept rate limiting the requests after every retry: run the workflow later or on fewer items';
	if (status >= 500) return 'Auth0 answered with a server error after every retry: try again later';
	return undefined;
}

export function auth0ApiError(node: INode, response: ServiceResponse, request: FailedRequest): NodeApiError {
	return providerApiError(node, AUTH0, response, request, describe(response), hint(response));
}
