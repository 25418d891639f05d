import { headerValue, jsonReply, type DirectReply, type InboundRequest } from '../../pipeline/request';

export const OKTA_CHALLENGE_HEADER = 'x-okta-verification-challenge';

/** Answers Okta's one-time verification GET: `{"verification": <challenge>}`. */
export function answerOktaHandshake(request: InboundRequest): DirectReply | undefined {
	if (request.method.toUpperCase() !== 'GET') return undefined;
	const challenge = headerValue(request, OKTA_CHALLENGE_HEADER);
	if (!challenge) {
		return jsonReply(400, {
			message: `Okta verification requests carry the ${OKTA_CHALLENGE_HEADER} header; this request has none`,
		});
	}
	return jsonReply(200, { verification: challenge });
}
