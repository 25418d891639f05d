import type { IDataObject } from 'n8n-workflow';

import type { IdentityUser } from '../../shared/model';
import type { UserChanges } from '../client/DuoDirectory';
import { aliasValues, type AliasSlot, type DuoUser } from '../client/duoObjects';

/** The Duo profile an item asks for. Fields left undefined are neither compared nor written. */
export interface DesiredProfile {
	username?: string;
	realname?: string;
	firstname?: string;
	lastname?: string;
	email?: string;
	notes?: string;
	status?: string;
	/** The IdP's immutable user id and the alias slot that holds it. */
	alias?: { slot: AliasSlot; value: string };
	/** Further alias slots to set (a mapping profile's alias attributes); '' clears a slot. */
	extraAliases?: Partial<Record<AliasSlot, string>>;
}

export type UsernameSource = 'login' | 'email' | 'attribute';

export interface IdentityMapping {
	usernameSource: UsernameSource;
	usernameAttribute?: string;
	/** Where the IdP user id is kept; `none` turns rename tracking off. */
	aliasSlot: AliasSlot | 'none';
}

const PLAIN_FIELDS = [
	'username',
	'realname',
	'firstname',
	'lastname',
	'email',
	'notes',
	'status',
] as const;

function attributeValue(user: IdentityUser, name: string): string | undefined {
	const value = user.attributes[name];
	const first = Array.isArray(value) ? value[0] : value;
	return first === null || first === undefined || first === '' ? undefined : String(first);
}

export function usernameOf(user: IdentityUser, mapping: IdentityMapping): string | undefined {
	switch (mapping.usernameSource) {
		case 'email':
			return user.email || undefined;
		case 'attribute':
			return mapping.usernameAttribute
				? attributeValue(user, mapping.usernameAttribute)
				: undefined;
		default:
			return user.login || undefined;
	}
}

/** The Duo profile fields an identity event carries; absent fields stay undefined. */
export function profileFromIdentity(user: IdentityUser, mapping: IdentityMapping): DesiredProfile {
	const joined = [user.givenName, user.familyName].filter(Boolean).join(' ');
	return {
		username: usernameOf(user, mapping),
		realname: user.displayName || joined || undefined,
		firstname: user.givenName || undefined,
		lastname: user.familyName || undefined,
		email: user.email || undefined,
		alias: mapping.aliasSlot === 'none' ? undefined : { slot: mapping.aliasSlot, value: user.id },
	};
}

/** Status a user created from an IdP user gets: disabled when the IdP user cannot sign in. */
export function createStatusFor(user: IdentityUser): string | undefined {
	return user.status === 'suspended' || user.status === 'deprovisioned' ? 'disabled' : undefined;
}

export interface ProfileDiff {
	changes: UserChanges;
	before: IDataObject;
	/** `{ field: { from, to } }` for the item's output. */
	diff: IDataObject;
}

/** Compares a Duo user with the desired profile; empty `changes` means nothing to write. */
export function profileDiff(user: DuoUser, desired: DesiredProfile): ProfileDiff {
	const result: ProfileDiff = { changes: {}, before: {}, diff: {} };
	for (const field of PLAIN_FIELDS) {
		const wanted = desired[field];
		if (wanted === undefined) continue;
		const current = (user[field] as string | null | undefined) ?? '';
		if (current !== wanted) {
			result.changes[field] = wanted;
			result.before[field] = current;
			result.diff[field] = { from: current, to: wanted };
		}
	}
	const alias = desired.alias;
	if (
		alias &&
		!aliasValues(user).some((value) => value.toLowerCase() === alias.value.toLowerCase())
	) {
		const current = user[alias.slot] ?? '';
		result.changes[alias.slot] = alias.value;
		result.before[alias.slot] = current;
		result.diff[alias.slot] = { from: current, to: alias.value };
	}
	for (const [slot, wanted] of Object.entries(desired.extraAliases ?? {}) as Array<
		[AliasSlot, string]
	>) {
		const current = user[slot] ?? user.aliases?.[slot] ?? '';
		if (slot === alias?.slot || current === wanted) continue;
		result.changes[slot] = wanted;
		result.before[slot] = current;
		result.diff[slot] = { from: current, to: wanted };
	}
	return result;
}

/** Parameters for creating a user from the desired profile. */
export function createParams(desired: DesiredProfile & { username: string }): UserChanges {
	const params: UserChanges = {};
	for (const field of PLAIN_FIELDS) {
		const value = desired[field];
		if (value !== undefined && value !== '') params[field] = value;
	}
	for (const [slot, value] of Object.entries(desired.extraAliases ?? {}) as Array<
		[AliasSlot, string]
	>) {
		if (value !== '') params[slot] = value;
	}
	if (desired.alias) params[desired.alias.slot] = desired.alias.value;
	return params;
}
