import type { MfaFactor } from '../../shared/model';
import type { MfaCapabilities } from '../../shared/mfa/port';

/** Whether an IdP factor is RSA's: provider `RSA`, or a type or name that mentions RSA or SecurID. */
export function isRsaFactor(factor: MfaFactor): boolean {
	return factor.provider?.toUpperCase() === 'RSA' || /\brsa\b|securid/i.test(`${factor.type} ${factor.name ?? ''}`);
}

export const RSA_NOT_CREATED = 'RSA SecurID users come from its identity source; not created';

export const RSA_NO_GROUPS =
	'RSA SecurID has no groups an Administration API key can change (Local Groups take an OAuth API client); not synced';

/**
 * RSA SecurID through a legacy Administration API key: users, their profile and username (the
 * email address) come from the identity source, so only status, deletion and authenticators change.
 */
export const RSA_CAPABILITIES: MfaCapabilities = {
	provider: 'RSA SecurID',
	profileFields: [],
	anchorFields: [],
	groups: false,
	groupMarkers: false,
	enrollmentEmail: false,
	watermark: false,
	ownsFactor: isRsaFactor,
	identityFields: () => ({}),
	unsupported: {
		createUser: RSA_NOT_CREATED,
		rename: 'RSA SecurID takes the email address from its identity source',
		groups: RSA_NO_GROUPS,
	},
};
