import { NETWORK_CODES } from './networkError';

/** What a service answered: status, headers with lower-case names, and the parsed body. */
export interface ServiceResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
	/** Set when the answer came from the token endpoint rather than the API. */
	endpoint?: 'token';
}

export type ThrownFailure =
	| { kind: 'response'; response: ServiceResponse }
	| { kind: 'network'; code: string };

interface CarriesResponse {
	serviceResponse?: ServiceResponse;
	response?: { status?: unknown; headers?: unknown; data?: unknown };
	code?: unknown;
	cause?: unknown;
}

/**
 * An error a credential's preAuthentication throws when the token endpoint answered with a failure,
 * so that the transport can read the status like any other response. It deliberately has no
 * `response` property: n8n re-runs preAuthentication on any error whose `response.status` is 401.
 */
export function tokenEndpointError(message: string, response: ServiceResponse): Error {
	return Object.assign(new Error(message), {
		serviceResponse: { ...response, endpoint: 'token' as const },
	});
}

/** Header names lower-cased, from a plain object or an axios headers instance. */
export function lowerCaseKeys(headers: unknown): Record<string, unknown> {
	if (typeof headers !== 'object' || headers === null) return {};
	const source =
		typeof (headers as { toJSON?: unknown }).toJSON === 'function'
			? (headers as { toJSON(): Record<string, unknown> }).toJSON()
			: (headers as Record<string, unknown>);
	return Object.fromEntries(
		Object.entries(source).map(([key, value]) => [key.toLowerCase(), value]),
	);
}

/**
 * Reads what went wrong from an error `httpRequestWithAuthentication` threw: an HTTP answer (an
 * axios error, or a token endpoint failure) or a network failure, looking through the `cause`
 * chain n8n wraps them in. Undefined for anything else (cancellation, bad configuration).
 */
export function thrownFailure(error: unknown): ThrownFailure | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
		const candidate = current as CarriesResponse;
		if (candidate.serviceResponse) return { kind: 'response', response: candidate.serviceResponse };
		const status = Number(candidate.response?.status);
		if (candidate.response && Number.isInteger(status) && status > 0) {
			return {
				kind: 'response',
				response: {
					statusCode: status,
					headers: lowerCaseKeys(candidate.response.headers),
					body: candidate.response.data,
				},
			};
		}
		if (typeof candidate.code === 'string' && NETWORK_CODES.has(candidate.code)) {
			return { kind: 'network', code: candidate.code };
		}
		current = candidate.cause;
	}
	return undefined;
}
