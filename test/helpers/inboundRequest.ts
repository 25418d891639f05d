import type { InboundRequest } from '../../nodes/IdpEventTrigger/pipeline/request';

export function inbound(
	method: string,
	headers: Record<string, string> = {},
	body?: string,
): InboundRequest {
	const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
	return {
		method,
		headers: lower,
		query: {},
		rawBody: body === undefined ? undefined : Buffer.from(body, 'utf8'),
		contentType: lower['content-type'],
	};
}
