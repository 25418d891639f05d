import type { IdentityUser, UserStatus } from '../model';
import type { MappingResult } from '../mapping';
import type { Change } from './results';
import type { MfaCapabilities, MfaUser, UserChanges } from './port';

/** The MFA user an item asks for. Fields left out are neither compared nor written. */
export interface DesiredUser {
	username?: string;
	/** Profile fields by the provider's names; '' clears a field. */
	fields: Record<string, string>;
	/** The IdP user id kept in a profile field: the first value is written, all are looked up. */
	anchor?: { field: string; values: string[] };
}

export type UsernameSource = 'login' | 'email' | 'attribute';

/** How a user is mapped without a mapping profile (the node's own settings). */
export interface IdentityMapping {
	usernameSource: UsernameSource;
	usernameAttribute?: string;
	/** The profile field that keeps the IdP user id; `none` turns rename tracking off. */
	anchorField: string | 'none';
}

/** The provider's default profile fields for an IdP user; undefined values are left out. */
export type IdentityFields = MfaCapabilities['identityFields'];

function attributeValue(user: IdentityUser, name: string): string | undefined {
	const value = Object.prototype.hasOwnProperty.call(user.attributes, name)
		? user.attributes[name]
		: undefined;
	const first = Array.isArray(value) ? value[0] : value;
	return first === null || first === undefined || first === '' ? undefined : String(first);
}

export function usernameOf(user: IdentityUser, mapping: IdentityMapping): string | undefined {
	switch (mapping.usernameSource) {
		case 'email':
			return user.email || undefined;
		case 'attribute':
			return mapping.usernameAttribute ? attributeValue(user, mapping.usernameAttribute) : undefined;
		default:
			return user.login || undefined;
	}
}

function definedFields(fields: Record<string, string | undefined>): Record<string, string> {
	const defined: Record<string, string> = {};
	for (const [field, value] of Object.entries(fields)) if (value !== undefined) defined[field] = value;
	return defined;
}

/** The MFA user an IdP user maps to under the node's settings. `anchors` from anchors.ts. */
export function desiredFromIdentity(
	user: IdentityUser,
	mapping: IdentityMapping,
	identityFields: IdentityFields,
	anchors: string[],
): DesiredUser {
	return {
		username: usernameOf(user, mapping),
		fields: definedFields(identityFields(user)),
		anchor: mapping.anchorField === 'none' ? undefined : { field: mapping.anchorField, values: anchors },
	};
}

/**
 * A rendered attribute as the provider should receive it: trimmed; left out (the provider's value
 * kept) when it rendered empty because a reference had no value; '' only from a template that is
 * empty itself.
 */
function renderedValue(rendered: MappingResult, field: string): string | undefined {
	const value = rendered.attributes[field];
	if (value === undefined) return undefined;
	const trimmed = value.trim();
	if (trimmed !== '') return trimmed;
	const incomplete = rendered.missing.some((entry) => entry.startsWith(`attributes.${field} ←`));
	return incomplete ? undefined : '';
}

/**
 * The MFA user a rendered mapping profile asks for. Only the profile's attributes are written.
 * The first anchor field with a value is the lookup key that follows the user through renames; when
 * it renders the IdP user id, the tenant form of the anchor is written instead. The username is the
 * profile's, else the node's "Username From".
 */
export function desiredFromRendered(
	user: IdentityUser,
	rendered: MappingResult,
	fallback: IdentityMapping,
	anchorFields: readonly string[],
	anchors: string[],
): DesiredUser {
	const desired: DesiredUser = {
		username:
			rendered.username === undefined ? usernameOf(user, fallback) : rendered.username.trim() || undefined,
		fields: {},
	};
	for (const field of anchorFields) {
		const value = renderedValue(rendered, field);
		if (value) {
			desired.anchor = { field, values: value === user.id ? anchors : [value] };
			break;
		}
	}
	for (const field of Object.keys(rendered.attributes)) {
		const value = renderedValue(rendered, field);
		if (value !== undefined && field !== desired.anchor?.field) desired.fields[field] = value;
	}
	return desired;
}

export interface ProfileDiff {
	changes: UserChanges;
	diff: Record<string, Change>;
}

const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Compares an MFA user with the desired profile; empty `diff` means nothing to write. */
export function profileDiff(user: MfaUser, desired: DesiredUser): ProfileDiff {
	const result: ProfileDiff = { changes: {}, diff: {} };
	const setField = (field: string, from: string, to: string) => {
		result.changes.fields = { ...(result.changes.fields ?? {}), [field]: to };
		result.diff[field] = { from, to };
	};
	if (desired.username !== undefined && desired.username !== user.username) {
		result.changes.username = desired.username;
		result.diff.username = { from: user.username, to: desired.username };
	}
	for (const [field, wanted] of Object.entries(desired.fields)) {
		if (field === desired.anchor?.field) continue;
		const current = user.fields[field] ?? '';
		if (current !== wanted) setField(field, current, wanted);
	}
	const anchor = desired.anchor;
	const [written] = anchor?.values ?? [];
	if (anchor && written && !user.aliases.some((value) => sameText(value, written))) {
		setField(anchor.field, user.fields[anchor.field] ?? '', written);
	}
	return result;
}

/** The fields of a user created from the desired profile. */
export function createFields(desired: DesiredUser): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const [field, value] of Object.entries(desired.fields)) if (value !== '') fields[field] = value;
	const [written] = desired.anchor?.values ?? [];
	if (desired.anchor && written) fields[desired.anchor.field] = written;
	return fields;
}

/** The lookup for a desired profile: its anchors first, then the username. */
export function userRefOf(desired: DesiredUser): { anchors?: string[]; username?: string } {
	return { anchors: desired.anchor?.values, username: desired.username };
}

/** Whether an IdP user in this status may sign in: the MFA status the core converges to. */
export function statusFor(status: UserStatus | undefined): 'active' | 'disabled' | undefined {
	switch (status) {
		case 'active':
		case 'pending':
		case 'locked':
			return 'active';
		case 'suspended':
		case 'deprovisioned':
		case 'deleted':
			return 'disabled';
		default:
			return undefined;
	}
}
