/** The parts of an inbound HTTP request the adapters read; independent of n8n and express. */
export interface InboundRequest {
	method: string;
	headers: Record<string, string | string[] | undefined>;
	query: Record<string, unknown>;
	rawBody: Buffer | undefined;
	contentType: string | undefined;
}

/** A reply written by the trigger itself (handshakes, rejections). */
export interface DirectReply {
	status: number;
	/** Undefined for a reply without a body. */
	contentType: 'application/json' | 'text/plain' | undefined;
	body: string;
	/** More response headers, e.g. `Content-Language`. */
	headers?: Record<string, string>;
}

export function headerValue(request: InboundRequest, name: string): string | undefined {
	const value = request.headers[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

export function jsonReply(status: number, body: unknown): DirectReply {
	return { status, contentType: 'application/json', body: JSON.stringify(body) };
}

/** `code` names the kind of failure where the wire protocol has error codes (RFC 8935's `err`). */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string; code?: string };
