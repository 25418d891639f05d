import type { AttributeMap, GroupRef, IdentityEvent, IdentityUser } from '../../../shared/model';
import { flattenAttributes } from '../attributes';
import { enrichUserEvents, nameGroups } from '../userEnrichment';
import { auth0ApiRequest, auth0ApiRequestAllItems, type Auth0Context } from './auth0.api';
import { compact, identityUserFromAuth0, record, text } from './auth0.events';

interface Auth0Role {
	id: string;
	name?: string;
}

function attributesOf(user: Record<string, unknown>): AttributeMap {
	const identities = Array.isArray(user.identities) ? user.identities : [];
	const connection = text(record(identities[0]).connection);
	return flattenAttributes(
		compact({
			connection,
			email_verified: user.email_verified,
			phone_number: user.phone_number,
			nickname: user.nickname,
			created_at: user.created_at,
			last_login: user.last_login,
			user_metadata: user.user_metadata,
			app_metadata: user.app_metadata,
		}),
	);
}

export function identityUserFromManagementApi(
	user: Record<string, unknown>,
	roles?: Auth0Role[],
): IdentityUser {
	const groups: GroupRef[] | undefined = roles?.map((role) =>
		compact({ id: role.id, name: text(role.name) }),
	);
	return compact({
		...identityUserFromAuth0(user),
		status: user.blocked === true ? ('suspended' as const) : ('active' as const),
		...(groups ? { groups } : {}),
		attributes: attributesOf(user),
	});
}

/**
 * Fetches each distinct user once from the Management API (and their roles, Auth0's groups, on
 * request) and merges the profile into every event about them; role assignments name their roles.
 */
export async function enrichAuth0Events(
	ctx: Auth0Context,
	events: IdentityEvent[],
	options: { includeGroups: boolean; concurrency?: number },
): Promise<void> {
	await enrichUserEvents(events, options.concurrency ?? 4, async (userId) => {
		const path = `/api/v2/users/${encodeURIComponent(userId)}`;
		const { body } = await auth0ApiRequest<Record<string, unknown>>(ctx, 'GET', path);
		const roles = options.includeGroups
			? await auth0ApiRequestAllItems<Auth0Role>(ctx, `${path}/roles`, 'roles')
			: undefined;
		return identityUserFromManagementApi(body, roles);
	});
	await nameGroups(events, options.concurrency ?? 4, async (roleId) => {
		const { body } = await auth0ApiRequest<Auth0Role>(ctx, 'GET', `/api/v2/roles/${encodeURIComponent(roleId)}`);
		return text(body.name);
	});
}
