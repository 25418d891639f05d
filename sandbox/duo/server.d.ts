export interface FakeDuoCall {
	method: string;
	path: string;
	/** Method and path with ids replaced by `:id`, e.g. `DELETE /admin/v1/users/:id/phones/:id`. */
	route: string;
	status: number | 'reset' | 'hang';
	params: Record<string, string>;
	/** `v2/sha512`, `v2/sha1` or `v5/sha512` once the signature verified. */
	signature?: string;
}

export interface FakeDuoSnapshotUser {
	user_id: string;
	username: string;
	realname: string;
	firstname: string;
	lastname: string;
	email: string;
	status: string;
	notes: string;
	aliases: Record<string, string>;
	/** Group ids, sorted. */
	groups: string[];
	/** Group names, sorted. */
	groupNames: string[];
	phones: string[];
	tokens: string[];
	webauthn: string[];
	u2f: string[];
	bypassCodes: string[];
}

export interface FakeDuoSnapshot {
	users: FakeDuoSnapshotUser[];
	groups: Array<{ group_id: string; name: string; desc: string; status: string }>;
	trash: string[];
	enrollments: Array<{ username: string; email: string }>;
}

export interface FakeDuoInternalUser {
	user_id: string;
	username: string;
	realname: string;
	firstname: string;
	lastname: string;
	email: string;
	status: string;
	notes: string;
	alias1: string | null;
	alias2: string | null;
	alias3: string | null;
	alias4: string | null;
	groupIds: string[];
	phoneIds: string[];
	tokenIds: string[];
	[key: string]: unknown;
}

export interface FakeDuoState {
	users: Map<string, FakeDuoInternalUser>;
	groups: Map<
		string,
		{ group_id: string; name: string; desc: string; status: string; [key: string]: unknown }
	>;
	phones: Map<string, Record<string, unknown> & { phone_id: string; userIds: Set<string> }>;
	tokens: Map<string, Record<string, unknown> & { token_id: string; userIds: Set<string> }>;
	webauthn: Map<string, Record<string, unknown> & { webauthnkey: string; user_id: string }>;
	u2f: Map<string, Record<string, unknown> & { registration_id: string; user_id: string }>;
	bypassCodes: Map<string, Record<string, unknown> & { bypass_code_id: string; user_id: string }>;
	enrollments: Array<{
		user_id: string;
		username: string;
		email: string;
		valid_secs: number;
		code: string;
	}>;
	trash: Map<string, FakeDuoInternalUser>;
}

export interface FakeDuoCounts {
	total: number;
	reads: number;
	writes: number;
	byRoute: Record<string, number>;
}

export interface FakeDuoSeedUser {
	user_id?: string;
	username: string;
	realname?: string;
	firstname?: string;
	lastname?: string;
	email?: string;
	status?: string;
	notes?: string;
	alias1?: string | null;
	alias2?: string | null;
	alias3?: string | null;
	alias4?: string | null;
	groups?: Array<string | { group_id?: string; name: string; desc?: string }>;
	phones?: Array<Record<string, unknown>>;
	tokens?: Array<Record<string, unknown>>;
	webauthncredentials?: Array<Record<string, unknown>>;
	u2ftokens?: Array<Record<string, unknown>>;
	bypass_codes?: Array<string | Record<string, unknown>>;
}

export interface FakeDuoSeedGroup {
	group_id?: string;
	name: string;
	desc?: string;
	status?: string;
}

export interface FakeDuoDevices {
	phones?: Array<Record<string, unknown>>;
	tokens?: Array<Record<string, unknown>>;
	webauthn?: Array<Record<string, unknown>>;
	u2f?: Array<Record<string, unknown>>;
	bypassCodes?: Array<string | Record<string, unknown>>;
}

export interface FakeDuoDeviceIds {
	phones: string[];
	tokens: string[];
	webauthn: string[];
	u2f: string[];
	bypassCodes: string[];
}

export interface FakeDuo {
	url: string;
	/** The host the signature is checked against: `127.0.0.1:PORT` unless `host` was given. */
	host: string;
	ikey: string;
	skey: string;
	state: FakeDuoState;
	calls: FakeDuoCall[];
	counts(): FakeDuoCounts;
	resetCounts(): void;
	/**
	 * Answers matching calls with `status`: the next `count` calls (default all), each with probability `rate`
	 * (seeded by `seed`). `method` and `route` (as in FakeDuoCall.route) narrow the calls; with `afterApply`
	 * the call takes effect first, as when a response is lost after the write happened. `reset` drops the
	 * connection without an answer; `hang` never answers (the client's timeout ends the call); `delay` answers
	 * normally after `ms` milliseconds.
	 */
	injectFaults(fault: {
		status: 400 | 429 | 500 | 502 | 503 | 'reset' | 'hang' | 'delay';
		ms?: number;
		count?: number;
		rate?: number;
		seed?: number;
		method?: string;
		route?: string;
		afterApply?: boolean;
	}): void;
	clearFaults(): void;
	snapshot(): FakeDuoSnapshot;
	/**
	 * Links devices to a user as enrolling in Duo would (the Admin API cannot create them). Partial
	 * objects get Duo's defaults; objects without an id get a generated one. Returns the ids.
	 */
	enrollDevices(username: string, devices: FakeDuoDevices): FakeDuoDeviceIds;
	close(): Promise<void>;
}

export function startFakeDuo(options?: {
	ikey?: string;
	skey?: string;
	/** Signed host to verify against instead of the request's Host header. */
	host?: string;
	port?: number;
	/** Allowed clock difference; `null` turns the check off. Default 300. */
	maxSkewSeconds?: number | null;
	seed?: { users?: FakeDuoSeedUser[]; groups?: FakeDuoSeedGroup[] };
	rateLimit?: { perSecond: number; mode?: 'delay' | 'reject' };
}): Promise<FakeDuo>;
