import type { MfaFactor } from '../../shared/model';
import type { MfaCapabilities } from '../../shared/mfa/port';
import { PINGONE_PROFILE_FIELDS } from './pingOneView';

/** Whether an IdP factor is PingOne's: provider `PING`, or a type or name that mentions PingOne or PingID. */
export function isPingOneFactor(factor: MfaFactor): boolean {
	return factor.provider?.toUpperCase() === 'PING' || /ping ?(one|id)/i.test(`${factor.type} ${factor.name ?? ''}`);
}

export const PINGONE_CAPABILITIES: MfaCapabilities = {
	provider: 'PingOne',
	profileFields: PINGONE_PROFILE_FIELDS,
	anchorFields: ['externalId'],
	groups: true,
	groupMarkers: true,
	enrollmentEmail: false,
	watermark: false,
	ownsFactor: isPingOneFactor,
	identityFields: (user) => {
		const joined = [user.givenName, user.familyName].filter(Boolean).join(' ');
		return {
			email: user.email || undefined,
			givenName: user.givenName || undefined,
			familyName: user.familyName || undefined,
			formattedName: user.displayName || joined || undefined,
		};
	},
	// The spec's `User.required` lists username and email.
	requiredOnCreate: ['email'],
};
