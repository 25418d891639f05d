import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

import type { ServiceResponse } from './serviceResponse';

/** What a provider's failure body says, in its own terms. */
export interface ProviderFailure {
	message: string;
	code?: string;
	/** One line of detail, e.g. the field that failed validation. */
	detail?: string;
}

export interface FailedRequest {
	method: string;
	/** The path as the caller named it, without host or query. */
	path: string;
	attempts: number;
}

function tries(attempts: number): string {
	return attempts > 1 ? ` after ${attempts} attempts` : '';
}

function asJson(body: unknown): JsonObject {
	return typeof body === 'object' && body !== null && !Array.isArray(body)
		? (body as JsonObject)
		: { body: body === undefined ? null : String(body).slice(0, 500) };
}

/** A failed response as a NodeApiError carrying the provider's code and message and a hint. */
export function providerApiError(
	node: INode,
	provider: string,
	response: ServiceResponse,
	request: FailedRequest,
	failure: ProviderFailure,
	hint?: string,
): NodeApiError {
	const code = failure.code ? ` [${failure.code}]` : '';
	const detail = failure.detail ? ` (${failure.detail})` : '';
	const where = response.endpoint === 'token' ? 'The token request for ' : '';
	return new NodeApiError(node, asJson(response.body), {
		httpCode: String(response.statusCode),
		message: `${provider}: ${failure.message}${detail}${code}`,
		description: `${where}${request.method} ${request.path} returned HTTP ${response.statusCode}${tries(request.attempts)}.${hint ? ` ${hint}.` : ''}`,
	});
}

/**
 * A request that never got an answer (reset, refused or timed out) on every attempt. The network
 * code stays out of the message: n8n would swap such a message for its own generic text.
 */
export function unreachableError(
	node: INode,
	provider: string,
	code: string,
	request: FailedRequest,
): NodeApiError {
	return new NodeApiError(
		node,
		{ networkError: code },
		{
			message: `${provider} could not be reached`,
			description: `${request.method} ${request.path} got no answer (${code})${tries(request.attempts)}. Check the base URL of the credential and the network path from n8n, or try again later.`,
		},
	);
}
