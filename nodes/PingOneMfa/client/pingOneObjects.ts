/**
 * PingOne Platform and MFA object shapes as far as this package reads and writes them
 * (pingone-go-sdk-v2 management and mfa openapi.yaml; developer.pingidentity.com).
 */

export interface PingOneName {
	given?: string;
	family?: string;
	middle?: string;
	formatted?: string;
}

/** Writable user fields: `username` and `email` are required on create (the spec's `User.required`). */
export interface PingOneUserInput {
	username?: string;
	email?: string;
	name?: PingOneName;
	nickname?: string;
	title?: string;
	externalId?: string;
	mobilePhone?: string;
	locale?: string;
	population?: { id: string };
}

export interface PingOneUser extends PingOneUserInput {
	id: string;
	username: string;
	/** Read-only here; changed through `PUT /users/{id}/enabled`. */
	enabled?: boolean;
	mfaEnabled?: boolean;
	account?: { canAuthenticate?: boolean; status?: 'OK' | 'LOCKED' | string };
	/** Present with `?include=memberOfGroupIDs`. */
	memberOfGroupIDs?: string[];
	createdAt?: string;
	updatedAt?: string;
}

export interface PingOneGroup {
	id: string;
	name: string;
	description?: string;
	population?: { id: string };
	externalId?: string;
	directMemberCounts?: { users?: number; groups?: number };
}

export interface PingOneGroupMembership {
	id: string;
	name?: string;
	type?: 'DIRECT' | 'INDIRECT' | string;
}

/** `EMAIL`, `SMS`, `VOICE`, `TOTP`, `MOBILE`, `WHATSAPP` and the FIDO family. */
export type PingOneDeviceType = string;

export interface PingOneDevice {
	id: string;
	type: PingOneDeviceType;
	status: 'ACTIVE' | 'ACTIVATION_REQUIRED' | string;
	nickname?: string;
	phone?: string;
	email?: string;
	createdAt?: string;
	updatedAt?: string;
}

/** A device an administrator may create: EMAIL needs `email`, SMS/VOICE/WHATSAPP need `phone`. */
export interface PingOneDeviceInput {
	type: 'EMAIL' | 'SMS' | 'VOICE' | 'WHATSAPP' | 'TOTP';
	email?: string;
	phone?: string;
	nickname?: string;
	/** `ACTIVE` (pre-paired, the default when an administrator creates it) or `ACTIVATION_REQUIRED`. */
	status?: 'ACTIVE' | 'ACTIVATION_REQUIRED';
	policy?: { id: string };
}
