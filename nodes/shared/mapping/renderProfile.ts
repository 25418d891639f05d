import type { IdentityEvent, MfaFactor } from '../model';
import type { CompiledProfile, ResetFactors } from './compileProfile';
import { mapGroupName, type GroupMapping } from './groupMapping';
import { matchesAny } from './patterns';
import { evaluateRules, type RuleVerdict } from './rules';
import { eventScope } from './scope';
import { renderTemplate } from './template';

export interface MappingResult {
	verdict: RuleVerdict;
	/** The rendered username, when the profile sets one. */
	username?: string;
	attributes: Record<string, string>;
	/** `field ← reference` for every reference that rendered empty. */
	missing: string[];
	/** The user's IdP groups (when the event carries them) as they map to the MFA provider. */
	groups: Array<{ idpName: string } & GroupMapping>;
}

export function renderProfile(profile: CompiledProfile, event: IdentityEvent): MappingResult {
	const resolve = eventScope(event);
	const missing: string[] = [];
	const render = (field: string, template: Parameters<typeof renderTemplate>[0]) => {
		const rendered = renderTemplate(template, resolve);
		for (const reference of rendered.missing) missing.push(`${field} ← ${reference}`);
		return rendered.value;
	};
	const username = profile.username ? render('username', profile.username) : undefined;
	const attributes: Record<string, string> = {};
	for (const [field, template] of profile.attributes) attributes[field] = render(`attributes.${field}`, template);
	const userGroups = 'user' in event ? (event.user.groups ?? []) : [];
	return {
		verdict: 'user' in event ? evaluateRules(profile.rules, resolve) : { allowed: true, reason: 'rules apply to user events only' },
		username,
		attributes,
		missing,
		groups: userGroups.map((group) => {
			const idpName = group.name ?? group.id;
			return { idpName, ...mapGroupName(profile.groups, idpName) };
		}),
	};
}

/**
 * Whether an MFA reset in the IdP should reset enrollment in the MFA provider. A reset of all factors
 * always does; `ownsFactor` says which IdP factors are the provider's own.
 */
export function resetApplies(
	setting: ResetFactors,
	mfa: { all: boolean; factors: MfaFactor[] },
	ownsFactor: (factor: MfaFactor) => boolean,
): boolean {
	if (mfa.all || setting === 'any') return true;
	if (setting === 'provider') return mfa.factors.some(ownsFactor);
	return mfa.factors.some((factor) => matchesAny(factor.type, setting) || (factor.provider !== undefined && matchesAny(factor.provider, setting)));
}
