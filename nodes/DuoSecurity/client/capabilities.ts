import type { MfaFactor } from '../../shared/model';
import type { MfaCapabilities } from '../../shared/mfa/port';
import { ALIAS_SLOTS } from './duoObjects';
import { DUO_PROFILE_FIELDS } from './duoView';

/** Whether an IdP factor is Duo: provider `DUO`, or a type or name that mentions Duo. */
export function isDuoFactor(factor: MfaFactor): boolean {
	return factor.provider?.toUpperCase() === 'DUO' || /duo/i.test(`${factor.type} ${factor.name ?? ''}`);
}

export const DUO_CAPABILITIES: MfaCapabilities = {
	provider: 'Duo',
	profileFields: DUO_PROFILE_FIELDS,
	anchorFields: ALIAS_SLOTS,
	groups: true,
	groupMarkers: true,
	enrollmentEmail: true,
	watermark: true,
	ownsFactor: isDuoFactor,
	identityFields: (user) => {
		const joined = [user.givenName, user.familyName].filter(Boolean).join(' ');
		return {
			realname: user.displayName || joined || undefined,
			firstname: user.givenName || undefined,
			lastname: user.familyName || undefined,
			email: user.email || undefined,
		};
	},
};
