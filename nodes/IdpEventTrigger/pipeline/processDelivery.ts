import type { IdentityEvent, IdentityEventType } from '../../shared/model';
import { describePresentedSecret } from '../../shared/security/redactSecret';
import { coalesceMfaResets } from './coalesceMfaResets';
import { partitionSeen, type SeenEventWindow } from './dedupe';
import { jsonReply, type DirectReply, type InboundRequest } from './request';
import type { SourceAdapter } from './sourceAdapter';

export interface DeliverySummary {
	received: number;
	emitted: number;
	duplicates: number;
	failedOutcomes: number;
	unselected: number;
	ignored: Record<string, number>;
}

export type DeliveryResult =
	| { kind: 'handshake'; reply: DirectReply }
	| { kind: 'rejected'; reply: DirectReply; log: string }
	| {
			kind: 'accepted';
			reply: DirectReply;
			events: IdentityEvent[];
			summary: DeliverySummary;
			/** The parsed delivery, for provider follow-ups after the acknowledgement. */
			delivery: unknown;
	  };

export interface DeliveryContext {
	secret: string | undefined;
	selected: readonly IdentityEventType[];
	tenant: string;
	includeRaw: boolean;
	window: SeenEventWindow | undefined;
	windowMs: number;
	now: number;
}

/**
 * handshake → verify (raw bytes, constant time) → parse → normalize → coalesce → select → dedupe.
 * Pure: the caller writes the reply, enriches, and records the emitted ids.
 */
export function processDelivery<T>(
	adapter: SourceAdapter<T>,
	request: InboundRequest,
	context: DeliveryContext,
): DeliveryResult {
	const handshake = adapter.handshake(request);
	if (handshake) return { kind: 'handshake', reply: handshake };

	if (!context.secret) {
		return {
			kind: 'rejected',
			reply: jsonReply(401, { message: 'Unauthorized' }),
			log: 'Rejected a delivery: no shared secret is configured for this trigger',
		};
	}
	const verified = adapter.verify(request, context.secret);
	if (!verified.ok) {
		return {
			kind: 'rejected',
			reply: jsonReply(401, { message: 'Unauthorized' }),
			log: `Rejected a delivery with ${describePresentedSecret(verified.presented)} that does not match the shared secret`,
		};
	}

	const parsed = adapter.parse(request);
	if (!parsed.ok) {
		return { kind: 'rejected', reply: jsonReply(400, { message: parsed.message }), log: parsed.message };
	}

	const normalized = adapter.normalize(parsed.value, {
		tenant: context.tenant,
		includeRaw: context.includeRaw,
		receivedAt: new Date(context.now).toISOString(),
	});
	const coalesced = coalesceMfaResets(normalized.events);
	const wanted = new Set(context.selected);
	const selected = coalesced.filter(
		(event) =>
			wanted.has(event.type) ||
			(adapter.candidateTypes?.(event) ?? []).some((type) => wanted.has(type)),
	);
	const { fresh, duplicates } = context.window
		? partitionSeen(context.window, selected, (event) => event.source.eventIds, context.now, context.windowMs)
		: { fresh: selected, duplicates: [] };

	const summary: DeliverySummary = {
		received: normalized.events.length + normalized.failedOutcomes + Object.values(normalized.ignored).reduce((a, b) => a + b, 0),
		emitted: fresh.length,
		duplicates: duplicates.length,
		failedOutcomes: normalized.failedOutcomes,
		unselected: coalesced.length - selected.length,
		ignored: normalized.ignored,
	};
	return {
		kind: 'accepted',
		reply: jsonReply(adapter.acceptedStatus ?? 200, summary),
		events: fresh,
		summary,
		delivery: parsed.value,
	};
}
