import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

/** Duo's failure envelope. */
export interface DuoFailure {
	stat: 'FAIL';
	code?: number;
	message?: string;
	message_detail?: string;
}

const HINTS: Array<{ match: (code: number, status: number) => boolean; hint: string }> = [
	{
		match: (code, status) => status === 401 || (code >= 40100 && code < 40200),
		hint: 'Check the Integration Key, Secret Key and API Hostname of the Duo Security Admin API credential, and that the clock of the n8n host is correct',
	},
	{
		match: (code, status) => status === 403 || (code >= 40300 && code < 40400),
		hint: 'Give the Admin API application the permissions this operation needs in the Duo Admin Panel: Grant read resource and Grant write resource',
	},
	{
		match: (code, status) => status === 404,
		hint: 'The object no longer exists in Duo',
	},
	{
		match: (code, status) => status === 429,
		hint: 'Duo kept rate limiting the requests after every retry: run the workflow later or on fewer items',
	},
	{
		match: (code, status) => status >= 500,
		hint: 'Duo answered with a server-side status after every retry: try again later',
	},
];

export function isDuoFailure(body: unknown): body is DuoFailure {
	return typeof body === 'object' && body !== null && (body as DuoFailure).stat === 'FAIL';
}

/** Turns a Duo failure response into a NodeApiError that carries Duo's code and message. */
export function duoApiError(
	node: INode,
	response: { statusCode: number; body: unknown },
	request: { method: string; path: string },
	attempts = 1,
): NodeApiError {
	const failure: DuoFailure = isDuoFailure(response.body)
		? response.body
		: { stat: 'FAIL', message: `HTTP ${response.statusCode}` };
	const code = typeof failure.code === 'number' ? failure.code : 0;
	const detail = failure.message_detail ? ` (${failure.message_detail})` : '';
	const codeText = code ? ` [code ${code}]` : '';
	const hint = HINTS.find((entry) => entry.match(code, response.statusCode))?.hint;
	const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
	return new NodeApiError(node, failure as unknown as JsonObject, {
		httpCode: String(response.statusCode),
		message: `Duo: ${failure.message ?? 'request refused'}${detail}${codeText}`,
		description: `${request.method} ${request.path} returned HTTP ${response.statusCode}${tries}.${hint ? ` ${hint}.` : ''}`,
	});
}

/** n8n replaces messages that name these codes with its own text, so they are put in words. */
const NETWORK_WORDS: Record<string, string> = {
	ECONNRESET: 'connection reset',
	ECONNREFUSED: 'connection refused',
	ECONNABORTED: 'timed out',
	ETIMEDOUT: 'timed out',
	ESOCKETTIMEDOUT: 'timed out',
	EAI_AGAIN: 'host name not resolved',
	ENETUNREACH: 'network unreachable',
	EHOSTUNREACH: 'host unreachable',
};

/** A request that lost its connection or timed out on every attempt. */
export function duoNetworkError(
	node: INode,
	error: unknown,
	request: { method: string; path: string },
	attempts: number,
): NodeApiError {
	const code = (error as { cause?: { code?: string } }).cause?.code ?? '';
	const how = NETWORK_WORDS[code] ?? 'no answer';
	return new NodeApiError(node, { reason: how } as JsonObject, {
		message: `Duo did not answer (${how})`,
		description: `${request.method} ${request.path} got no answer after ${attempts} attempts: the connection was lost or timed out. Check that the n8n host reaches the Duo API hostname, then run the item again: writes that took effect are recognized.`,
	});
}
