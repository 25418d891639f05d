import type { MfaDevice, MfaGroup, MfaUser, MfaUserStatus } from '../../shared/mfa/port';
import type { OktaAuthenticatorEnrollment, OktaFactor, OktaGroup, OktaUser } from './oktaObjects';

/** The Okta profile attributes the node writes besides `login` (the username). */
export const OKTA_PROFILE_FIELDS = [
	'firstName',
	'lastName',
	'displayName',
	'email',
	'nickName',
	'title',
	'department',
	'mobilePhone',
	'employeeNumber',
	'idpUserId',
] as const;

/** Attributes that can keep the IdP user id: a custom attribute (the default) or employeeNumber. */
export const OKTA_ANCHOR_FIELDS = ['idpUserId', 'employeeNumber'] as const;

const STATUS: Record<string, MfaUserStatus> = {
	ACTIVE: 'active',
	PROVISIONED: 'active',
	RECOVERY: 'active',
	PASSWORD_EXPIRED: 'active',
	SUSPENDED: 'disabled',
	DEPROVISIONED: 'disabled',
	LOCKED_OUT: 'locked',
};

export const oktaStatus = (label: string): MfaUserStatus => STATUS[label] ?? 'other';

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** The user as the sync core sees it; `anchorField` is the attribute that holds the IdP user id. */
export function mfaUserOf(user: OktaUser, anchorField: string): MfaUser {
	const fields: Record<string, string> = {};
	for (const field of OKTA_PROFILE_FIELDS) fields[field] = text(user.profile[field]);
	const anchor = anchorField === 'none' ? '' : text(user.profile[anchorField]);
	return {
		id: user.id,
		username: user.profile.login,
		status: oktaStatus(user.status),
		statusLabel: user.status,
		fields,
		aliases: anchor ? [anchor] : [],
		groups: [],
		...(user.profile.email ? { email: String(user.profile.email) } : {}),
	};
}

/** Groups Okta lets the node change: those of type OKTA_GROUP. */
export const isManagedGroup = (group: OktaGroup) => group.type === 'OKTA_GROUP';

export function mfaGroupOf(group: OktaGroup): MfaGroup {
	return { id: group.id, name: group.profile.name, description: group.profile.description ?? '' };
}

export function factorDevice(factor: OktaFactor): MfaDevice {
	return { kind: factor.factorType, id: factor.id, ...(factor.provider ? { label: factor.provider } : {}) };
}

export function enrollmentDevice(enrollment: OktaAuthenticatorEnrollment): MfaDevice {
	return { kind: enrollment.type, id: enrollment.id, ...(enrollment.name ? { label: enrollment.name } : {}) };
}
