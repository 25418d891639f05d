import type { IdentityEventType } from '../../../shared/model';

/**
 * Okta System Log event types (Event Hook eligible) and the normalized event each becomes.
 * Registration subscribes to exactly the keys behind the selected normalized events.
 */
export const OKTA_EVENT_MAP = {
	'user.lifecycle.create': 'user.created',
	'user.account.update_profile': 'user.updated',
	'user.lifecycle.suspend': 'user.suspended',
	'user.lifecycle.unsuspend': 'user.reactivated',
	'user.lifecycle.activate': 'user.reactivated',
	'user.lifecycle.reactivate': 'user.reactivated',
	'user.lifecycle.deactivate': 'user.deactivated',
	'user.lifecycle.delete.initiated': 'user.deleted',
	'user.mfa.factor.deactivate': 'user.mfa_reset',
	'user.mfa.factor.reset_all': 'user.mfa_reset',
	'group.lifecycle.create': 'group.created',
	'group.profile.update': 'group.renamed',
	'group.lifecycle.delete': 'group.deleted',
	'group.user_membership.add': 'group.member_added',
	'group.user_membership.remove': 'group.member_removed',
} as const satisfies Record<string, IdentityEventType>;

export type OktaEventType = keyof typeof OKTA_EVENT_MAP;

export const OKTA_EVENT_NOTES: Partial<Record<OktaEventType, string>> = {
	'user.lifecycle.activate': 'the user can sign in (first activation or after deactivation)',
	'user.mfa.factor.deactivate':
		'Identity Engine sends one per factor; a burst for one user in one delivery becomes one event',
	'user.mfa.factor.reset_all': 'Classic Engine "reset all factors"',
	'group.profile.update': 'only when the name changed; description-only updates are ignored',
	'user.lifecycle.delete.initiated': '`user.lifecycle.delete.completed` is not Event Hook eligible',
};

export function isOktaEventType(value: string): value is OktaEventType {
	return Object.prototype.hasOwnProperty.call(OKTA_EVENT_MAP, value);
}

/** The Okta event types to subscribe to for a set of normalized events. */
export function oktaEventTypesFor(selected: readonly IdentityEventType[]): OktaEventType[] {
	const wanted = new Set(selected);
	return (Object.keys(OKTA_EVENT_MAP) as OktaEventType[]).filter((type) =>
		wanted.has(OKTA_EVENT_MAP[type]),
	);
}
