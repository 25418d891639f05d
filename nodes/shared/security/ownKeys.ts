/** An empty object without a prototype: keys taken from input (`constructor`, `__proto__`) stay plain keys. */
export function emptyRecord<T>(): Record<string, T> {
	return Object.create(null) as Record<string, T>;
}

/** The value `record` holds under `key` itself, never one inherited from Object.prototype. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
	return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

/** Entries as a prototype-free record, safe to serialize and to read back with any key. */
export function recordOf<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
	const record = emptyRecord<T>();
	for (const [key, value] of entries) record[key] = value;
	return record;
}
