import type { IDataObject } from 'n8n-workflow';

import {
	compileProfileDocument,
	mapGroupName,
	renderProfile,
	resetApplies,
	type CompiledDocument,
	type CompiledProfile,
	type GroupMapping,
	type MappingResult,
} from '../../shared/mapping';
import type { IdentityEvent, IdentityUser } from '../../shared/model';
import { ALIAS_SLOTS, type AliasSlot } from '../client/duoObjects';
import type { ApplyOptions, ApplySettings } from './applyOptions';
import { NOT_IN_ALLOWLIST } from './applyOptions';
import type { GroupAllowlist } from './allowlist';
import { usernameOf, type DesiredProfile, type IdentityMapping } from './userProfile';

/** The Duo user fields a profile's `attributes` may set. */
export const DUO_PROFILE_ATTRIBUTES = [
	'realname',
	'firstname',
	'lastname',
	'email',
	'notes',
	...ALIAS_SLOTS,
] as const;

const PLAIN_ATTRIBUTES = ['realname', 'firstname', 'lastname', 'email', 'notes'] as const;

/** Validates a profile document for Duo; throws a ProfileError naming every problem by its path. */
export function compileDuoProfileDocument(value: unknown): CompiledDocument {
	return compileProfileDocument(value, DUO_PROFILE_ATTRIBUTES);
}

/** A profile document's answer for one event. */
export interface EventProfile {
	/** Which profile applied: `profile` (a single one), `tenants.<tenant>` or `default`. */
	tenantProfile: string;
	profile?: CompiledProfile;
	rendered?: MappingResult;
}

export function profileForEvent(document: CompiledDocument, event: IdentityEvent): EventProfile {
	const { profile, key } = document.forEvent(event);
	return {
		tenantProfile: key,
		profile,
		rendered: profile ? renderProfile(profile, event) : undefined,
	};
}

/** The profile for items that are not identity events; the document selects by tenant only. */
export function profileForTenant(document: CompiledDocument, tenant: string): EventProfile {
	const { profile, key } = document.forEvent({ source: { tenant } } as IdentityEvent);
	return { tenantProfile: key, profile };
}

/** Why the event is out of the profile's scope, or undefined when the profile applies to it. */
export function outOfScope(mapped: EventProfile, tenant: string): string | undefined {
	if (!mapped.profile) return `no mapping profile for tenant "${tenant}" and no default profile`;
	if (mapped.rendered && !mapped.rendered.verdict.allowed) return mapped.rendered.verdict.reason;
	return undefined;
}

/** What an output item reports about the profile: which one applied and what rendered empty. */
export function mappingReport(mapped: EventProfile): IDataObject {
	return { tenantProfile: mapped.tenantProfile, missing: mapped.rendered?.missing ?? [] };
}

/**
 * A rendered attribute as Duo should receive it: trimmed; left out (Duo's value kept) when it
 * rendered empty because a reference had no value; '' only from a template that is empty itself.
 */
function attributeValue(rendered: MappingResult, field: string): string | undefined {
	const value = rendered.attributes[field];
	if (value === undefined) return undefined;
	const trimmed = value.trim();
	if (trimmed !== '') return trimmed;
	const incomplete = rendered.missing.some((entry) => entry.startsWith(`attributes.${field} ←`));
	return incomplete ? undefined : '';
}

/**
 * The Duo profile a rendered mapping asks for. Only the profile's attributes are written; the
 * first alias attribute with a value is the lookup key that follows the user through renames. The
 * username is the profile's, else the node's "Username From".
 */
export function desiredFromRendered(
	user: IdentityUser,
	rendered: MappingResult,
	fallback: IdentityMapping,
): DesiredProfile {
	const desired: DesiredProfile = {
		username:
			rendered.username === undefined
				? usernameOf(user, fallback)
				: rendered.username.trim() || undefined,
	};
	for (const field of PLAIN_ATTRIBUTES) {
		const value = attributeValue(rendered, field);
		if (value !== undefined) desired[field] = value;
	}
	const aliases: Partial<Record<AliasSlot, string>> = {};
	for (const slot of ALIAS_SLOTS) {
		const value = attributeValue(rendered, slot);
		if (value === undefined) continue;
		if (!desired.alias && value !== '') desired.alias = { slot, value };
		else aliases[slot] = value;
	}
	if (Object.keys(aliases).length > 0) desired.extraAliases = aliases;
	return desired;
}

/** A profile's group mapping followed by the node's allowlist, on the Duo name. */
export function profileGroupName(
	profile: CompiledProfile,
	allowed: GroupAllowlist,
): (idpName: string) => GroupMapping {
	return (idpName) => {
		const mapped = mapGroupName(profile.groups, idpName);
		if ('skipped' in mapped) return mapped;
		return allowed(mapped.name) ? mapped : { skipped: NOT_IN_ALLOWLIST };
	};
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Whether some IdP group name maps to this Duo group under the profile's groups section: the
 * Duo groups "Set Exactly" may remove a user from. Candidates are the name itself and, for each
 * rename, the IdP names its target pattern leads back to.
 */
export function managedByProfile(groups: CompiledProfile['groups'], duoName: string): boolean {
	const candidates = [duoName];
	for (const [pattern, target] of groups.rename) {
		if (!target.includes('*')) {
			if (sameName(target, duoName) && pattern.includes('*')) return true;
			if (sameName(target, duoName)) candidates.push(pattern);
			continue;
		}
		const [before, after] = [
			target.slice(0, target.indexOf('*')),
			target.slice(target.indexOf('*') + 1),
		];
		const lower = duoName.toLowerCase();
		if (!lower.startsWith(before.toLowerCase()) || !lower.endsWith(after.toLowerCase())) continue;
		if (duoName.length < before.length + after.length) continue;
		const captured = duoName.slice(before.length, duoName.length - after.length);
		candidates.push(pattern.replace('*', captured));
	}
	return candidates.some((candidate) => {
		const mapped = mapGroupName(groups, candidate);
		return 'name' in mapped && sameName(mapped.name, duoName);
	});
}

/**
 * Apply with a profile: users, groups, group creation, deletion and resets follow the profile;
 * what the profile leaves unset comes from the node's settings.
 */
export function profileApplyOptions(
	settings: ApplySettings,
	profile: CompiledProfile,
	rendered: MappingResult,
): ApplyOptions {
	const factors =
		profile.reset?.factors ?? (settings.resetTrigger === 'duoFactorReset' ? 'duoOnly' : 'any');
	return {
		desiredUser: (user) => desiredFromRendered(user, rendered, settings.mapping),
		groupName: profileGroupName(profile, settings.allowed),
		createMissingGroups: profile.groups.createMissing ?? settings.createMissingGroups,
		onUserDeleted: profile.onDelete ?? settings.onUserDeleted,
		skipReset: (mfa) => {
			if (resetApplies(factors, mfa)) return undefined;
			return profile.reset
				? `no reset factor matches reset.factors ${JSON.stringify(factors)}`
				: 'no Duo factor was reset';
		},
		sendEnrollmentEmail: settings.sendEnrollmentEmail,
	};
}
