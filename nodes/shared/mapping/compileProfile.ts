import { zodIssueList } from '../model';
import { compileRule, type CompiledRule, type ProfileIssue } from './rules';
import { parseTemplate, TemplateSyntaxError, type ParsedTemplate } from './template';
import { MappingProfileSchema, type MappingProfile } from './profile.schema';

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
	reset?: { factors: 'any' | 'duoOnly' | string[] };
}

export class ProfileError extends Error {
	constructor(readonly issues: ProfileIssue[]) {
		super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '));
	}
}

function template(value: string, path: string, issues: ProfileIssue[]): ParsedTemplate | undefined {
	try {
		return parseTemplate(value);
	} catch (error) {
		if (!(error instanceof TemplateSyntaxError)) throw error;
		issues.push({ path, message: error.message });
		return undefined;
	}
}

/**
 * Validates a profile and compiles its templates and rules. `allowedAttributes`, when given, lists the MFA
 * provider's writable fields. Throws a ProfileError naming every problem by its path.
 */
export function compileProfile(value: unknown, options: { prefix?: string; allowedAttributes?: readonly string[] } = {}): CompiledProfile {
	const prefix = options.prefix ?? '';
	const at = (path: string) => (prefix ? `${prefix}.${path}` : path);
	const parsed = MappingProfileSchema.safeParse(value);
	if (!parsed.success) {
		throw new ProfileError(
			zodIssueList(parsed.error).map(({ path, message }) => ({
				path: path ? at(path) : prefix || '(profile)',
				message,
			})),
		);
	}
	const profile: MappingProfile = parsed.data;
	const issues: ProfileIssue[] = [];
	const username = profile.username === undefined ? undefined : template(profile.username, at('username'), issues);
	const attributes: CompiledProfile['attributes'] = [];
	for (const [field, source] of Object.entries(profile.attributes)) {
		if (options.allowedAttributes && !options.allowedAttributes.includes(field)) {
			issues.push({ path: at(`attributes.${field}`), message: `not a writable field; use one of ${options.allowedAttributes.join(', ')}` });
			continue;
		}
		const compiled = template(source, at(`attributes.${field}`), issues);
		if (compiled) attributes.push([field, compiled]);
	}
	const rules = profile.rules.map((rule, index) => compileRule(rule, at(`rules[${index}]`), issues));
	if (issues.length) throw new ProfileError(issues);
	return {
		username,
		attributes,
		groups: {
			include: profile.groups.include,
			exclude: profile.groups.exclude,
			rename: Object.entries(profile.groups.rename),
			createMissing: profile.groups.createMissing,
		},
		rules: rules as CompiledRule[],
		onDelete: profile.onDelete,
		reset: profile.reset,
	};
}
