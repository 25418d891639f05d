import type { InjectedFault } from '../http';

export type SetAlgorithm = 'RS256' | 'PS256' | 'ES256';

export interface FakeStream {
	stream_id: string;
	iss: string;
	aud: string | string[];
	delivery: { method: string; endpoint_url: string; authorization_header?: string };
	events_supported: string[];
	events_requested: string[];
	events_delivered: string[];
	description?: string;
	status: 'enabled' | 'paused' | 'disabled';
	subjects: unknown[];
}

export interface PushRecord {
	streamId: string;
	kind: 'event' | 'verification' | 'stream-updated';
	status: number;
	attempts: number;
	body: string;
	contentLanguage?: string;
	contentType?: string;
	err?: string;
	description?: string;
	jti?: string;
}

export interface FakeTransmitter {
	url: string;
	readonly issuer: string;
	apiToken: string;
	streams: Map<string, FakeStream>;
	requests: Array<{ method: string; path: string; status: number }>;
	deliveries: PushRecord[];
	readonly kid: string;
	jwks(): { keys: Array<Record<string, unknown>> };
	rotateKeys(options?: { keepOld?: boolean }): string;
	claimsFor(
		streamId: string | undefined,
		eventKey: string,
		payload?: Record<string, unknown>,
		subject?: Record<string, unknown>,
		overrides?: Record<string, unknown>,
	): Record<string, unknown> & { jti: string };
	sign(claims: unknown, how?: { alg?: SetAlgorithm; forge?: 'none' | 'hs256' | 'foreign'; header?: Record<string, unknown> }): string;
	push(streamId: string, token: string): Promise<PushRecord>;
	emit(
		streamId: string,
		eventKey: string,
		payload?: Record<string, unknown>,
		subject?: Record<string, unknown>,
		overrides?: Record<string, unknown>,
	): Promise<PushRecord & { held?: boolean; filtered?: boolean }>;
	setStatus(streamId: string, status: 'enabled' | 'paused' | 'disabled', reason?: string): Promise<PushRecord>;
	injectFaults(fault: InjectedFault): void;
	injectPushFaults(fault?: { count?: number; lost?: 'request' | 'response' }): void;
	settled(): Promise<void>;
	close(): Promise<void>;
}

export function startFakeTransmitter(options?: {
	port?: number;
	issuerPath?: string;
	apiToken?: string;
	audience?: string | string[];
	eventsSupported?: string[];
	oneStreamPerReceiver?: boolean;
	minVerificationInterval?: number;
	criticalSubjectMembers?: string[];
	statusEndpoint?: boolean;
	verificationEndpoint?: boolean;
	retries?: number;
	retryDelayMs?: number;
	pushTimeoutMs?: number;
	/** A misconfigured transmitter: its SETs name this issuer instead of the one in its metadata. */
	setIssuer?: string;
}): Promise<FakeTransmitter>;
