import type { MfaFactor } from '../../shared/model';
import type { MfaCapabilities } from '../../shared/mfa/port';
import { ENTRA_PROFILE_FIELDS, EXTENSION_ATTRIBUTES } from './entraView';

/** Whether an IdP factor is Microsoft's: provider MICROSOFT, or a type or name naming Microsoft, Entra or Azure. */
export function isEntraFactor(factor: MfaFactor): boolean {
	return factor.provider?.toUpperCase() === 'MICROSOFT' || /microsoft|entra|azure/i.test(`${factor.type} ${factor.name ?? ''}`);
}

export const ENTRA_CAPABILITIES: MfaCapabilities = {
	provider: 'Entra ID',
	profileFields: ENTRA_PROFILE_FIELDS,
	anchorFields: EXTENSION_ATTRIBUTES,
	groups: true,
	groupMarkers: true,
	enrollmentEmail: false,
	watermark: false,
	ownsFactor: isEntraFactor,
	identityFields: (user) => ({
		givenName: user.givenName || undefined,
		surname: user.familyName || undefined,
		displayName: user.displayName || [user.givenName, user.familyName].filter(Boolean).join(' ') || undefined,
		mail: user.email || undefined,
	}),
};
