/** A string as a quoted SCIM filter value, with `"` and `\` escaped. */
export function filterValue(value: string): string {
	return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `attribute eq "a" or attribute eq "b" …` for one attribute and several values. */
export function anyOf(attribute: string, values: readonly string[]): string {
	return values.map((value) => `${attribute} eq ${filterValue(value)}`).join(' or ');
}

/**
 * Splits `values` into batches for OR-ed `eq` filters: at most `maxTerms` values, and at most
 * `maxFilterLength` characters of filter text, per batch. Duplicates (case-insensitive) are dropped.
 */
export function filterBatches(
	attribute: string,
	values: readonly string[],
	limits: { maxTerms: number; maxFilterLength: number },
): string[][] {
	const seen = new Set<string>();
	const batches: string[][] = [];
	let current: string[] = [];
	let length = 0;
	for (const value of values) {
		const key = value.toLowerCase();
		if (!value || seen.has(key)) continue;
		seen.add(key);
		const term = `${attribute} eq ${filterValue(value)}`.length;
		const full = current.length >= limits.maxTerms;
		if (current.length && (full || length + 4 + term > limits.maxFilterLength)) {
			batches.push(current);
			current = [];
			length = 0;
		}
		length += current.length ? 4 + term : term;
		current.push(value);
	}
	if (current.length) batches.push(current);
	return batches;
}
