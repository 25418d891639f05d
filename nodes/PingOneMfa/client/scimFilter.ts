/** A string as a quoted SCIM filter value, with `"` and `\` escaped. */
export function filterValue(value: string): string {
	return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** One `attribute eq "value"` term of an OR-ed lookup filter. */
export interface Criterion {
	attribute: string;
	value: string;
}

const termOf = ({ attribute, value }: Criterion) => `${attribute} eq ${filterValue(value)}`;

/** `a eq "x" or b eq "y" …`: the users any criterion matches. */
export function anyCriterion(criteria: readonly Criterion[]): string {
	return criteria.map(termOf).join(' or ');
}

/** `attribute eq "a" or attribute eq "b" …` for one attribute and several values. */
export function anyOf(attribute: string, values: readonly string[]): string {
	return anyCriterion(values.map((value) => ({ attribute, value })));
}

export interface FilterLimits {
	maxTerms: number;
	maxFilterLength: number;
}

/**
 * Splits criteria into batches for OR-ed `eq` filters: at most `maxTerms` terms, and at most
 * `maxFilterLength` characters of filter text, per batch. Empty values and duplicates (the same
 * attribute and value, case-insensitive) are dropped.
 */
export function criteriaBatches(criteria: readonly Criterion[], limits: FilterLimits): Criterion[][] {
	const seen = new Set<string>();
	const batches: Criterion[][] = [];
	let current: Criterion[] = [];
	let length = 0;
	for (const criterion of criteria) {
		const key = `${criterion.attribute}\u0000${criterion.value.toLowerCase()}`;
		if (!criterion.value || seen.has(key)) continue;
		seen.add(key);
		const term = termOf(criterion).length;
		const full = current.length >= limits.maxTerms;
		if (current.length && (full || length + 4 + term > limits.maxFilterLength)) {
			batches.push(current);
			current = [];
			length = 0;
		}
		length += current.length ? 4 + term : term;
		current.push(criterion);
	}
	if (current.length) batches.push(current);
	return batches;
}

/** {@link criteriaBatches} for one attribute, as batches of values. */
export function filterBatches(attribute: string, values: readonly string[], limits: FilterLimits): string[][] {
	const criteria = values.map((value) => ({ attribute, value }));
	return criteriaBatches(criteria, limits).map((batch) => batch.map((criterion) => criterion.value));
}
