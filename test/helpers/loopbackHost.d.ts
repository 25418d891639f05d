export interface LoopbackRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: Buffer;
}
export interface LoopbackReply {
	status: number;
	headers: Record<string, string>;
	body: string;
}
export function serveOnLoopback(
	handle: (request: LoopbackRequest) => Promise<LoopbackReply>,
): Promise<{ origin: string; close(): Promise<void> }>;
