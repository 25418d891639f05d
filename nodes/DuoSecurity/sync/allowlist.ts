/**
 * Group allowlist: names or `*` wildcard patterns, case-insensitive. An empty list allows every group.
 * Accepts a comma- or newline-separated string or an array.
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

function patternToRegExp(pattern: string): RegExp {
	const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
	return new RegExp(`^${escaped}$`, 'i');
}

export type GroupAllowlist = (name: string) => boolean;

export function groupAllowlist(patterns: string[]): GroupAllowlist {
	if (patterns.length === 0) return () => true;
	const expressions = patterns.map(patternToRegExp);
	return (name) => expressions.some((expression) => expression.test(name));
}
