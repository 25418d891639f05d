import type { IdentityEvent } from '../../../shared/model';
import type { NormalizeOptions } from '../../pipeline/sourceAdapter';
import { bump, newTally } from '../../pipeline/tally';
import type { NormalizeOutcome } from '../../pipeline/types';
import type { ItemOutcome } from './auth0.events';
import { normalizeAuth0CloudEvent } from './auth0.normalizeEvents';
import { normalizeAuth0Log } from './auth0.normalizeLogs';
import type { Auth0Delivery } from './auth0.wire';

interface Item {
	key: string;
	at: number;
	index: number;
	normalize(): ItemOutcome;
}

/**
 * Maps one Auth0 delivery to normalized events in occurrence order (Auth0 does not guarantee
 * order). A log or CloudEvent repeated within the delivery is taken once (`log_id` / `id`);
 * failed attempts and unmapped types are counted, never thrown.
 */
export function normalizeAuth0Delivery(
	delivery: Auth0Delivery,
	options: NormalizeOptions,
): NormalizeOutcome {
	const outcome: NormalizeOutcome = { events: [], ignored: newTally(), failedOutcomes: 0 };
	const ignore = (reason: string) => bump(outcome.ignored, reason);
	const items: Item[] = [
		...delivery.logs.map((entry, index) => ({
			key: `log:${entry.log_id}`,
			at: Date.parse(entry.data.date),
			index,
			normalize: () => normalizeAuth0Log(entry, options),
		})),
		...delivery.events.map((event, index) => ({
			key: `event:${event.id}`,
			at: Date.parse(event.time),
			index: delivery.logs.length + index,
			normalize: () => normalizeAuth0CloudEvent(event, options),
		})),
	].sort((a, b) => a.at - b.at || a.index - b.index);

	const seen = new Set<string>();
	const events: IdentityEvent[] = [];
	for (const item of items) {
		if (seen.has(item.key)) {
			ignore('repeated within the delivery');
			continue;
		}
		seen.add(item.key);
		const result = item.normalize();
		if ('failed' in result) outcome.failedOutcomes++;
		else if ('ignored' in result) ignore(result.ignored);
		else events.push(...result.events);
	}
	outcome.events = events;
	return outcome;
}
