import type { IncomingMessage } from 'node:http';

/** A failure an IdP fake answers with instead of the real response, `count` times (default 1). */
export interface InjectedFault {
	status: number;
	count?: number;
	/** Only requests whose path starts with this. */
	pathPrefix?: string;
	/** Only requests with this method. */
	method?: string;
}

export function readBody(req: IncomingMessage): Promise<string>;
export function takeFault<F extends { count: number; method?: string; pathPrefix?: string }>(
	faults: F[],
	method: string,
	path: string,
): F | undefined;
