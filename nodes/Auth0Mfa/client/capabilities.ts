import type { MfaFactor } from '../../shared/model';
import type { MfaCapabilities } from '../../shared/mfa/port';
import { AUTH0_PROFILE_FIELDS } from './auth0View';

/** Whether an IdP factor is Auth0's: provider AUTH0 or GUARDIAN, or a type or name naming them. */
export function isAuth0Factor(factor: MfaFactor): boolean {
	return /^(AUTH0|GUARDIAN)$/i.test(factor.provider ?? '') || /auth0|guardian/i.test(`${factor.type} ${factor.name ?? ''}`);
}

export const AUTH0_CAPABILITIES: MfaCapabilities = {
	provider: 'Auth0',
	profileFields: AUTH0_PROFILE_FIELDS,
	anchorFields: ['idpUserId'],
	groups: true,
	groupMarkers: true,
	enrollmentEmail: true,
	watermark: true,
	ownsFactor: isAuth0Factor,
	identityFields: (user) => ({
		name: user.displayName || [user.givenName, user.familyName].filter(Boolean).join(' ') || undefined,
		given_name: user.givenName || undefined,
		family_name: user.familyName || undefined,
	}),
};
