import { jsonReply, type DirectReply, type InboundRequest } from '../../pipeline/request';

/** SSF has no handshake: a GET on the push endpoint is answered 405 and starts nothing. */
export function answerSsfGet(request: InboundRequest): DirectReply | undefined {
	if (request.method.toUpperCase() !== 'GET') return undefined;
	return jsonReply(405, {
		message: 'Shared Signals transmitters push Security Event Tokens with POST (RFC 8935); there is nothing to GET here',
	});
}
