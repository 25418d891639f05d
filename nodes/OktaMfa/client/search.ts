/**
 * Okta `search` and `filter` expressions that look many users up at once: terms joined by `or`,
 * cut into batches whose expression stays well inside common URL length limits.
 */

const MAX_EXPRESSION = 3000;
const MAX_TERMS = 100;

/** A value as a double-quoted Okta string literal. */
export function quoted(value: string): string {
	return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The terms, joined by `or`, in batches of at most 100 terms and 3,000 characters. */
export function orBatches(terms: string[]): string[] {
	const batches: string[] = [];
	let current: string[] = [];
	let length = 0;
	for (const term of terms) {
		const added = term.length + 4;
		if (current.length > 0 && (current.length >= MAX_TERMS || length + added > MAX_EXPRESSION)) {
			batches.push(current.join(' or '));
			current = [];
			length = 0;
		}
		current.push(term);
		length += added;
	}
	if (current.length > 0) batches.push(current.join(' or '));
	return batches;
}

/** Terms matching each key as a login, and as the anchor attribute when there is one. */
export function userKeyTerms(keys: string[], anchorField: string): string[] {
	return keys.flatMap((key) => [
		`profile.login eq ${quoted(key)}`,
		...(anchorField === 'none' ? [] : [`profile.${anchorField} eq ${quoted(key)}`]),
	]);
}
