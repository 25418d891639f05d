import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * An expression (for inside `{{ }}`) that reads `map[key]`, falling back to the key itself. A flat
 * JSON object never contains `}}`, which would end n8n's expression early.
 */
export function inWords(keyExpression: string, map: Readonly<Record<string, string>>): string {
	return `(${JSON.stringify(map)}[${keyExpression}] ?? ${keyExpression})`;
}

/** The option names of an options parameter, by value: `{ okta: 'Okta', entra: 'Microsoft Entra ID' }`. */
export function optionNames(property: INodeProperties): Record<string, string> {
	return Object.fromEntries(
		((property.options ?? []) as INodePropertyOptions[]).map((option) => [String(option.value), option.name]),
	);
}

/** "Create or update a user" → "Create or update user": an operation's action, shorter. */
function shortAction(action: string): string {
	return action.replace(/\b(a|an|the) /gi, '');
}

/**
 * A node subtitle in words for nodes with Resource and Operation selectors: the chosen operation's
 * action without articles ("Reset enrollment of user"), as n8n's own nodes map values to text.
 */
export function operationSubtitle(properties: readonly INodeProperties[]): string {
	const actions: Record<string, string> = {};
	for (const property of properties) {
		if (property.name !== 'operation' || property.displayOptions?.show?.['@tool']?.[0] === true) continue;
		for (const resource of property.displayOptions?.show?.resource ?? []) {
			for (const option of (property.options ?? []) as INodePropertyOptions[]) {
				actions[`${String(resource)}:${String(option.value)}`] = shortAction(option.action ?? option.name);
			}
		}
	}
	return inWords('$parameter["resource"] + ":" + $parameter["operation"]', actions);
}
