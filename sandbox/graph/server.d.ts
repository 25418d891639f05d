import type { InjectedFault } from '../http';

export interface FakeGraphUser {
	id: string;
	userPrincipalName?: string;
	mail?: string | null;
	givenName?: string;
	surname?: string;
	displayName?: string;
	accountEnabled?: boolean;
	createdDateTime?: string;
	jobTitle?: string | null;
	department?: string | null;
	[property: string]: unknown;
}
export interface FakeGraphMethodSeed {
	/** Short type: phone, microsoftAuthenticator, softwareOath, fido2, email, windowsHelloForBusiness, temporaryAccessPass. */
	type: string;
	phoneType?: 'mobile' | 'alternateMobile' | 'office';
	displayName?: string;
	/** A fixed id (phones have Graph's fixed ids per phone type). */
	id?: string;
	/** Makes it the user's default MFA method (else the first method is). */
	isDefault?: boolean;
}
export interface FakeGraphMethod {
	'@odata.type': string;
	id: string;
	phoneType?: string;
	displayName?: string;
}
export interface FakeGraphGroup {
	id: string;
	displayName?: string;
	description?: string | null;
	createdDateTime?: string;
	[property: string]: unknown;
}
export interface FakeGraphSubscription {
	id: string;
	resource: string;
	changeType: string;
	clientState: string | null;
	notificationUrl: string;
	lifecycleNotificationUrl: string | null;
	expirationDateTime: string;
	reauthorizationNeeded: boolean;
}
export interface FakeGraphReply {
	status: number;
	body: string;
}
export interface FakeGraph {
	graphUrl: string;
	loginUrl: string;
	tenantId: string;
	clientId: string;
	clientSecret: string;
	directory: {
		users: Map<string, FakeGraphUser>;
		deletedUsers: Map<string, FakeGraphUser>;
		groups: Map<string, FakeGraphGroup>;
		deletedGroups: Map<string, FakeGraphGroup>;
		members: Map<string, Set<string>>;
	};
	subscriptions: Map<string, FakeGraphSubscription>;
	validations: Array<{
		url: string;
		status: number;
		ok: boolean;
		contentType?: string;
		error?: string;
	}>;
	queued: Array<{ subscriptionId: string; notification: Record<string, unknown> }>;
	requests: Array<{ method: string; path: string; status: number; query: string; body?: unknown }>;
	readonly tokensIssued: number;
	/** Authentication methods by user id (the password is implied). */
	authMethods: Map<string, FakeGraphMethod[]>;
	defaultMethods: Map<string, string>;
	/** revokeSignInSessions calls by user id. */
	revocations: Map<string, number>;
	enrollMethod(userId: string, type: string, extra?: Omit<FakeGraphMethodSeed, 'type'>): FakeGraphMethod;
	/** Writes Graph accepted: method, path under /v1.0 with query, JSON body (passwords redacted). */
	writes(): Array<{ method: string; path: string; params: unknown }>;
	createUser(input: Partial<FakeGraphUser>): FakeGraphUser;
	updateUser(id: string, patch: Partial<FakeGraphUser>): FakeGraphUser;
	softDeleteUser(id: string): undefined;
	restoreUser(id: string): FakeGraphUser;
	hardDeleteUser(id: string): undefined;
	createGroup(input: Partial<FakeGraphGroup>): FakeGraphGroup;
	updateGroup(id: string, patch: Partial<FakeGraphGroup>): FakeGraphGroup;
	/** Moves a Microsoft 365 group to deleted items (notified as `updated`). */
	softDeleteGroup(id: string): undefined;
	deleteGroup(id: string): undefined;
	addMember(groupId: string, userId: string): undefined;
	removeMember(groupId: string, userId: string): undefined;
	flush(): Promise<Array<FakeGraphReply & { url: string; count: number }>>;
	lifecycle(
		subscriptionId: string,
		lifecycleEvent: 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed',
	): Promise<FakeGraphReply>;
	deliver(subscriptionId: string, payload: unknown): Promise<FakeGraphReply>;
	subscribe(
		body: Record<string, unknown>,
	): Promise<{ status: number; body: Record<string, unknown> }>;
	advanceClock(ms: number): void;
	setExpiration(subscriptionId: string, iso: string): void;
	injectFaults(fault: InjectedFault & { retryAfter?: number }): void;
	close(): Promise<void>;
}
export const ALL_PERMISSIONS: string[];
/** The application permissions the Entra ID MFA node needs. */
export const MFA_PERMISSIONS: string[];
export function startFakeGraph(options?: {
	tenantId?: string;
	clientId?: string;
	clientSecret?: string;
	permissions?: string[];
	users?: Array<FakeGraphUser & { methods?: FakeGraphMethodSeed[] }>;
	groups?: FakeGraphGroup[];
	members?: Record<string, string[]>;
	pageSize?: number;
	port?: number;
}): Promise<FakeGraph>;
