import { formatZodIssues } from '../../../shared/model';
import { refuseDeepJson } from '../../pipeline/jsonBody';
import type { InboundRequest, ParseResult } from '../../pipeline/request';
import { setFailure, type SetFailure } from './ssf.errors';
import { SSF_STREAM_UPDATED, SSF_VERIFICATION, isSsfEventKey, ssfEventKey } from './ssf.eventMap';
import { decodeCompactJws, verifyJwsSignature, type VerificationKey } from './ssf.jws';
import { SetClaimsSchema, type SetClaims, type SsfDelivery } from './ssf.wire';

/** What the receiver knows before it reads a SET: whose keys, which issuer and audience, when. */
export interface SsfPrepared {
	issuer: string;
	/** The audience values that name this receiver; a SET must carry one of them. */
	audiences: readonly string[];
	/** Why `audiences` is empty, for the description of the refusal. */
	noAudienceReason?: string;
	keys: readonly VerificationKey[];
	criticalSubjectMembers: readonly string[];
	now: number;
	/** How old `iat` may be. */
	maxAgeMs: number;
	/** How far in the future `iat` may be (clock skew). */
	futureSkewMs: number;
	/** Whether a verification event's `state` is one this receiver asked for; undefined: any state. */
	isOwnState?: (state: string) => boolean;
}

export const FUTURE_SKEW_MS = 5 * 60_000;

const CHANGE_TYPES = ['create', 'revoke', 'update', 'delete'];

function explicitlyTyped(typ: unknown): boolean {
	return typeof typ === 'string' && /^(application\/)?secevent\+jwt$/i.test(typ.trim());
}

function iso(epochSeconds: number): string {
	const date = new Date(epochSeconds * 1000);
	return Number.isNaN(date.getTime()) ? String(epochSeconds) : date.toISOString();
}

/** The event the receiver acts on: the first it understands; the others can only be alternative URIs of it. */
function chooseEvent(events: SetClaims['events']): [string, Record<string, unknown>] | undefined {
	const entries = Object.entries(events);
	const known = entries.find(([uri]) => {
		const key = ssfEventKey(uri);
		return key !== undefined && (isSsfEventKey(key) || key === SSF_VERIFICATION || key === SSF_STREAM_UPDATED);
	});
	return known ?? entries[0];
}

/** CAEP 1.0 and RISC 1.0 required members of the events the receiver maps (RFC 8935 `invalid_request` otherwise). */
function eventConforms(uri: string, event: Record<string, unknown>): string | undefined {
	const key = ssfEventKey(uri);
	const isText = (value: unknown) => typeof value === 'string' && value !== '';
	if (key === 'caep/credential-change') {
		if (!isText(event.credential_type)) return 'credential-change has no credential_type';
		if (!CHANGE_TYPES.includes(String(event.change_type))) {
			return `credential-change has change_type ${JSON.stringify(event.change_type)}, not one of ${CHANGE_TYPES.join(', ')}`;
		}
	}
	if (key === 'risc/credential-compromise' && !isText(event.credential_type)) {
		return 'credential-compromise has no credential_type';
	}
	if (key === SSF_VERIFICATION && event.state !== undefined && typeof event.state !== 'string') {
		return 'the state of the verification event is not a string';
	}
	if (key === SSF_STREAM_UPDATED && !isText(event.status)) return 'stream-updated has no status';
	return undefined;
}

function checkClaims(claims: SetClaims, prepared: SsfPrepared): SetFailure | undefined {
	if ('sub' in claims) return setFailure('invalid_request', 'The SET has a sub claim, which SSF SETs must not have');
	if ('exp' in claims) return setFailure('invalid_request', 'The SET has an exp claim, which SSF SETs must not have');
	if (claims.iss !== prepared.issuer) {
		return setFailure('invalid_issuer', `The SET was issued by ${JSON.stringify(claims.iss)}, not by the transmitter ${JSON.stringify(prepared.issuer)}`);
	}
	const audiences = claims.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];
	if (prepared.audiences.length === 0) {
		return setFailure('invalid_audience', `This receiver knows no audience to expect: ${prepared.noAudienceReason ?? 'set the Audience of the credential'}`);
	}
	if (!audiences.some((aud) => prepared.audiences.includes(aud))) {
		return setFailure('invalid_audience', audiences.length === 0 ? 'The SET has no aud claim' : `The SET is addressed to ${JSON.stringify(claims.aud)}, not to this receiver`);
	}
	const ageMs = prepared.now - claims.iat * 1000;
	if (ageMs < -prepared.futureSkewMs) {
		return setFailure('invalid_request', `The SET was issued at ${iso(claims.iat)}, in the future (clocks may differ by at most ${prepared.futureSkewMs / 60_000} minutes)`);
	}
	if (ageMs > prepared.maxAgeMs) {
		return setFailure('invalid_request', `The SET was issued at ${iso(claims.iat)}, more than ${Math.round(prepared.maxAgeMs / 60_000)} minutes ago: older than the Duplicate Window, so a replay could not be told apart`);
	}
	if (Object.keys(claims.events).length === 0) return setFailure('invalid_request', 'The events claim of the SET is empty');
	return undefined;
}

/**
 * Reads a pushed SET (RFC 8935 §2) from the raw body: a compact JWS, explicitly typed
 * `secevent+jwt`, signed by a key of the transmitter's JWKS, issued by the transmitter, addressed to
 * this receiver, recent, and carrying an event. Each failure names its RFC 8935 error code.
 */
export function parseSet(request: InboundRequest, prepared: unknown): ParseResult<SsfDelivery> {
	const context = prepared as SsfPrepared | undefined;
	if (!context) return setFailure('invalid_request', 'The receiver is not ready to read SETs');
	const decoded = decodeCompactJws(request.rawBody?.toString('utf8') ?? '');
	if (!decoded.ok) return decoded;
	const { header } = decoded.value;
	if (!explicitlyTyped(header.typ)) {
		return setFailure('invalid_request', `The SET header has typ ${JSON.stringify(header.typ ?? null)}; SSF SETs are explicitly typed secevent+jwt`);
	}
	const signed = verifyJwsSignature(decoded.value, context.keys);
	if (!signed.ok) return signed;

	const tooDeep = refuseDeepJson(decoded.value.payloadText);
	if (tooDeep) return setFailure('invalid_request', tooDeep.message.replace('request body', 'SET payload'));
	let payload: unknown;
	try {
		payload = JSON.parse(decoded.value.payloadText);
	} catch (error) {
		return setFailure('invalid_request', `The SET payload is not valid JSON (${(error as Error).message})`);
	}
	const parsed = SetClaimsSchema.safeParse(payload);
	if (!parsed.success) return setFailure('invalid_request', `The SET payload is not a SET: ${formatZodIssues(parsed.error)}`);
	const claims = parsed.data;
	const refused = checkClaims(claims, context);
	if (refused) return refused;

	const [eventUri, event] = chooseEvent(claims.events) as [string, Record<string, unknown>];
	const nonconforming = eventConforms(eventUri, event);
	if (nonconforming) return setFailure('invalid_request', `The event does not conform to its definition: ${nonconforming}`);
	const delivery: SsfDelivery = { claims, eventUri, event, criticalSubjectMembers: context.criticalSubjectMembers };
	if (ssfEventKey(eventUri) === SSF_VERIFICATION) {
		const state = event.state as string | undefined;
		if (state !== undefined && context.isOwnState && !context.isOwnState(state)) {
			return setFailure('invalid_state', 'The verification event carries a state this receiver did not ask for');
		}
		delivery.verificationState = state;
	}
	return { ok: true, value: delivery };
}
