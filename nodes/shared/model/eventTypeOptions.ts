import { IDENTITY_EVENT_CATALOGUE, type IdentityEventType } from './eventCatalogue';

export interface EventTypeOption {
	name: string;
	value: IdentityEventType;
	description: string;
	/** What n8n's node panel lists for the option, e.g. "On user MFA reset". */
	action: string;
}

/** "User MFA Reset" → "user MFA reset": words in lower case, acronyms kept. */
function inSentence(name: string): string {
	return name
		.split(' ')
		.map((word) => (word.length > 1 && word === word.toUpperCase() ? word : word.toLowerCase()))
		.join(' ');
}

/**
 * "Trigger On" options, derived from the catalogue and sorted by name as n8n's UI rules ask. Without
 * an action, n8n's node panel would list each option as "On " + its name in lower case ("On user mfa
 * reset").
 */
export function identityEventTypeOptions(): EventTypeOption[] {
	return IDENTITY_EVENT_CATALOGUE.map((entry) => ({
		name: entry.name,
		value: entry.type,
		description: entry.description,
		action: `On ${inSentence(entry.name)}`,
	})).sort((a, b) => a.name.localeCompare(b.name));
}
