const LOOKUP_CHUNK = 100;
const LOOKUP_CHARS = 4000;

/**
 * Splits lookup values into `username_list` / `user_id_list` batches of at most 100 values whose
 * URL-encoded JSON stays under 4000 characters, well inside common URL length limits.
 */
export function lookupBatches(values: string[]): string[][] {
	const batches: string[][] = [];
	let current: string[] = [];
	let length = 6;
	for (const value of values) {
		const size = encodeURIComponent(JSON.stringify(value)).length + 3;
		if (current.length > 0 && (current.length >= LOOKUP_CHUNK || length + size > LOOKUP_CHARS)) {
			batches.push(current);
			current = [];
			length = 6;
		}
		current.push(value);
		length += size;
	}
	if (current.length > 0) batches.push(current);
	return batches;
}

/** Trimmed values, without case-insensitive duplicates and without those `skip` rejects. */
export function uniqueKeys(
	values: Iterable<string> | undefined,
	skip: (value: string) => boolean,
): string[] {
	const seen = new Map<string, string>();
	for (const value of values ?? []) {
		const key = value?.trim().toLowerCase();
		if (key && !seen.has(key) && !skip(value)) seen.set(key, value.trim());
	}
	return [...seen.values()];
}
