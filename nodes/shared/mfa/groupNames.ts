import { matchesAny } from '../mapping';

/**
 * Names from a node field: a comma- or newline-separated string or a list, trimmed, without
 * case-insensitive duplicates.
 */
export function parseNameList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[,\n]/);
	const seen = new Set<string>();
	const names: string[] = [];
	for (const part of parts) {
		const name = part.trim();
		if (name && !seen.has(name.toLowerCase())) {
			seen.add(name.toLowerCase());
			names.push(name);
		}
	}
	return names;
}

/** Which group names an operation may touch; `bounded` says whether a list limits it at all. */
export interface GroupAllowlist {
	(name: string): boolean;
	bounded: boolean;
}

/** Names or `*`/`?` patterns, case-insensitive. An empty list allows every group. */
export function groupAllowlist(patterns: string[]): GroupAllowlist {
	const allowed = ((name: string) => patterns.length === 0 || matchesAny(name, patterns)) as GroupAllowlist;
	allowed.bounded = patterns.length > 0;
	return allowed;
}
