/**
 * The normalized identity-event vocabulary. Every other list of event types (the zod union,
 * the trigger's "Trigger On" options, the README table) is derived from this one.
 */
export const IDENTITY_EVENT_CATALOGUE = [
	{
		type: 'user.created',
		subject: 'user',
		name: 'User Created',
		description: 'A user was created in the identity provider',
	},
	{
		type: 'user.updated',
		subject: 'user',
		name: 'User Updated',
		description: "A user's profile changed (name, login, email or any attribute)",
	},
	{
		type: 'user.suspended',
		subject: 'user',
		name: 'User Suspended',
		description: 'A user was suspended or blocked and can no longer sign in, reversibly',
	},
	{
		type: 'user.reactivated',
		subject: 'user',
		name: 'User Reactivated',
		description: 'A suspended, blocked or deactivated user can sign in again',
	},
	{
		type: 'user.deactivated',
		subject: 'user',
		name: 'User Deactivated',
		description: 'A user was deactivated (deprovisioned) but still exists in the identity provider',
	},
	{
		type: 'user.deleted',
		subject: 'user',
		name: 'User Deleted',
		description: 'A user was deleted from the identity provider',
	},
	{
		type: 'user.mfa_reset',
		subject: 'mfa',
		name: 'User MFA Reset',
		description: "Some or all of a user's MFA factors were reset or unenrolled by an admin",
	},
	{
		type: 'group.created',
		subject: 'group',
		name: 'Group Created',
		description: 'A group (or role, in Auth0) was created',
	},
	{
		type: 'group.renamed',
		subject: 'group',
		name: 'Group Renamed',
		description: 'A group was renamed',
	},
	{
		type: 'group.deleted',
		subject: 'group',
		name: 'Group Deleted',
		description: 'A group was deleted',
	},
	{
		type: 'group.member_added',
		subject: 'membership',
		name: 'Group Member Added',
		description: 'A user was added to a group',
	},
	{
		type: 'group.member_removed',
		subject: 'membership',
		name: 'Group Member Removed',
		description: 'A user was removed from a group',
	},
	{
		type: 'sync.events_missed',
		subject: 'system',
		name: 'Events Missed',
		description:
			'The identity provider reports that change notifications were lost or the subscription lapsed; run a reconcile',
	},
] as const;

export type IdentityEventCatalogueEntry = (typeof IDENTITY_EVENT_CATALOGUE)[number];
export type IdentityEventType = IdentityEventCatalogueEntry['type'];
export type IdentityEventSubject = IdentityEventCatalogueEntry['subject'];

export const IDENTITY_EVENT_TYPES = IDENTITY_EVENT_CATALOGUE.map((entry) => entry.type) as [
	IdentityEventType,
	...IdentityEventType[],
];

export const IDENTITY_PROVIDERS = ['okta', 'auth0', 'entra', 'ssf'] as const;
export type IdentityProviderId = (typeof IDENTITY_PROVIDERS)[number];

export const USER_STATUSES = [
	'active',
	'pending',
	'locked',
	'suspended',
	'deprovisioned',
	'deleted',
	'unknown',
] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const IDENTITY_EVENT_SCHEMA_VERSION = 1 as const;
