import { constantTimeEqual } from '../../../shared/security/constantTimeEqual';
import { headerValue, type InboundRequest } from '../../pipeline/request';

/** The `authorization_header` this receiver registers with a stream for a secret. */
export function authorizationHeaderFor(secret: string): string {
	return `Bearer ${secret}`;
}

/**
 * SSF's `authorization_header` arrives unchanged as the `Authorization` header of every push. The
 * secret matches as the whole header or as a bearer token; both comparisons run in constant time.
 */
export function verifySsfAuthorization(
	request: InboundRequest,
	secret: string,
): { ok: true } | { ok: false; presented: string | undefined } {
	const presented = headerValue(request, 'authorization');
	const whole = constantTimeEqual(presented, secret);
	const bearer = constantTimeEqual(presented, authorizationHeaderFor(secret));
	return whole || bearer ? { ok: true } : { ok: false, presented };
}
