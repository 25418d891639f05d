import type { Intent } from './intents';
import type { MfaCapabilities } from './port';

/** Why group changes are left out for a provider without groups. */
export function noGroupsReason(capabilities: MfaCapabilities): string {
	return capabilities.unsupported?.groups ?? `${capabilities.provider} has no groups`;
}

/**
 * The intent as far as the provider can carry it out: for a provider without groups, group and
 * membership events become skips that say why (and look nobody up), and the groups an IdP reports
 * for a user are dropped. Pure.
 */
export function withinCapabilities(intent: Intent, capabilities: MfaCapabilities): Intent {
	if (capabilities.groups) return intent;
	switch (intent.kind) {
		case 'membership':
		case 'group':
			return { kind: 'skip', action: 'skipped', reason: noGroupsReason(capabilities) };
		case 'user':
			return intent.groups ? { ...intent, groups: undefined } : intent;
		default:
			return intent;
	}
}
