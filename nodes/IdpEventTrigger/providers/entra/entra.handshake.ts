import type { DirectReply, InboundRequest } from '../../pipeline/request';

/**
 * Answers Microsoft Graph's subscription validation: a POST (to the notification and to the
 * lifecycle URL) with a `validationToken` query parameter, to be echoed URL-decoded as text/plain
 * within 10 seconds. The token is opaque and only ever returned as plain text.
 */
export function answerGraphHandshake(request: InboundRequest): DirectReply | undefined {
	const token = request.query.validationToken;
	const value = Array.isArray(token) ? token[0] : token;
	if (typeof value !== 'string') return undefined;
	return { status: 200, contentType: 'text/plain', body: value };
}
