import type { IdentityEvent, IdentityEventType } from '../../shared/model';
import { describePresentedSecret } from '../../shared/security/redactSecret';
import { coalesceMfaResets } from './coalesceMfaResets';
import { partitionSeen, type SeenEventWindow } from './dedupe';
import { malformedTextPath } from './eventText';
import { withoutSecrets } from './rawEvent';
import { jsonReply, type DirectReply, type InboundRequest } from './request';
import type { SourceAdapter } from './sourceAdapter';
import { tallyTotal } from './tally';
import type { DeliverySummary } from './types';

export type { DeliverySummary } from './types';

export type DeliveryResult =
	| { kind: 'handshake'; reply: DirectReply }
	| { kind: 'rejected'; reply: DirectReply; log: string; unauthorized?: true }
	| {
			kind: 'accepted';
			reply: DirectReply;
			events: IdentityEvent[];
			summary: DeliverySummary;
			/** The parsed delivery, for provider follow-ups after the acknowledgement. */
			delivery: unknown;
	  };

export interface DeliveryContext {
	/**
	 * The secrets a delivery may present; any one of them is accepted. Empty: every delivery is
	 * refused, unless `secretOptional` (a signed format whose shared secret is an optional extra).
	 */
	secrets: readonly string[];
	secretOptional?: boolean;
	/** What the provider module prepared for this request, handed to the adapter's parse. */
	prepared?: unknown;
	/** Why there is no secret, for the log line when `secrets` is empty. */
	noSecretReason?: string;
	selected: readonly IdentityEventType[];
	tenant: string;
	includeRaw: boolean;
	/** Deliveries with more raw events than this are refused with 413. */
	maxEvents: number;
	/** The duplicate window; read only once the delivery is verified. Undefined: no suppression. */
	window: (() => SeenEventWindow) | undefined;
	windowMs: number;
	now: number;
}

/** The ids a duplicate check may rely on: those the IdP assigned, not ones the trigger made up. */
export function dedupeIds(adapter: SourceAdapter<unknown>, event: IdentityEvent): string[] {
	const synthesized = adapter.isSynthesizedId;
	return synthesized ? event.source.eventIds.filter((id) => !synthesized(id)) : event.source.eventIds;
}

function unauthorized<T>(adapter: SourceAdapter<T>, log: string): DeliveryResult {
	const reply = adapter.replies
		? adapter.replies.refused({ status: 401, message: 'The request does not carry the shared secret', unauthorized: true })
		: jsonReply(401, { message: 'Unauthorized' });
	return { kind: 'rejected', reply, log, unauthorized: true };
}

function refused<T>(adapter: SourceAdapter<T>, status: number, message: string, code?: string): DeliveryResult {
	const reply = adapter.replies ? adapter.replies.refused({ status, message, code }) : jsonReply(status, { message });
	return { kind: 'rejected', reply, log: message };
}

/** Every candidate is compared, each in constant time, whether or not an earlier one matched. */
export function verifyAny<T>(adapter: SourceAdapter<T>, request: InboundRequest, secrets: readonly string[]) {
	let presented: string | undefined;
	let ok = false;
	for (const secret of secrets) {
		const result = adapter.verify(request, secret);
		if (result.ok) ok = true;
		else presented = result.presented;
	}
	return { ok, presented };
}

/**
 * handshake → verify (raw bytes, constant time) → parse → size limit → normalize → coalesce →
 * select → well-formed text → dedupe. Pure: the caller writes the reply, enriches, and records the
 * emitted ids. Nothing is read from the duplicate window before the delivery is verified.
 */
export function processDelivery<T>(
	adapter: SourceAdapter<T>,
	request: InboundRequest,
	context: DeliveryContext,
): DeliveryResult {
	const handshake = adapter.handshake(request);
	if (handshake) return { kind: 'handshake', reply: handshake };

	if (context.secrets.length === 0 && !context.secretOptional) {
		return unauthorized(
			adapter,
			`Rejected a delivery: ${context.noSecretReason ?? 'no shared secret is configured for this trigger'}`,
		);
	}
	const verified =
		context.secrets.length === 0 ? { ok: true, presented: undefined } : verifyAny(adapter, request, context.secrets);
	if (!verified.ok) {
		return unauthorized(
			adapter,
			`Rejected a delivery with ${describePresentedSecret(verified.presented)} that does not match the shared secret`,
		);
	}

	const parsed = adapter.parse(request, context.prepared);
	if (!parsed.ok) return refused(adapter, 400, parsed.message, parsed.code);

	const count = adapter.countEvents(parsed.value);
	if (count > context.maxEvents) {
		return refused(
			adapter,
			413,
			`The delivery carries ${count} events, more than this trigger's Max Events per Delivery (${context.maxEvents}); nothing was processed`,
		);
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
	for (const event of selected) {
		if (event.raw !== undefined) event.raw = withoutSecrets(event.raw);
		const path = malformedTextPath(event);
		if (path !== undefined) {
			return refused(
				adapter,
				400,
				`The text at ${path} of event ${JSON.stringify(event.id)} is not well-formed Unicode (a lone UTF-16 surrogate); nothing was processed`,
			);
		}
	}
	const { fresh, duplicates } = context.window
		? partitionSeen(context.window(), selected, (event) => dedupeIds(adapter, event), context.now, context.windowMs)
		: { fresh: selected, duplicates: [] };

	const summary: DeliverySummary = {
		received: normalized.events.length + normalized.failedOutcomes + tallyTotal(normalized.ignored),
		emitted: fresh.length,
		duplicates: duplicates.length,
		failedOutcomes: normalized.failedOutcomes,
		unselected: coalesced.length - selected.length,
		ignored: normalized.ignored,
	};
	return {
		kind: 'accepted',
		reply: adapter.replies ? adapter.replies.accepted(summary) : jsonReply(adapter.acceptedStatus ?? 200, summary),
		events: fresh,
		summary,
		delivery: parsed.value,
	};
}
