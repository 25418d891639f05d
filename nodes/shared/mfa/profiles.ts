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
} from '../mapping';
import type { IdentityEvent, MfaReset } from '../model';
import { userAnchors } from './anchors';
import {
	desiredFromIdentity,
	desiredFromRendered,
	type IdentityMapping,
} from './desiredUser';
import type { GroupAllowlist } from './groupNames';
import type { ApplyOptions } from './intents';
import type { MfaCapabilities } from './port';

export const NOT_IN_ALLOWLIST = 'group is not in the allowlist';

export type ResetOn = 'providerFactors' | 'anyReset';

/** The node's own settings for Apply (its fields and options). */
export interface ApplySettings {
	mapping: IdentityMapping;
	createMissingGroups: boolean;
	onUserDeleted: 'delete' | 'disable';
	resetOn: ResetOn;
	sendEnrollmentEmail: boolean;
	allowed: GroupAllowlist;
}

const anchorsOf = (user: { id: string }, event: IdentityEvent) =>
	userAnchors({ idp: event.source.idp, tenant: event.source.tenant, id: user.id });

function skipResetBy(
	factors: 'any' | 'provider' | string[],
	capabilities: MfaCapabilities,
	explain: string,
): (mfa: MfaReset) => string | undefined {
	return (mfa) => (resetApplies(factors, mfa, capabilities.ownsFactor) ? undefined : explain);
}

/** Apply without a mapping profile: every decision comes from the node's settings. */
export function settingsApplyOptions(settings: ApplySettings, capabilities: MfaCapabilities): ApplyOptions {
	return {
		desiredUser: (user, event) =>
			desiredFromIdentity(user, settings.mapping, capabilities.identityFields, anchorsOf(user, event)),
		groupName: (name) => (settings.allowed(name) ? { name } : { skipped: NOT_IN_ALLOWLIST }),
		createMissingGroups: settings.createMissingGroups,
		onUserDeleted: settings.onUserDeleted,
		skipReset: skipResetBy(
			settings.resetOn === 'anyReset' ? 'any' : 'provider',
			capabilities,
			`no ${capabilities.provider} factor was reset`,
		),
		sendEnrollmentEmail: settings.sendEnrollmentEmail,
	};
}

/** A profile document's answer for one event. */
export interface EventProfile {
	/** Which profile applied: `profile` (a single one), `tenants.<tenant>` or `default`. */
	tenantProfile: string;
	profile?: CompiledProfile;
	rendered?: MappingResult;
}

/** Validates a profile document against the provider's fields; throws a ProfileError naming every problem. */
export function compileProviderProfile(value: unknown, capabilities: MfaCapabilities): CompiledDocument {
	return compileProfileDocument(value, capabilities.profileFields);
}

export function profileForEvent(document: CompiledDocument, event: IdentityEvent): EventProfile {
	const { profile, key } = document.forEvent(event);
	return { tenantProfile: key, profile, rendered: profile ? renderProfile(profile, event) : undefined };
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

/** A profile's group mapping followed by the node's allowlist, on the MFA name. */
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
 * Whether some IdP group name maps to this MFA group under the profile's groups section: the MFA
 * groups "Set Exactly" may remove a user from. Candidates are the name itself and, for each rename,
 * the IdP names its target pattern leads back to.
 */
export function managedByProfile(groups: CompiledProfile['groups'], mfaName: string): boolean {
	const candidates = [mfaName];
	for (const [pattern, target] of groups.rename) {
		if (!target.includes('*')) {
			if (sameName(target, mfaName) && pattern.includes('*')) return true;
			if (sameName(target, mfaName)) candidates.push(pattern);
			continue;
		}
		const star = target.indexOf('*');
		const [before, after] = [target.slice(0, star), target.slice(star + 1)];
		const lower = mfaName.toLowerCase();
		if (!lower.startsWith(before.toLowerCase()) || !lower.endsWith(after.toLowerCase())) continue;
		if (mfaName.length < before.length + after.length) continue;
		const captured = mfaName.slice(before.length, mfaName.length - after.length);
		candidates.push(pattern.replace('*', () => captured));
	}
	return candidates.some((candidate) => {
		const mapped = mapGroupName(groups, candidate);
		return 'name' in mapped && sameName(mapped.name, mfaName);
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
	capabilities: MfaCapabilities,
): ApplyOptions {
	const factors = profile.reset?.factors ?? (settings.resetOn === 'anyReset' ? 'any' : 'provider');
	return {
		desiredUser: (user, event) =>
			desiredFromRendered(user, rendered, settings.mapping, capabilities.anchorFields, anchorsOf(user, event)),
		groupName: profileGroupName(profile, settings.allowed),
		createMissingGroups: profile.groups.createMissing ?? settings.createMissingGroups,
		onUserDeleted: profile.onDelete ?? settings.onUserDeleted,
		skipReset: skipResetBy(
			factors,
			capabilities,
			profile.reset
				? `no reset factor matches reset.factors ${JSON.stringify(factors)}`
				: `no ${capabilities.provider} factor was reset`,
		),
		sendEnrollmentEmail: settings.sendEnrollmentEmail,
	};
}

/** An event's intent under the node's settings or, when one applies, its tenant's mapping profile. */
export function intentForEvent<I>(
	event: IdentityEvent,
	settings: ApplySettings,
	document: CompiledDocument | undefined,
	capabilities: MfaCapabilities,
	makeIntent: (event: IdentityEvent, options: ApplyOptions) => I,
): { intent: I | { kind: 'skip'; action: 'skipped'; reason: string }; report?: IDataObject } {
	if (!document) return { intent: makeIntent(event, settingsApplyOptions(settings, capabilities)) };
	const mapped = profileForEvent(document, event);
	const report = mappingReport(mapped);
	const skip = outOfScope(mapped, event.source.tenant);
	if (skip !== undefined || !mapped.profile || !mapped.rendered) {
		return { intent: { kind: 'skip', action: 'skipped', reason: skip ?? 'no profile' }, report };
	}
	const options = profileApplyOptions(settings, mapped.profile, mapped.rendered, capabilities);
	return { intent: makeIntent(event, options), report };
}
