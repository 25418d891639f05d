import { constantTimeEqual } from '../../../shared/security/constantTimeEqual';
import { headerValue, type InboundRequest } from '../../pipeline/request';

/**
 * Auth0 sends a configured value verbatim in the Authorization header: Log Streams send the
 * stream's `httpAuthorization` as is, Event Streams send `Bearer <token>`. The secret matches
 * either form; both comparisons always run, in constant time.
 */
export function verifyAuth0Request(
	request: InboundRequest,
	secret: string,
): { ok: true } | { ok: false; presented: string | undefined } {
	const presented = headerValue(request, 'authorization');
	const verbatim = constantTimeEqual(presented, secret);
	const bearer = constantTimeEqual(presented, `Bearer ${secret}`);
	return secret !== '' && (verbatim || bearer) ? { ok: true } : { ok: false, presented };
}
