import type { IdentityEventType } from '../../../shared/model';

/**
 * Auth0 Log Streams: tenant log types, and Management API operations logged as `sapi`
 * (method and path template, plus the `blocked` flag of a user update), and the normalized event
 * each becomes. Roles are Auth0's group concept. Every key is also the event's `source.eventType`.
 */
export const AUTH0_LOG_EVENT_MAP = {
	ss: 'user.created',
	'sapi POST /api/v2/users': 'user.created',
	'sapi PATCH /api/v2/users/{id}': 'user.updated',
	'sapi PATCH /api/v2/users/{id} blocked=true': 'user.suspended',
	'sapi PATCH /api/v2/users/{id} blocked=false': 'user.reactivated',
	sdu: 'user.deleted',
	'sapi DELETE /api/v2/users/{id}': 'user.deleted',
	gd_unenroll: 'user.mfa_reset',
	'sapi DELETE /api/v2/users/{id}/authenticators': 'user.mfa_reset',
	'sapi DELETE /api/v2/users/{id}/authentication-methods': 'user.mfa_reset',
	'sapi DELETE /api/v2/users/{id}/authentication-methods/{method_id}': 'user.mfa_reset',
	'sapi DELETE /api/v2/users/{id}/multifactor/{provider}': 'user.mfa_reset',
	'sapi POST /api/v2/roles': 'group.created',
	'sapi PATCH /api/v2/roles/{id}': 'group.renamed',
	'sapi DELETE /api/v2/roles/{id}': 'group.deleted',
	'sapi POST /api/v2/users/{id}/roles': 'group.member_added',
	'sapi POST /api/v2/roles/{id}/users': 'group.member_added',
	'sapi DELETE /api/v2/users/{id}/roles': 'group.member_removed',
} as const satisfies Record<string, IdentityEventType>;

/** Auth0 Event Streams CloudEvent types (also accepted with the `com.auth0.` prefix). */
export const AUTH0_EVENT_STREAM_MAP = {
	'user.created': 'user.created',
	'user.updated': 'user.updated',
	'user.updated blocked=true': 'user.suspended',
	'user.updated blocked=false': 'user.reactivated',
	'user.deleted': 'user.deleted',
	'group.created': 'group.created',
	'group.updated': 'group.renamed',
	'group.deleted': 'group.deleted',
	'group.member.added': 'group.member_added',
	'group.member.deleted': 'group.member_removed',
} as const satisfies Record<string, IdentityEventType>;

/** Both channels in one table, the shape `OKTA_EVENT_MAP` has. */
export const AUTH0_EVENT_MAP = { ...AUTH0_LOG_EVENT_MAP, ...AUTH0_EVENT_STREAM_MAP } as const;

export type Auth0LogEventKey = keyof typeof AUTH0_LOG_EVENT_MAP;
export type Auth0EventStreamKey = keyof typeof AUTH0_EVENT_STREAM_MAP;
export type Auth0EventKey = keyof typeof AUTH0_EVENT_MAP;

export const AUTH0_EVENT_NOTES: Partial<Record<Auth0EventKey, string>> = {
	ss: 'signup on a database connection',
	'sapi PATCH /api/v2/users/{id}':
		'profile fields changed; a body that also sets `blocked` gives a second event',
	'sapi PATCH /api/v2/users/{id} blocked=true': 'the user was blocked',
	'sapi PATCH /api/v2/users/{id} blocked=false': 'the user was unblocked',
	gd_unenroll: 'a Guardian MFA device was unenrolled',
	'sapi DELETE /api/v2/users/{id}/authenticators': 'all Guardian factors reset',
	'sapi DELETE /api/v2/users/{id}/authentication-methods': 'all authentication methods deleted',
	'sapi PATCH /api/v2/roles/{id}': 'only when the body sets a new `name`',
	'sapi POST /api/v2/users/{id}/roles': 'one event per role in the body',
	'sapi POST /api/v2/roles/{id}/users': 'one event per user in the body',
	'sapi DELETE /api/v2/users/{id}/roles': 'one event per role in the body',
	'user.updated': 'only when a profile field changed (not on sign-in counters)',
	'user.updated blocked=true': '`blocked` changed from false to true',
	'user.updated blocked=false': '`blocked` changed from true to false',
	'group.updated': 'only when the name changed',
};

/** Log types that report a failed attempt at a mapped change: counted, never emitted. */
export const AUTH0_FAILED_LOG_TYPES: ReadonlySet<string> = new Set(['fs', 'fdu']);
