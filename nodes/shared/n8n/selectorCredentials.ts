import type { NodeParameterValue } from 'n8n-workflow';

/**
 * Display rules that show something only while `parameter` has one of `values`, written as "hidden
 * for every other value".
 *
 * n8n's editor (2.41) takes an options parameter for the node's authentication selector when the
 * node's credentials are shown (`displayOptions.show`) for every one of its values; it then removes
 * that parameter, and every parameter shown by it, from the node's panel and asks for the choice in
 * the credential dialog instead. Hide rules leave such a selector a visible parameter, and n8n shows
 * and checks the credentials exactly as with show rules.
 */
export function onlyFor(
	parameter: string,
	allValues: readonly string[],
	values: readonly string[],
): Record<string, NodeParameterValue[]> {
	const others = allValues.filter((value) => !values.includes(value));
	return others.length > 0 ? { [parameter]: others } : {};
}
