import type { DirectReply } from '../../pipeline/request';

/**
 * The Security Event Token delivery error codes of RFC 8935 §2.4, and SSF's `invalid_state` for a
 * verification event whose state this receiver did not ask for.
 */
export type SetErrorCode =
	| 'invalid_request'
	| 'invalid_key'
	| 'invalid_issuer'
	| 'invalid_audience'
	| 'authentication_failed'
	| 'access_denied'
	| 'invalid_state';

export interface SetFailure {
	ok: false;
	code: SetErrorCode;
	message: string;
}

export function setFailure(code: SetErrorCode, message: string): SetFailure {
	return { ok: false, code, message };
}

/**
 * RFC 8935 §2.2: a valid SET is acknowledged with 202 and an empty body. §2.3: a SET that cannot be
 * parsed, validated or authenticated gets 400 with `{"err", "description"}` as JSON and a
 * Content-Language header. Other refusals (a delivery too large) keep their HTTP status.
 */
export const ssfReplies = {
	accepted(): DirectReply {
		return { status: 202, contentType: undefined, body: '' };
	},
	refused(refusal: { status: number; message: string; code?: string; unauthorized?: boolean }): DirectReply {
		const err = refusal.unauthorized ? 'authentication_failed' : (refusal.code ?? 'invalid_request');
		return {
			status: refusal.status === 401 || refusal.status === 400 ? 400 : refusal.status,
			contentType: 'application/json',
			body: JSON.stringify({ err, description: refusal.message }),
			headers: { 'Content-Language': 'en' },
		};
	},
};
