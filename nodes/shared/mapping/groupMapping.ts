import type { CompiledProfile } from './compileProfile';
import { globToRegExp, matchesAny } from './patterns';

export type GroupMapping = { name: string } | { skipped: string };

/**
 * Decides whether an IdP group reaches the MFA provider and under which name: `include` (when given) must
 * match, `exclude` must not, then the first `rename` entry that matches renames it; a `*` in the target
 * stands for what the pattern's first `*` matched (`"mfa-*": "*"` strips the prefix).
 */
export function mapGroupName(groups: CompiledProfile['groups'], name: string): GroupMapping {
	if (groups.include.length && !matchesAny(name, groups.include)) {
		return { skipped: `group "${name}" is not in groups.include` };
	}
	if (matchesAny(name, groups.exclude)) return { skipped: `group "${name}" is in groups.exclude` };
	for (const [pattern, target] of groups.rename) {
		const match = globToRegExp(pattern).exec(name);
		if (!match) continue;
		const captured = match[1] ?? '';
		const renamed = target.includes('*') ? target.replace('*', () => captured) : target;
		return renamed ? { name: renamed } : { skipped: `group "${name}" renames to an empty name` };
	}
	return { name };
}
