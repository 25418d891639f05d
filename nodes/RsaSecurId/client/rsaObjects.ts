/**
 * RSA SecurID Cloud Administration REST API objects. The user fields come from a User Details
 * example response (pydplus SDK, examples/responses/api_response_post_userDetails_200.json).
 */

export type RsaUserStatus = 'Enabled' | 'Disabled';

export interface RsaUser {
	/** The userId every user path takes. */
	id: string;
	emailAddress: string;
	firstName?: string;
	lastName?: string;
	principalUsername?: string;
	alternateUsername?: string;
	identitySource?: string;
	userStatus: RsaUserStatus | string;
	/** True while the user is pending deletion (purged after 7 days). */
	markDeleted?: boolean;
	markDeletedAt?: string | null;
	creationDate?: string;
	lastSyncTime?: string;
	highRiskUser?: boolean;
	isTokenLocked?: boolean;
	isSmsLocked?: boolean;
	isVoiceLocked?: boolean;
	/** Only when SMS tokencode is enabled. */
	smsNumber?: string;
	/** Only when Voice tokencode is enabled. */
	voiceNumber?: string;
}

/**
 * An authenticator from the Authenticator Details API. [unverified] RSA's pages cut off the
 * example response: only `id` (the deviceId of the delete call) is certain; the other names are
 * the ones the pages mention.
 */
export interface RsaDevice {
	id: string;
	deviceName?: string;
	type?: string;
	platform?: string;
	registrationDate?: string;
	/** [unverified] Present on SecurID 700 hardware tokens, which are unassigned by it rather than deleted. */
	tokenSerialNumber?: string;
	[key: string]: unknown;
}
