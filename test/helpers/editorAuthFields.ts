import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

/*
 * How n8n's editor (n8n-editor-ui 2.41.1, `utils/nodeTypesUtils.ts`: getNodeAuthFields,
 * findAlternativeAuthField, getMainAuthField, isAuthRelatedParameter; read from the shipped bundle)
 * decides which parameter is a node's authentication selector. That parameter, and every parameter
 * an auth field's `displayOptions.show` depends on, is left out of the node's panel
 * (ParameterInputList) and chosen in the credential dialog instead.
 */

/** getNodeAuthFields: the parameters that any credential's `displayOptions.show` names. */
export function nodeAuthFields(nodeType: INodeTypeDescription): INodeProperties[] {
	const fields: INodeProperties[] = [];
	for (const credential of nodeType.credentials ?? []) {
		for (const name of Object.keys(credential.displayOptions?.show ?? {})) {
			for (const property of nodeType.properties.filter((p) => p.name === name)) {
				if (!fields.includes(property)) fields.push(property);
			}
		}
	}
	return fields;
}

/** findAlternativeAuthField: an auth field every one of whose values shows some credential. */
function alternativeAuthField(nodeType: INodeTypeDescription, fields: INodeProperties[]): INodeProperties | null {
	const shownFor: Record<string, string[]> = {};
	for (const credential of nodeType.credentials ?? []) {
		for (const [name, values] of Object.entries(credential.displayOptions?.show ?? {})) {
			shownFor[name] = (shownFor[name] ?? []).concat((values ?? []).map((value) => (value ? String(value) : '')));
		}
	}
	return (
		fields.find((field) => {
			if (!field.options?.length) return false;
			return (field.options as INodePropertyOptions[]).every(
				(option) => typeof option.value !== 'string' || shownFor[field.name].includes(option.value),
			);
		}) ?? null
	);
}

/** getMainAuthField: a field named `authentication` (without a "none" option), else the alternative. */
export function mainAuthField(nodeType: INodeTypeDescription): INodeProperties | null {
	const fields = nodeAuthFields(nodeType);
	const named = fields.find(
		(field) =>
			field.name === 'authentication' &&
			!(field.options as INodePropertyOptions[] | undefined)?.some((option) => option.value === 'none'),
	);
	return named ?? alternativeAuthField(nodeType, fields);
}

/** The parameters the editor leaves out of the node's panel because of its authentication selector. */
export function parametersHiddenAsAuth(nodeType: INodeTypeDescription): INodeProperties[] {
	const main = mainAuthField(nodeType);
	if (!main) return [];
	const fields = nodeAuthFields(nodeType);
	return nodeType.properties.filter(
		(property) =>
			property.name === main.name ||
			fields.some((field) => property.name in (field.displayOptions?.show ?? {})),
	);
}
