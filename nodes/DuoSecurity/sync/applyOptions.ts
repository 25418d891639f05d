import type { IdentityUser, MfaReset } from '../../shared/model';
import type { GroupMapping } from '../../shared/mapping';
import type { GroupAllowlist } from './allowlist';
import { resetCountsForDuo, type ResetTrigger } from './factors';
import { profileFromIdentity, type DesiredProfile, type IdentityMapping } from './userProfile';

/** How Apply turns an identity event into Duo changes: from the node's options or a profile. */
export interface ApplyOptions {
	/** The Duo profile an IdP user maps to. */
	desiredUser(user: IdentityUser): DesiredProfile;
	/** The Duo name of an IdP group, or why the group stays out of Duo. */
	groupName(idpName: string): GroupMapping;
	createMissingGroups: boolean;
	onUserDeleted: 'delete' | 'disable';
	/** Why an IdP MFA reset leaves the Duo enrollment alone; undefined when it resets it. */
	skipReset(mfa: MfaReset): string | undefined;
	sendEnrollmentEmail: boolean;
}

/** The node's own settings for Apply (its fields and options). */
export interface ApplySettings {
	mapping: IdentityMapping;
	createMissingGroups: boolean;
	onUserDeleted: 'delete' | 'disable';
	resetTrigger: ResetTrigger;
	sendEnrollmentEmail: boolean;
	allowed: GroupAllowlist;
}

export const NOT_IN_ALLOWLIST = 'group is not in the allowlist';

/** Apply without a mapping profile: every decision comes from the node's settings. */
export function settingsApplyOptions(settings: ApplySettings): ApplyOptions {
	return {
		desiredUser: (user) => profileFromIdentity(user, settings.mapping),
		groupName: (name) => (settings.allowed(name) ? { name } : { skipped: NOT_IN_ALLOWLIST }),
		createMissingGroups: settings.createMissingGroups,
		onUserDeleted: settings.onUserDeleted,
		skipReset: (mfa) =>
			resetCountsForDuo(mfa, settings.resetTrigger) ? undefined : 'no Duo factor was reset',
		sendEnrollmentEmail: settings.sendEnrollmentEmail,
	};
}
