import type { FakeMfaRateLimit, FakeMfaServer } from '../mfaFakeServer';

export interface FakePingOneDevice {
	id?: string;
	type: string;
	status?: 'ACTIVE' | 'ACTIVATION_REQUIRED';
	nickname?: string;
	email?: string;
	phone?: string;
}

export interface FakePingOneSeedUser {
	id?: string;
	username: string;
	email?: string;
	name?: { given?: string; family?: string };
	enabled?: boolean;
	mfaEnabled?: boolean;
	externalId?: string;
	/** Group names; missing groups are created. */
	groups?: string[];
	devices?: FakePingOneDevice[];
}

export interface FakePingOneSeedGroup {
	id?: string;
	name: string;
	description?: string;
}

export interface FakePingOneSnapshot {
	users: Array<{
		id: string;
		username: string;
		email?: string;
		name?: { given?: string; family?: string };
		enabled: boolean;
		mfaEnabled: boolean;
		/** Sorted. */
		groupIds: string[];
		/** Group names, sorted. */
		groups: string[];
		devices: Array<{
			id: string;
			type: string;
			status: string;
			nickname?: string;
			email?: string;
			phone?: string;
		}>;
	}>;
	groups: Array<{ id: string; name: string; description?: string; members: string[] }>;
}

export interface FakePingOne extends FakeMfaServer {
	/** The origin, which serves both the auth and the API host. */
	url: string;
	authBaseUrl: string;
	apiBaseUrl: string;
	environmentId: string;
	clientId: string;
	clientSecret: string;
	tokenAuthMethod: 'CLIENT_SECRET_BASIC' | 'CLIENT_SECRET_POST';
	state: {
		environmentId: string;
		users: Map<
			string,
			Record<string, unknown> & {
				id: string;
				username: string;
				groupIds: Set<string>;
				devices: Map<string, Record<string, unknown>>;
			}
		>;
		groups: Map<string, Record<string, unknown> & { id: string; name: string }>;
		/** The default population first. */
		populations: Map<string, { id: string; name: string; default?: boolean }>;
	};
	snapshot(): FakePingOneSnapshot;
	/** Ends every token issued so far, as an hour passing would. */
	expireTokens(): void;
	issuedTokens(): number;
	/** Adds a user as the admin console would; returns its id. */
	addUser(seed: FakePingOneSeedUser): string;
	/** Gives a user a device the API cannot create (MOBILE, FIDO2); returns its id. */
	addDevice(username: string, device: FakePingOneDevice): string;
}

export function startFakePingOne(options?: {
	environmentId?: string;
	clientId?: string;
	clientSecret?: string;
	/** The worker app's token endpoint auth method. Default CLIENT_SECRET_BASIC. */
	tokenAuthMethod?: 'CLIENT_SECRET_BASIC' | 'CLIENT_SECRET_POST';
	/** Default 3600. */
	tokenLifetimeSeconds?: number;
	/** The app may only read: writes get 403. */
	readOnly?: boolean;
	port?: number;
	seed?: { users?: FakePingOneSeedUser[]; groups?: FakePingOneSeedGroup[] };
	rateLimit?: FakeMfaRateLimit;
}): Promise<FakePingOne>;
