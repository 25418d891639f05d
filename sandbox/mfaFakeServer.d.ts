/** One request a PingOne or RSA fake received. */
export interface FakeMfaCall {
	method: string;
	path: string;
	/** Method and path pattern, e.g. `DELETE /users/:id/devices/:id` or `POST /as/token`. */
	route: string;
	kind: 'token' | 'read' | 'write';
	/** The status sent; 0 when the connection was dropped. */
	status: number;
	query: Record<string, string>;
	/** The parsed JSON body (token requests: only `grant_type`). */
	body?: unknown;
	/** How the request authenticated, e.g. `bearer`, `CLIENT_SECRET_BASIC`, `none`. */
	auth?: string;
	/** Set when an injected fault answered this call. */
	fault?: string;
}

export interface FakeMfaCounts {
	total: number;
	token: number;
	reads: number;
	writes: number;
	byRoute: Record<string, number>;
}

/**
 * A fault for the next `count` matching calls (default all), each with probability `rate` (seeded by
 * `seed`). `status` answers instead of the service; `drop` closes the connection without an answer;
 * `delayMs` waits first. With `afterApply` the call takes effect before the fault, as when a response
 * is lost after the write happened.
 */
export interface FakeMfaFault {
	status?: number;
	drop?: boolean;
	delayMs?: number;
	afterApply?: boolean;
	count?: number;
	rate?: number;
	seed?: number;
	method?: string;
	route?: string;
	/** Sent as `Retry-After` with the fault. */
	retryAfterSeconds?: number;
}

export interface FakeMfaServer {
	/** `http://127.0.0.1:<port>` */
	origin: string;
	calls: FakeMfaCall[];
	counts(): FakeMfaCounts;
	resetCounts(): void;
	injectFaults(fault: FakeMfaFault): void;
	clearFaults(): void;
	close(): Promise<void>;
}

/**
 * Caps the request rate: `delay` (the default) holds each request until its slot, 1/perSecond after the
 * last; `reject` answers 429 (with the provider's body) to requests beyond perSecond in any second.
 */
export interface FakeMfaRateLimit {
	perSecond: number;
	mode?: 'delay' | 'reject';
}
