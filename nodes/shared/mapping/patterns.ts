const compiled = new Map<string, RegExp>();

/**
 * Glob patterns for names: `*` matches any run of characters, `?` one character; nothing else is
 * special. Matching ignores case, as group names do in the identity and MFA providers.
 */
export function globToRegExp(pattern: string): RegExp {
	let regex = compiled.get(pattern);
	if (!regex) {
		const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '(.*)').replace(/\?/g, '(.)');
		regex = new RegExp(`^${body}$`, 'siu');
		if (compiled.size > 1000) compiled.clear();
		compiled.set(pattern, regex);
	}
	return regex;
}

export function matchesAny(name: string, patterns: readonly string[]): boolean {
	return patterns.some((pattern) => globToRegExp(pattern).test(name));
}
