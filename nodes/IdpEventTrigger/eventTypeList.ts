import { IDENTITY_EVENT_CATALOGUE, type IdentityEventType } from '../shared/model';

/**
 * An HTML list (n8n notices render `ul` and `li`) of the provider event types behind each normalized
 * event, in catalogue order: "User Created: user.lifecycle.create". Events the provider cannot
 * deliver are left out.
 */
export function eventTypeList(
	eventMap: Readonly<Record<string, IdentityEventType>>,
	label: (providerType: string) => string = (providerType) => providerType,
): string {
	const items = IDENTITY_EVENT_CATALOGUE.flatMap((entry) => {
		const types = Object.keys(eventMap).filter((type) => eventMap[type] === entry.type);
		return types.length > 0 ? [`<li>${entry.name}: ${types.map(label).join(', ')}</li>`] : [];
	});
	return `<ul>${items.join('')}</ul>`;
}
