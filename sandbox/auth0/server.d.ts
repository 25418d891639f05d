import type { InjectedFault } from '../http';

export interface FakeAuth0UserInput {
	user_id?: string;
	email?: string;
	username?: string;
	name?: string;
	given_name?: string;
	family_name?: string;
	blocked?: boolean;
	connection?: string;
	created_at?: string;
	user_metadata?: Record<string, unknown>;
	app_metadata?: Record<string, unknown>;
}
export interface FakeAuth0Method {
	id: string;
	type: string;
	confirmed: boolean;
	name?: string;
}
export interface FakeAuth0User extends FakeAuth0UserInput {
	user_id: string;
	created_at: string;
	updated_at: string;
	identities: Array<{ connection: string; user_id: string; provider: string; isSocial: boolean }>;
}
export interface FakeAuth0Role {
	id: string;
	name: string;
	description: string;
}
export interface FakeAuth0LogEntry {
	log_id: string;
	data: {
		date: string;
		type: string;
		log_id: string;
		tenant_name: string;
		[field: string]: unknown;
	};
}
export interface FakeAuth0LogStream {
	id: string;
	name: string;
	type: 'http';
	status: 'active' | 'paused' | 'suspended';
	sink: {
		httpEndpoint: string;
		httpContentType: string;
		httpContentFormat: 'JSONARRAY' | 'JSONLINES' | 'JSONOBJECT';
		httpAuthorization?: string;
	};
	/** Index into `state.logs` of the next log to deliver. */
	cursor: number;
}
export interface FakeAuth0EventStream {
	id: string;
	name: string;
	status: 'enabled' | 'disabled';
	subscriptions: Array<{ event_type: string }>;
	destination: {
		type: 'webhook';
		configuration: {
			webhook_endpoint: string;
			webhook_authorization?:
				| { method: 'bearer'; token: string }
				| { method: 'basic'; username: string; password: string };
		};
	};
}
export interface FakeAuth0Reply {
	status: number;
	body: string;
	attempts: number;
}
export interface FakeAuth0 {
	url: string;
	domain: string;
	clientId: string;
	clientSecret: string;
	state: {
		users: Map<string, FakeAuth0User>;
		roles: Map<string, FakeAuth0Role>;
		userRoles: Map<string, Set<string>>;
		enrollments: Map<string, unknown[]>;
		/** Authentication methods by user id (a database user's password is implied). */
		authMethods: Map<string, FakeAuth0Method[]>;
		/** Enrollment tickets created, with whether Auth0 was asked to email them. */
		tickets: Array<{ ticket_id: string; user_id: string; email?: string; send_mail: boolean }>;
		logStreams: Map<string, FakeAuth0LogStream>;
		eventStreams: Map<string, FakeAuth0EventStream>;
		logs: FakeAuth0LogEntry[];
		eventQueue: Array<{ streamId: string; event: Record<string, unknown> }>;
	};
	requests: Array<{ method: string; path: string; status: number; query: string; body?: unknown }>;
	exportJobs: Map<string, { id: string; status: string; created_at: string; fields: Array<{ name: string; export_as?: string }> }>;
	exportDownloads: Array<{ jobId: string; status: number }>;
	readonly tokensIssued: number;
	putUser(user: FakeAuth0UserInput): FakeAuth0User;
	enrollMethod(userId: string, type: string, extra?: { id?: string; name?: string }): FakeAuth0Method;
	/** Writes Auth0 accepted: method, path under /api/v2 with query, JSON body (passwords redacted). */
	writes(): Array<{ method: string; path: string; params: unknown }>;
	signup(profile: FakeAuth0UserInput): FakeAuth0User;
	guardianUnenroll(
		userId: string,
		authenticator?: { type: string; name?: string },
	): FakeAuth0LogEntry;
	log(type: string, fields: Record<string, unknown>): FakeAuth0LogEntry;
	admin(
		method: string,
		path: string,
		body?: Record<string, unknown>,
	): Promise<{ status: number; body: unknown }>;
	flushLogs(): Promise<Array<FakeAuth0Reply & { streamId: string; count: number }>>;
	deliverLogs(
		streamId: string,
		entries: unknown[],
		options?: { format?: 'JSONARRAY' | 'JSONLINES' | 'JSONOBJECT' },
	): Promise<FakeAuth0Reply>;
	flushEvents(): Promise<Array<FakeAuth0Reply & { streamId: string; eventId: string }>>;
	injectFaults(fault: InjectedFault & { retryAfter?: number | null; resetInSeconds?: number }): void;
	close(): Promise<void>;
}
export const ALL_SCOPES: string[];
export function startFakeAuth0(options?: {
	clientId?: string;
	clientSecret?: string;
	scopes?: string[];
	tenant?: string;
	users?: Array<FakeAuth0UserInput & { methods?: Array<{ type: string; id?: string; name?: string }> }>;
	roles?: Array<{ id?: string; name: string; description?: string }>;
	userRoles?: Record<string, string[]>;
	prefixedEventTypes?: boolean;
	port?: number;
	/** How many GET /api/v2/jobs/{id} calls an export job takes to complete (default 2). */
	exportPollsUntilDone?: number;
	/** How long an export download link is valid (default 60 s, as Auth0 documents). */
	exportLinkTtlSeconds?: number;
}): Promise<FakeAuth0>;
