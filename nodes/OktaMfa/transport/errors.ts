import type { INode, NodeApiError } from 'n8n-workflow';

import { providerApiError, type FailedRequest, type ProviderFailure } from '../../shared/http/apiError';
import type { ServiceResponse } from '../../shared/http/serviceResponse';

/** Okta's error body (`ModelError`). */
export interface OktaErrorBody {
	errorCode?: string;
	errorSummary?: string;
	errorCauses?: Array<{ errorSummary?: string }>;
}

export const OKTA = 'Okta';

function body(response: ServiceResponse): OktaErrorBody {
	return (typeof response.body === 'object' && response.body !== null ? response.body : {}) as OktaErrorBody;
}

const causes = (response: ServiceResponse) =>
	(body(response).errorCauses ?? []).map((cause) => cause?.errorSummary ?? '').filter(Boolean);

/** A create refused because the login (users) or name (groups) is taken. */
export function isOktaAlreadyExists(response: ServiceResponse): boolean {
	return response.statusCode === 400 && causes(response).some((cause) => /already exists/i.test(cause));
}

/** A 404 that says the group, not the user, does not exist. */
export function isOktaGroupNotFound(response: ServiceResponse): boolean {
	return response.statusCode === 404 && /\((User)?Group\)/.test(body(response).errorSummary ?? '');
}

function describe(response: ServiceResponse): ProviderFailure {
	const error = body(response);
	const [cause] = causes(response);
	return { message: error.errorSummary ?? `HTTP ${response.statusCode}`, code: error.errorCode, detail: cause };
}

function hint(response: ServiceResponse): string | undefined {
	const status = response.statusCode;
	if (status === 400 && causes(response).some((cause) => /not defined in the schema/i.test(cause))) {
		return 'Add the attribute to the Okta user profile (Directory > Profile Editor > User (default) > Add Attribute), or pick another "IdP User ID Attribute" in the node options';
	}
	if (status === 401) return 'Check the Org URL and API token of the Okta MFA Target API credential';
	if (status === 403) {
		return "The API token's admin lacks the permission for this operation: see the Okta MFA section of the README for the roles it needs";
	}
	if (status === 404) return 'The object does not exist (any longer) in the Okta org';
	if (status === 429) return 'Okta kept rate limiting the requests after every retry: run the workflow later or on fewer items';
	if (status >= 500) return 'Okta answered with a server error after every retry: try again later';
	return undefined;
}

export function oktaApiError(node: INode, response: ServiceResponse, request: FailedRequest): NodeApiError {
	return providerApiError(node, OKTA, response, request, describe(response), hint(response));
}
