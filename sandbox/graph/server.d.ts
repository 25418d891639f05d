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
	requests: Array<{ method: string; path: string; status: number }>;
	readonly tokensIssued: number;
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
export function startFakeGraph(options?: {
	tenantId?: string;
	clientId?: string;
	clientSecret?: string;
	permissions?: string[];
	users?: FakeGraphUser[];
	groups?: FakeGraphGroup[];
	members?: Record<string, string[]>;
	pageSize?: number;
	port?: number;
}): Promise<FakeGraph>;
