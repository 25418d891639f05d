import type { FakeMfaRateLimit, FakeMfaServer } from '../mfaFakeServer';

export interface FakeRsaDevice {
	id?: string;
	deviceName?: string;
	type?: string;
	platform?: string;
	registrationDate?: string;
	/** A browser authenticator: listed only with includeBrowsers (the default in v1). */
	browser?: boolean;
	/** A SecurID 700 hardware token: listed by v2 only, unassigned by its serial number. */
	hardware?: boolean;
	/** A hardware token's serial number; default digits of its id. */
	tokenSerialNumber?: string;
}

export interface FakeRsaSeedUser {
	id?: string;
	emailAddress: string;
	firstName?: string;
	lastName?: string;
	userStatus?: 'Enabled' | 'Disabled';
	markDeleted?: boolean;
	identitySource?: string;
	/** `SCIM` users cannot be deleted through the API (405). Default `LDAP`. */
	identitySourceType?: 'LDAP' | 'SCIM' | 'INTERNAL';
	principalUsername?: string;
	devices?: FakeRsaDevice[];
}

export interface FakeRsaSnapshot {
	users: Array<{
		id: string;
		emailAddress: string;
		userStatus: string;
		markDeleted: boolean;
		devices: Array<{ id: string; type: string }>;
	}>;
}

export interface FakeRsa extends FakeMfaServer {
	url: string;
	/** `<origin>/AdminInterface/restapi`, the audience tokens must carry. */
	adminRestApiUrl: string;
	accessId: string;
	/** The private key (PKCS#1 PEM) of the current key pair. */
	readonly accessKey: string;
	state: {
		users: Map<
			string,
			Record<string, unknown> & {
				id: string;
				emailAddress: string;
				devices: Map<string, Record<string, unknown>>;
			}
		>;
	};
	snapshot(): FakeRsaSnapshot;
	/** JSON text of an Administration API key file: customerName, accessID, accessKey, adminRestApiUrl. */
	keyFile(): string;
	/** Replaces the key pair; tokens signed with the old key get 403. */
	rotateKey(): void;
	addUser(user: FakeRsaSeedUser): string;
	addDevice(email: string, device: FakeRsaDevice): string;
}

export function startFakeRsa(options?: {
	accessId?: string;
	/** Help Desk keys may not delete users. Default SUPER_ADMIN. */
	role?: 'SUPER_ADMIN' | 'HELP_DESK';
	/** Allowed clock skew for iat and exp. Default 60. */
	skewSeconds?: number;
	port?: number;
	seed?: { users?: FakeRsaSeedUser[] };
	rateLimit?: FakeMfaRateLimit;
}): Promise<FakeRsa>;
