import { constantTimeEqual } from '../../../shared/security/constantTimeEqual';
import { headerValue, type InboundRequest } from '../../pipeline/request';

export const OKTA_DEFAULT_AUTH_HEADER = 'authorization';

/** Okta sends the configured secret verbatim in one header; there is no signature. */
export function verifyOktaRequest(
	request: InboundRequest,
	expectedSecret: string,
	headerName = OKTA_DEFAULT_AUTH_HEADER,
): { ok: true } | { ok: false; presented: string | undefined } {
	const presented = headerValue(request, headerName);
	return constantTimeEqual(presented, expectedSecret) ? { ok: true } : { ok: false, presented };
}
