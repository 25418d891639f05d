import type { Group as OktaGroup, User as OktaUser } from '@okta/okta-sdk-nodejs';

import type { IdentityEvent, IdentityUser, UserStatus } from '../../../shared/model';
import { ownValue } from '../../../shared/security/ownKeys';
import { flattenAttributes } from '../attributes';
import { enrichUserEvents } from '../userEnrichment';
import { oktaApiRequest, oktaApiRequestAllItems, type OktaContext } from './okta.api';

/** Okta's user statuses as normalized statuses. */
export const OKTA_STATUS_MAP: Record<string, UserStatus> = {
	ACTIVE: 'active',
	PASSWORD_EXPIRED: 'active',
	RECOVERY: 'active',
	LOCKED_OUT: 'locked',
	STAGED: 'pending',
	PROVISIONED: 'pending',
	SUSPENDED: 'suspended',
	DEPROVISIONED: 'deprovisioned',
};

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

export function identityUserFromOkta(user: OktaUser, groups?: OktaGroup[]): IdentityUser {
	const profile = (user.profile ?? {}) as unknown as Record<string, unknown>;
	const givenName = text(profile.firstName);
	const familyName = text(profile.lastName);
	return {
		id: text(user.id) ?? '',
		login: text(profile.login),
		email: text(profile.email),
		givenName,
		familyName,
		displayName:
			text(profile.displayName) ?? ([givenName, familyName].filter(Boolean).join(' ') || undefined),
		status: ownValue(OKTA_STATUS_MAP, text(user.status) ?? '') ?? 'unknown',
		...(groups
			? {
					groups: groups.map((group) => ({
						id: text(group.id) ?? '',
						name: text((group.profile as unknown as Record<string, unknown> | undefined)?.name),
					})),
				}
			: {}),
		attributes: flattenAttributes(profile),
	};
}

/**
 * Okta events carry only ids and logins, so fetch each distinct user once (and optionally their
 * groups) and merge the profile into every event about them.
 */
export async function enrichOktaEvents(
	ctx: OktaContext,
	events: IdentityEvent[],
	options: { includeGroups: boolean; concurrency?: number },
): Promise<void> {
	await enrichUserEvents(events, options.concurrency ?? 4, async (userId) => {
		const { body } = await oktaApiRequest<OktaUser>(
			ctx,
			'GET',
			`/api/v1/users/${encodeURIComponent(userId)}`,
		);
		const groups = options.includeGroups
			? await oktaApiRequestAllItems<OktaGroup>(
					ctx,
					`/api/v1/users/${encodeURIComponent(userId)}/groups`,
				)
			: undefined;
		return identityUserFromOkta(body, groups);
	});
}
