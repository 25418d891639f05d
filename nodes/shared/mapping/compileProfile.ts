import { zodIssueList } from '../model';
import { compileRule, compileTemplateAt, type CompiledRule, type ProfileIssue } from './rules';
import type { ParsedTemplate } from './template';
import { MappingProfileSchema, type MappingProfile } from './profile.schema';

/** Which IdP MFA resets reset the MFA provider: any, those of a factor the provider owns, or factor patterns. */
export type ResetFactors = 'any' | 'provider' | string[];

export interface CompiledProfile {
	username?: ParsedTemplate;
	attributes: Array<[field: string, template: ParsedTemplate]>;
	groups: {
		include: string[];
		exclude: string[];
		rename: Array<[pattern: string, target: string]>;
		createMissing?: boolean;
	};
	rules: CompiledRule[];
	onDelete?: 'delete' | 'disable';
	reset?: { factors: ResetFactors };
}

export class ProfileError extends Error {
	constructor(readonly issues: ProfileIssue[]) {
		super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
	}
}

/**
 * Validates a profile and compiles its templates and rules. `allowedAttributes`, when given, lists the MFA
 * provider's writable fields. Every problem is named by its path.
 */
export function tryCompileProfile(
	value: unknown,
	options: { prefix?: string; allowedAttributes?: readonly string[] } = {},
): { profile: CompiledProfile; issues: [] } | { profile?: undefined; issues: ProfileIssue[] } {
	const prefix = options.prefix ?? '';
	const at = (path: string) => (prefix ? `${prefix}.${path}` : path);
	const parsed = MappingProfileSchema.safeParse(value);
	if (!parsed.success) {
		return {
			issues: zodIssueList(parsed.error).map(({ path, message }) => ({
				path: path ? at(path) : prefix || '(profile)',
				message,
			})),
		};
	}
	const source: MappingProfile = parsed.data;
	const issues: ProfileIssue[] = [];
	const username = source.username === undefined ? undefined : compileTemplateAt(source.username, at('username'), issues);
	const attributes: CompiledProfile['attributes'] = [];
	for (const [field, text] of Object.entries(source.attributes)) {
		if (options.allowedAttributes && !options.allowedAttributes.includes(field)) {
			issues.push({ path: at(`attributes.${field}`), message: `not a writable field; use one of ${options.allowedAttributes.join(', ')}` });
			continue;
		}
		const compiled = compileTemplateAt(text, at(`attributes.${field}`), issues);
		if (compiled) attributes.push([field, compiled]);
	}
	const rules = source.rules.map((rule, index) => compileRule(rule, at(`rules[${index}]`), issues));
	if (issues.length) return { issues };
	const profile: CompiledProfile = {
		username,
		attributes,
		groups: {
			include: source.groups.include,
			exclude: source.groups.exclude,
			rename: Object.entries(source.groups.rename),
			createMissing: source.groups.createMissing,
		},
		rules: rules as CompiledRule[],
		onDelete: source.onDelete,
		reset: source.reset,
	};
	return { profile, issues: [] };
}

/** tryCompileProfile that throws a ProfileError listing every problem. */
export function compileProfile(value: unknown, options: { prefix?: string; allowedAttributes?: readonly string[] } = {}): CompiledProfile {
	const result = tryCompileProfile(value, options);
	if (!result.profile) throw new ProfileError(result.issues);
	return result.profile;
}
