import { z } from 'zod';

/** A Subject Identifier (RFC 9493): a `format` and the members that format defines, kept as sent. */
export const SubjectIdentifierSchema = z.record(z.unknown());

/** One event of the `events` claim: its payload object (RFC 8417 §2.2). */
const EventPayloadSchema = z.record(z.unknown());

/**
 * The claims of a SET as SSF profiles them (RFC 8417 §2.2, SSF 1.0 §4.1): `iss`, `iat` and `jti`
 * required, `aud` a string or array, `events` an object of event payloads. Lenient about everything
 * else: receivers must ignore members they do not understand.
 */
export const SetClaimsSchema = z
	.object({
		iss: z.string().min(1),
		iat: z.number().finite(),
		jti: z.string().min(1),
		aud: z.union([z.string(), z.array(z.string())]).optional(),
		txn: z.string().optional(),
		toe: z.number().finite().optional(),
		sub_id: SubjectIdentifierSchema.optional(),
		events: z.record(EventPayloadSchema),
	})
	.passthrough();

export type SetClaims = z.infer<typeof SetClaimsSchema>;
export type SubjectIdentifier = z.infer<typeof SubjectIdentifierSchema>;

/** A verified SET, as the adapter hands it on. */
export interface SsfDelivery {
	claims: SetClaims;
	/** The key of the first event the receiver understands, or of the first event. */
	eventUri: string;
	event: Record<string, unknown>;
	/** Complex-subject members the transmitter marks critical (its configuration metadata). */
	criticalSubjectMembers: readonly string[];
	/** Set when this is a verification event: its `state`, if any. */
	verificationState?: string;
}
