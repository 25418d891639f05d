import type { IDataObject, INode, NodeApiError } from 'n8n-workflow';

import {
	providerApiError,
	type FailedRequest,
	type ProviderFailure,
} from '../../shared/http/apiError';
import type { ServiceResponse } from '../../shared/http/serviceResponse';

/** PingOne's error body (`P1Error`, pingone-go-sdk-v2 management/api/openapi.yaml). */
export interface PingOneErrorBody {
	id?: string;
	code?: string;
	message?: string;
	details?: Array<{ code?: string; target?: string; message?: string }>;
}

export const PINGONE = 'PingOne';

function asBody(body: unknown): PingOneErrorBody & IDataObject {
	return (typeof body === 'object' && body !== null ? body : {}) as PingOneErrorBody & IDataObject;
}

/** Whether a failed create says the object exists already: 409, or 400 naming a uniqueness violation. */
export function isPingOneAlreadyExists(response: ServiceResponse): boolean {
	if (response.statusCode === 409) return true;
	const details = asBody(response.body).details;
	return (
		response.statusCode === 400 &&
		Array.isArray(details) &&
		details.some((detail) => detail?.code === 'UNIQUENESS_VIOLATION')
	);
}

function describe(response: ServiceResponse): ProviderFailure {
	const body = asBody(response.body);
	if (response.endpoint === 'token') {
		const text = [body.error, body.error_description].filter((part) => typeof part === 'string');
		return {
			message: 'the token request was refused',
			code: typeof body.error === 'string' ? body.error : undefined,
			detail: text.length > 1 ? String(text[1]) : undefined,
		};
	}
	const first = Array.isArray(body.details) ? body.details[0] : undefined;
	const detail = first
		? [first.code, first.target && `target ${first.target}`, first.message]
				.filter(Boolean)
				.join(', ')
		: undefined;
	return {
		message: body.message ?? `HTTP ${response.statusCode}`,
		code: body.code,
		detail: detail || undefined,
	};
}

function hint(response: ServiceResponse): string | undefined {
	const status = response.statusCode;
	if (response.endpoint === 'token' && (status === 400 || status === 401)) {
		return 'Check the Environment ID, region, Client ID, Client Secret and token authentication method of the PingOne MFA API credential against the worker application';
	}
	if (status === 401) {
		return 'PingOne did not accept a freshly issued access token: check that the worker application is enabled and lives in this environment';
	}
	if (status === 403) {
		return 'Give the worker application a role that allows this operation in the environment, e.g. Identity Data Admin';
	}
	if (status === 404) return 'The object does not exist (any longer) in the PingOne environment';
	if (status === 429) {
		return 'PingOne kept rate limiting the requests after every retry: run the workflow later or on fewer items';
	}
	if (status >= 500)
		return 'PingOne answered with a server error after every retry: try again later';
	return undefined;
}

export function pingOneApiError(
	node: INode,
	response: ServiceResponse,
	request: FailedRequest,
): NodeApiError {
	return providerApiError(node, PINGONE, response, request, describe(response), hint(response));
}
