/** Duo Admin API object shapes, as far as this node reads them (reference: duo.com/docs/adminapi). */

export interface DuoGroup {
	group_id: string;
	name: string;
	desc?: string | null;
	status?: string;
}

export interface DuoPhone {
	phone_id: string;
	number?: string;
	name?: string;
	type?: string;
	platform?: string;
	activated?: boolean;
}

export interface DuoToken {
	token_id: string;
	serial?: string;
	type?: string;
}

export interface DuoWebauthnCredential {
	webauthnkey: string;
	credential_name?: string;
	label?: string;
}

export interface DuoU2fToken {
	registration_id: string;
}

export interface DuoBypassCode {
	bypass_code_id: string;
}

export const ALIAS_SLOTS = ['alias1', 'alias2', 'alias3', 'alias4'] as const;
export type AliasSlot = (typeof ALIAS_SLOTS)[number];

/** User fields this node writes. */
export const USER_PROFILE_FIELDS = [
	'username',
	'realname',
	'firstname',
	'lastname',
	'email',
	'notes',
	'status',
	...ALIAS_SLOTS,
] as const;
export type DuoUserField = (typeof USER_PROFILE_FIELDS)[number];

export type DuoUserStatus = 'active' | 'bypass' | 'disabled' | 'locked out' | 'pending deletion';

export interface DuoUser {
	user_id: string;
	username: string;
	realname?: string | null;
	firstname?: string | null;
	lastname?: string | null;
	email?: string | null;
	notes?: string | null;
	status: DuoUserStatus | string;
	alias1?: string | null;
	alias2?: string | null;
	alias3?: string | null;
	alias4?: string | null;
	aliases?: Record<string, string>;
	is_enrolled?: boolean;
	created?: number;
	last_login?: number | null;
	groups?: DuoGroup[];
	phones?: DuoPhone[];
	tokens?: DuoToken[];
	webauthncredentials?: DuoWebauthnCredential[];
	u2ftokens?: DuoU2fToken[];
}

/** Every alias value of a user, from the numbered slots and the `aliases` map. */
export function aliasValues(user: DuoUser): string[] {
	const values = new Set<string>();
	for (const slot of ALIAS_SLOTS) {
		const value = user[slot];
		if (value) values.add(value);
	}
	for (const value of Object.values(user.aliases ?? {})) if (value) values.add(value);
	return [...values];
}
