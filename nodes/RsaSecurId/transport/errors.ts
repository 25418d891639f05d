import type { IDataObject, INode, NodeApiError } from 'n8n-workflow';

import {
	providerApiError,
	type FailedRequest,
	type ProviderFailure,
} from '../../shared/http/apiError';
import type { ServiceResponse } from '../../shared/http/serviceResponse';

export const RSA = 'RSA SecurID';

/**
 * RSA's failure bodies: `{code: "404 NOT_FOUND", description}` from the API, and Spring's
 * `{timestamp, status, error, message, path}` when the token is refused (examples in the pydplus
 * SDK, examples/responses).
 */
function describe(response: ServiceResponse): ProviderFailure {
	const body = (
		typeof response.body === 'object' && response.body !== null ? response.body : {}
	) as IDataObject;
	const text = [body.description, body.message, body.error].find(
		(value) => typeof value === 'string',
	);
	return {
		message: typeof text === 'string' ? text : `HTTP ${response.statusCode}`,
		code:
			typeof body.code === 'string'
				? body.code
				: typeof body.error === 'string'
					? body.error
					: undefined,
	};
}

function hint(statusCode: number): string | undefined {
	if (statusCode === 401 || statusCode === 403) {
		return 'RSA refused the signed token or its role: check the Access ID, Access Key and Admin REST API URL of the RSA SecurID credential, the clock of the n8n host, and that the key has the Super Admin role for deletions';
	}
	if (statusCode === 404) return 'The user or device does not exist (any longer) in RSA SecurID';
	if (statusCode === 405) {
		return "The user's identity source does not allow this operation (SCIM-managed or Microsoft Entra ID sources)";
	}
	if (statusCode === 409) {
		return "The user's state does not allow this: a user must be disabled before it is marked deleted or deleted, and may not be pending deletion";
	}
	if (statusCode === 415) return 'The request body must be JSON';
	if (statusCode === 429) {
		return 'RSA kept rate limiting the requests after every retry: run the workflow later or on fewer items';
	}
	if (statusCode >= 500)
		return 'RSA answered with a server error after every retry: try again later';
	return undefined;
}

export function rsaApiError(
	node: INode,
	response: ServiceResponse,
	request: FailedRequest,
): NodeApiError {
	return providerApiError(
		node,
		RSA,
		response,
		request,
		describe(response),
		hint(response.statusCode),
	);
}
