import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { IdentityEvent, IdentityEventType } from '../shared/model';
import type { TriggerOptions } from './options';
import { makeTextWellFormed, malformedTextPath } from './pipeline/eventText';
import type { IdentityProviderModule } from './providers/provider';
import { triggerLog } from './triggerLog';

function markFailed(events: IdentityEvent[], message: string, onlyUnmarked: boolean): void {
	for (const event of events) {
		if (!onlyUnmarked || event.enrichment === undefined) event.enrichment = { status: 'failed', message };
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Everything the trigger does once the IdP has been told the delivery was received: provider
 * upkeep and classification, enrichment, and a last check of the text the IdP's API returned. None
 * of it may lose the delivery: a step that throws is logged, and the events are emitted anyway,
 * marked `enrichment: {status: 'failed', message}`.
 */
export async function finishAcknowledged(
	ctx: IWebhookFunctions,
	idp: IdentityProviderModule,
	staticData: IDataObject,
	accepted: { delivery: unknown; events: IdentityEvent[] },
	selected: readonly IdentityEventType[],
	options: TriggerOptions,
): Promise<IdentityEvent[]> {
	const log = triggerLog(ctx);
	let events = accepted.events;
	if (idp.afterAcknowledge) {
		try {
			events = await idp.afterAcknowledge(ctx, staticData, accepted);
		} catch (error) {
			const message = `Classifying the delivery failed after it was acknowledged: ${messageOf(error)}`;
			log.warn(message);
			events = events.flatMap((event) => {
				const kept = idp.unclassified ? idp.unclassified(event) : event;
				return kept ? [kept] : [];
			});
			markFailed(events, message, false);
		}
		events = events.filter((event) => selected.includes(event.type));
	}
	if (events.length === 0) return events;

	if (options.enrich) {
		try {
			await idp.enrich(ctx, events, { includeGroups: options.includeGroups });
		} catch (error) {
			const message = `Enrichment failed after the delivery was acknowledged: ${messageOf(error)}`;
			log.warn(message);
			markFailed(events, message, true);
		}
	} else {
		for (const event of events) event.enrichment ??= { status: 'off' };
	}

	for (const event of events) {
		const path = malformedTextPath(event);
		if (path === undefined) continue;
		makeTextWellFormed(event as unknown as Record<string, unknown>);
		event.enrichment = {
			status: 'failed',
			message: `The identity provider returned text at ${path} that is not well-formed Unicode; lone surrogates were replaced with U+FFFD`,
		};
	}
	return events;
}
