import { IDENTITY_EVENT_CATALOGUE, type IdentityEventType } from './eventCatalogue';

export interface EventTypeOption {
	name: string;
	value: IdentityEventType;
	description: string;
}

/** "Trigger On" options, derived from the catalogue and sorted by name as n8n's UI rules ask. */
export function identityEventTypeOptions(): EventTypeOption[] {
	return IDENTITY_EVENT_CATALOGUE.map((entry) => ({
		name: entry.name,
		value: entry.type,
		description: entry.description,
	})).sort((a, b) => a.name.localeCompare(b.name));
}
