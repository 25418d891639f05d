import {
	IDENTITY_EVENT_SCHEMA_VERSION,
	type Actor,
	type GroupEvent,
	type IdentityEvent,
	type IdentityUser,
	type MembershipEvent,
	type MfaResetEvent,
	type UserEvent,
} from '../../../shared/model';

/** The keys of a map whose value is one of the types in `T`. */
export type KeysMappingTo<M, T> = { [K in keyof M]: M[K] extends T ? K : never }[keyof M];

export type UserEventType = UserEvent['type'];
export type MfaEventType = MfaResetEvent['type'];
export type GroupEventType = GroupEvent['type'];
export type MembershipEventType = MembershipEvent['type'];

/** What one log line or CloudEvent became. */
export type ItemOutcome = { events: IdentityEvent[] } | { ignored: string } | { failed: true };

export function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

export function record(value: unknown): Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};
}

export interface Auth0Envelope {
	id: string;
	occurredAt: string;
	tenant: string;
	eventType: string;
	actor?: Actor;
	raw?: unknown;
	includeRaw: boolean;
}

export function envelope(input: Auth0Envelope) {
	return {
		schemaVersion: IDENTITY_EVENT_SCHEMA_VERSION,
		id: input.id,
		occurredAt: input.occurredAt,
		source: {
			idp: 'auth0' as const,
			tenant: input.tenant,
			eventType: input.eventType,
			eventIds: [input.id],
		},
		...(input.actor ? { actor: input.actor } : {}),
		...(input.includeRaw ? { raw: input.raw } : {}),
	};
}

/** An Auth0 user object (Management API or Event Streams) as a normalized user. */
export function identityUserFromAuth0(
	user: Record<string, unknown>,
	fallbackId?: string,
): IdentityUser {
	const blocked = user.blocked;
	const email = text(user.email);
	return compact({
		id: text(user.user_id) ?? fallbackId ?? '',
		login: text(user.username) ?? email,
		email,
		givenName: text(user.given_name),
		familyName: text(user.family_name),
		displayName: text(user.name),
		status:
			blocked === true
				? ('suspended' as const)
				: blocked === false
					? ('active' as const)
					: undefined,
		attributes: {},
	});
}

/** A user known only by id (and maybe a login), e.g. from a log line. */
export function userRef(id: string, login?: string): IdentityUser {
	return compact({
		id,
		login,
		email: login?.includes('@') ? login : undefined,
		attributes: {},
	});
}

/** Drops undefined members so events compare and serialize cleanly. */
export function compact<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
