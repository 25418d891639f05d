/** Connection failures worth another attempt: resets, refusals and timeouts. */
export const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * Whether a thrown request error is a lost connection or a timeout (the request may or may not
 * have reached the server), looked for in the error and its causes: n8n wraps the HTTP client's
 * error in a NodeApiError whose `cause` is the original.
 */
export function isNetworkError(error: unknown): boolean {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const { code, message } = current as { code?: unknown; message?: unknown };
		if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
		if (typeof message === 'string' && /socket hang up|timeout of \d+ms exceeded/i.test(message)) return true;
		current = (current as { cause?: unknown }).cause;
	}
	return false;
}
