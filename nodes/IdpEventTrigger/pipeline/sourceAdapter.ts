import type { DirectReply, InboundRequest, ParseResult } from './request';
import type { NormalizeOutcome } from './types';

/** What each identity provider contributes to the trigger: the pure, HTTP-shaped steps. */
export interface SourceAdapter<TDelivery> {
	/** Answers the provider's endpoint-verification request, if this is one. */
	handshake(request: InboundRequest): DirectReply | undefined;
	verify(request: InboundRequest, secret: string): { ok: true } | { ok: false; presented: string | undefined };
	parse(request: InboundRequest): ParseResult<TDelivery>;
	normalize(delivery: TDelivery, options: { tenant: string; includeRaw: boolean }): NormalizeOutcome;
}
