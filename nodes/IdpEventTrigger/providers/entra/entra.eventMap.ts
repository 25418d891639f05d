import type { IdentityEventType } from '../../../shared/model';

/**
 * Microsoft Graph change notifications (resource and change type) and what each becomes. Graph
 * reports creation and soft deletion of users and groups as `updated`, so the trigger tells them
 * apart after acknowledging the delivery, by fetching the object; the suffix names the finding.
 * Every key is also the event's `source.eventType`.
 */
export const ENTRA_EVENT_MAP = {
	'users:updated:created': 'user.created',
	'users:updated': 'user.updated',
	'users:updated:disabled': 'user.suspended',
	'users:updated:enabled': 'user.reactivated',
	'users:updated:gone': 'user.deleted',
	'users:deleted': 'user.deleted',
	'groups:updated:created': 'group.created',
	'groups:updated:renamed': 'group.renamed',
	'groups:updated:gone': 'group.deleted',
	'groups:deleted': 'group.deleted',
	'groups:updated:member_added': 'group.member_added',
	'groups:updated:member_removed': 'group.member_removed',
	'lifecycle:missed': 'sync.events_missed',
	'lifecycle:subscriptionRemoved': 'sync.events_missed',
} as const satisfies Record<string, IdentityEventType>;

export type EntraEventKey = keyof typeof ENTRA_EVENT_MAP;

export const ENTRA_EVENT_NOTES: Partial<Record<EntraEventKey, string>> = {
	'users:updated:created': 'the user was created within the last 15 minutes (`createdDateTime`)',
	'users:updated': 'any other change to the user',
	'users:updated:disabled': '`accountEnabled` became false',
	'users:updated:enabled': '`accountEnabled` became true again',
	'users:updated:gone': 'the user no longer resolves and is in deleted items: soft-deleted',
	'users:deleted': 'permanently deleted',
	'groups:updated:created': 'the group was created within the last 15 minutes',
	'groups:updated:renamed': '`displayName` differs from the last one seen',
	'groups:updated:gone': 'the group no longer resolves and is in deleted items: a soft-deleted Microsoft 365 group',
	'groups:updated:member_added': 'one event per `members@delta` entry',
	'groups:updated:member_removed': 'one event per `members@delta` entry marked `@removed`',
	'lifecycle:missed': 'Graph dropped notifications; run a reconcile',
	'lifecycle:subscriptionRemoved': 'Graph removed the subscription; the trigger recreates it',
};

/** The subscription resource behind each key prefix. */
export const ENTRA_RESOURCES = { users: '/users', groups: '/groups' } as const;
export type EntraResourceKind = keyof typeof ENTRA_RESOURCES;

/** The Graph resources to subscribe to for a set of normalized events. */
export function entraResourcesFor(selected: readonly IdentityEventType[]): EntraResourceKind[] {
	const wanted = new Set(selected);
	const kinds = new Set<EntraResourceKind>();
	for (const [key, type] of Object.entries(ENTRA_EVENT_MAP)) {
		const kind = key.split(':')[0];
		if (wanted.has(type) && (kind === 'users' || kind === 'groups')) kinds.add(kind);
	}
	return (Object.keys(ENTRA_RESOURCES) as EntraResourceKind[]).filter((kind) => kinds.has(kind));
}
