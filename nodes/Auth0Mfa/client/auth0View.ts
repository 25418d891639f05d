import type { MfaDevice, MfaGroup, MfaUser } from '../../shared/mfa/port';
import type { Auth0AuthenticationMethod, Auth0Role, Auth0User } from './auth0Objects';

/** The user attributes the node writes besides email (the username) and blocked; idpUserId lives in app_metadata. */
export const AUTH0_PROFILE_FIELDS = ['name', 'given_name', 'family_name', 'nickname', 'idpUserId'] as const;

/** app_metadata keys the node owns: the IdP user id and the sync watermark. */
export const ANCHOR_KEY = 'idpUserId';
export const WATERMARK_KEY = 'idpSyncAsOf';

/** Method types `DELETE /users/{id}/authenticators` removes at once (Guardian factors). */
export const GUARDIAN_TYPES = new Set(['totp', 'push', 'phone', 'email', 'recovery-code', 'guardian']);

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

export function mfaUserOf(user: Auth0User, anchored: boolean): MfaUser {
	const metadata = user.app_metadata ?? {};
	const fields: Record<string, string> = {
		name: text(user.name),
		given_name: text(user.given_name),
		family_name: text(user.family_name),
		nickname: text(user.nickname),
		idpUserId: text(metadata[ANCHOR_KEY]),
	};
	const watermark = text(metadata[WATERMARK_KEY]);
	return {
		id: user.user_id,
		username: text(user.email),
		status: user.blocked ? 'disabled' : 'active',
		statusLabel: user.blocked ? 'blocked' : 'active',
		fields,
		aliases: anchored && fields.idpUserId ? [fields.idpUserId] : [],
		groups: [],
		...(user.email ? { email: user.email } : {}),
		...(watermark ? { watermark } : {}),
	};
}

export function mfaGroupOf(role: Auth0Role): MfaGroup {
	return { id: role.id, name: role.name, description: role.description ?? '' };
}

export function devicesOf(methods: Auth0AuthenticationMethod[]): MfaDevice[] {
	return methods
		.filter((method) => method.type !== 'password')
		.map((method) => {
			const label = method.name ?? method.phone_number ?? method.email;
			return { kind: method.type, id: method.id, ...(label ? { label } : {}) };
		});
}
