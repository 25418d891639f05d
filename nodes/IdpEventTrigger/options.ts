import type { IDataObject } from 'n8n-workflow';

import { IDENTITY_EVENT_TYPES, type IdentityEventType } from '../shared/model';

export const DEFAULT_MAX_EVENTS_PER_DELIVERY = 1000;

export interface TriggerOptions {
	dedupeWindowMinutes: number;
	maxEventsPerDelivery: number;
	enrich: boolean;
	includeGroups: boolean;
	includeRaw: boolean;
}

export function readTriggerOptions(options: IDataObject): TriggerOptions {
	return {
		dedupeWindowMinutes: typeof options.dedupeWindowMinutes === 'number' ? options.dedupeWindowMinutes : 1440,
		maxEventsPerDelivery:
			typeof options.maxEventsPerDelivery === 'number' && options.maxEventsPerDelivery >= 1
				? options.maxEventsPerDelivery
				: DEFAULT_MAX_EVENTS_PER_DELIVERY,
		enrich: options.enrich !== false,
		includeGroups: options.includeGroups === true,
		includeRaw: options.includeRaw === true,
	};
}

export function readSelectedEvents(value: unknown): IdentityEventType[] {
	const known = new Set<string>(IDENTITY_EVENT_TYPES);
	return Array.isArray(value) ? value.filter((v): v is IdentityEventType => known.has(String(v))) : [];
}
