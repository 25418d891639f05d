import type { INode, NodeApiError } from 'n8n-workflow';

import { providerApiError, type FailedRequest, type ProviderFailure } from '../../shared/http/apiError';
import type { ServiceResponse } from '../../shared/http/serviceResponse';

export const ENTRA = 'Microsoft Entra ID';

/** Graph's error body, or the token endpoint's. */
interface GraphErrorBody {
	error?: { code?: string; message?: string } | string;
	error_description?: string;
}

function graphError(response: ServiceResponse): { code?: string; message?: string } {
	const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as GraphErrorBody;
	if (typeof body.error === 'object' && body.error) return body.error;
	return {
		code: typeof body.error === 'string' ? body.error : undefined,
		message: body.error_description?.split('\r\n')[0],
	};
}

const says = (response: ServiceResponse, pattern: RegExp) => pattern.test(graphError(response).message ?? '');

/** A create refused because the userPrincipalName is taken. */
export function isEntraAlreadyExists(response: ServiceResponse): boolean {
	return response.statusCode === 400 && says(response, /already exists/i);
}

/** Adding a member that is one already. */
export function isAlreadyMember(response: ServiceResponse): boolean {
	return response.statusCode === 400 && says(response, /references already exist/i);
}

/** A 404 that names this object (the group of a membership write, not the user). */
export function isNotFoundOf(id: string): (response: ServiceResponse) => boolean {
	return (response) => response.statusCode === 404 && (graphError(response).message ?? '').includes(id);
}

/** Entra refuses to delete the user's default MFA method while other methods remain. */
export function isDefaultMethodRefusal(response: ServiceResponse): boolean {
	return response.statusCode === 400 && says(response, /default method/i);
}

function describe(response: ServiceResponse): ProviderFailure {
	const error = graphError(response);
	if (response.endpoint === 'token') {
		return { message: 'the token request was refused', code: error.code, detail: error.message };
	}
	return { message: error.message ?? `HTTP ${response.statusCode}`, code: error.code };
}

function hint(response: ServiceResponse): string | undefined {
	const status = response.statusCode;
	if (response.endpoint === 'token') {
		return 'Check the Tenant ID, Client ID and Client Secret (its value, not its ID) of the Microsoft Entra ID MFA Target credential';
	}
	if (status === 401) return 'Microsoft Graph did not accept a freshly issued token: check the Graph and Login base URLs of the credential';
	if (status === 403) {
		return 'Grant the app registration the application permissions this operation needs, with admin consent (see the Entra MFA section of the README); resetting methods of administrators also needs a Privileged Authentication Administrator role';
	}
	if (status === 404) return 'The object does not exist (any longer) in the tenant';
	if (status === 429) return 'Microsoft Graph kept throttling the requests after every retry: run the workflow later or on fewer items';
	if (status >= 500) return 'Microsoft Graph answered with a server error after every retry: try again later';
	return undefined;
}

export function entraApiError(node: INode, response: ServiceResponse, request: FailedRequest): NodeApiError {
	return providerApiError(node, ENTRA, response, request, describe(response), hint(response));
}
