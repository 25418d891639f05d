import type { IdentityEvent, IdentityEventType } from '../../shared/model';
import type { DirectReply, InboundRequest, ParseResult } from './request';
import type { DeliverySummary, NormalizeOutcome } from './types';

export interface NormalizeOptions {
	tenant: string;
	includeRaw: boolean;
	/** When the delivery arrived (ISO 8601): the occurrence time of events whose wire format has none. */
	receivedAt?: string;
}

/** What each identity provider contributes to the trigger: the pure, HTTP-shaped steps. */
export interface SourceAdapter<TDelivery> {
	/** Answers the provider's endpoint-verification request, if this is one. */
	handshake(request: InboundRequest): DirectReply | undefined;
	verify(request: InboundRequest, secret: string): { ok: true } | { ok: false; presented: string | undefined };
	/**
	 * Parses (and, for signed formats, verifies) the body. `prepared` is what the provider module's
	 * `prepare` looked up for this request (keys, expected issuer and audience); undefined otherwise.
	 */
	parse(request: InboundRequest, prepared?: unknown): ParseResult<TDelivery>;
	normalize(delivery: TDelivery, options: NormalizeOptions): NormalizeOutcome;
	/** How many raw events (log entries, notifications) the delivery carries, for Max Events per Delivery. */
	countEvents(delivery: TDelivery): number;
	/**
	 * Whether an event id was made up by the trigger (the wire format had none). Such ids are never
	 * used to suppress duplicates: two real changes could be given the same one.
	 */
	isSynthesizedId?(id: string): boolean;
	/** The status of the reply to an accepted delivery; 200 unless the provider asks for another 2xx. */
	acceptedStatus?: 200 | 202;
	/**
	 * Replies in the provider's own wire format, for protocols that define them (RFC 8935). Default:
	 * the summary as JSON for an accepted delivery, `{message}` for a refused one.
	 */
	replies?: {
		accepted(summary: DeliverySummary): DirectReply;
		/** `code` is the parser's failure code; `unauthorized` marks a missing or wrong shared secret. */
		refused(refusal: { status: number; message: string; code?: string; unauthorized?: boolean }): DirectReply;
	};
	/**
	 * The types a normalized event may still turn into when the provider module classifies it after
	 * the acknowledgement (for wire formats that only say "something changed"). Selection keeps an
	 * event when its type or any of these is selected; the trigger selects again after classifying.
	 */
	candidateTypes?(event: IdentityEvent): readonly IdentityEventType[];
}
