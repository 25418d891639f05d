import type { MfaFactor } from '../../shared/model';
import type { MfaCapabilities } from '../../shared/mfa/port';
import { OKTA_ANCHOR_FIELDS, OKTA_PROFILE_FIELDS } from './oktaView';

/** Whether an IdP factor is Okta's: provider `OKTA`, or a type or name that mentions Okta. */
export function isOktaFactor(factor: MfaFactor): boolean {
	return factor.provider?.toUpperCase() === 'OKTA' || /okta/i.test(`${factor.type} ${factor.name ?? ''}`);
}

export const OKTA_CAPABILITIES: MfaCapabilities = {
	provider: 'Okta',
	profileFields: OKTA_PROFILE_FIELDS,
	anchorFields: OKTA_ANCHOR_FIELDS,
	groups: true,
	groupMarkers: true,
	enrollmentEmail: false,
	watermark: false,
	ownsFactor: isOktaFactor,
	identityFields: (user) => ({
		firstName: user.givenName || undefined,
		lastName: user.familyName || undefined,
		displayName: user.displayName || undefined,
		email: user.email || undefined,
	}),
};
