import type { InjectedFault } from '../http';

export interface FakeOktaFactor {
	id: string;
	factorType: string;
	provider: string;
	status: string;
}
export interface FakeOktaUser {
	id?: string;
	status?: string;
	profile: Record<string, unknown>;
	/** The credential provider: OKTA (default), FEDERATION or SOCIAL. */
	provider?: string;
	factors?: Array<{ factorType: string; provider?: string; id?: string }>;
}
export interface FakeOktaGroup {
	id?: string;
	/** OKTA_GROUP (default), APP_GROUP or BUILT_IN (Everyone). */
	type?: string;
	name?: string;
	profile?: { name: string; description?: string };
}
export interface FakeOktaHook {
	id: string;
	status: 'ACTIVE' | 'INACTIVE';
	verificationStatus: 'VERIFIED' | 'UNVERIFIED';
	name: string;
	events: { type: string; items: string[] };
	channel: { config: { uri: string; authScheme: { type: string; key: string; value: string } | null } };
}
export interface FakeOkta {
	url: string;
	apiToken: string;
	state: {
		users: Map<string, { id: string; status: string; profile: Record<string, unknown>; credentials: { provider: { type: string } } }>;
		groups: Map<string, { id: string; profile: { name: string; description: string } }>;
		memberships: Map<string, Set<string>>;
		eventHooks: Map<string, FakeOktaHook>;
		factors: Map<string, FakeOktaFactor[]>;
	};
	requests: Array<{ method: string; path: string; status: number; query: string; body?: unknown }>;
	verificationCalls: Array<{ hookId: string; status: number; challengeOk: boolean }>;
	putUser(user: FakeOktaUser): { id: string };
	putGroup(group: FakeOktaGroup): { id: string };
	setMembership(groupId: string, userId: string, member: boolean): void;
	/** Enrolls a Classic factor for the user, as the user would. */
	enrollFactor(userId: string, factorType?: string, provider?: string): FakeOktaFactor;
	/** Writes Okta accepted: method, path with query string, and JSON body. */
	writes(): Array<{ method: string; path: string; params: unknown }>;
	injectFaults(fault: InjectedFault & { resetInSeconds?: number }): void;
	/** Holds GETs under the prefix until released; they then answer with the state at that moment. */
	holdReads(pathPrefix: string): { waiting(): number; release(): void };
	deliver(hookId: string, delivery: unknown, options?: { retry?: boolean }): Promise<{ status: number; body: string; attempts: number }>;
	close(): Promise<void>;
}
export function startFakeOkta(options?: {
	apiToken?: string;
	users?: FakeOktaUser[];
	groups?: FakeOktaGroup[];
	memberships?: Record<string, string[]>;
	pageSize?: number;
	port?: number;
	/** Requests per endpoint and window; `enforce` answers 429 E0000047 past the limit. Default 600 per 60 s, not enforced. */
	rateLimit?: { limit?: number; windowSeconds?: number; enforce?: boolean };
	/** Custom user profile attributes besides Okta's base profile; default ['idpUserId']. */
	customAttributes?: string[];
}): Promise<FakeOkta>;
