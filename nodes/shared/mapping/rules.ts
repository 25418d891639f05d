import { renderTemplate, tryParseTemplate, type ParsedTemplate, type ScopeResolver } from './template';

export const RULE_OPERATORS = ['equals', 'notEquals', 'contains', 'notContains'] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

export type CompiledRule =
	| { kind: 'operator'; path: string; operator: RuleOperator; operands: [ParsedTemplate, ParsedTemplate] }
	| { kind: 'and' | 'or'; path: string; children: CompiledRule[] };

export interface ProfileIssue {
	path: string;
	message: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export function compileTemplateAt(value: unknown, path: string, issues: ProfileIssue[]): ParsedTemplate | undefined {
	if (typeof value !== 'string') {
		issues.push({ path, message: 'expected a string (a template such as "{{ idp.email }}" or a literal)' });
		return undefined;
	}
	const parsed = tryParseTemplate(value);
	if (parsed.ok) return parsed.template;
	issues.push({ path, message: parsed.message });
	return undefined;
}

/** Validates and compiles one rule: `{and: [...]}`, `{or: [...]}` or `{<operator>: [left, right]}`. */
export function compileRule(value: unknown, path: string, issues: ProfileIssue[]): CompiledRule | undefined {
	if (!isObject(value)) {
		issues.push({ path, message: 'expected an object such as {"equals": ["{{ idp.status }}", "active"]}' });
		return undefined;
	}
	const keys = Object.keys(value);
	if (keys.length !== 1) {
		issues.push({ path, message: `expected exactly one of and, or, ${RULE_OPERATORS.join(', ')}; found ${keys.join(', ') || 'none'}` });
		return undefined;
	}
	const [key] = keys;
	const inner = value[key];
	const innerPath = `${path}.${key}`;
	if (key === 'and' || key === 'or') {
		if (!Array.isArray(inner) || inner.length === 0) {
			issues.push({ path: innerPath, message: 'expected a non-empty list of conditions' });
			return undefined;
		}
		const children = inner.map((child, index) => compileRule(child, `${innerPath}[${index}]`, issues));
		return children.every(Boolean) ? { kind: key, path, children: children as CompiledRule[] } : undefined;
	}
	if (!(RULE_OPERATORS as readonly string[]).includes(key)) {
		issues.push({ path: innerPath, message: `unknown operator; use and, or, ${RULE_OPERATORS.join(', ')}` });
		return undefined;
	}
	if (!Array.isArray(inner) || inner.length !== 2) {
		issues.push({ path: innerPath, message: 'expected exactly two operands' });
		return undefined;
	}
	const left = compileTemplateAt(inner[0], `${innerPath}[0]`, issues);
	const right = compileTemplateAt(inner[1], `${innerPath}[1]`, issues);
	return left && right ? { kind: 'operator', path, operator: key as RuleOperator, operands: [left, right] } : undefined;
}

export interface RuleVerdict {
	allowed: boolean;
	reason: string;
}

type Outcome = { allowed: boolean; explain: () => string };

function describe(rule: Extract<CompiledRule, { kind: 'operator' }>, left: string, right: string): string {
	return `${rule.path}: ${rule.operator}(${JSON.stringify(left)}, ${JSON.stringify(right)})`;
}

function compare(operator: RuleOperator, left: string, right: string): boolean {
	switch (operator) {
		case 'equals':
			return left === right;
		case 'notEquals':
			return left !== right;
		case 'contains':
			return left.includes(right);
		case 'notContains':
			return !left.includes(right);
	}
}

/** Evaluates lazily: the explanation is only built when someone reads it. */
function evaluate(rule: CompiledRule, resolve: ScopeResolver): Outcome {
	if (rule.kind === 'operator') {
		const left = renderTemplate(rule.operands[0], resolve).value;
		const right = renderTemplate(rule.operands[1], resolve).value;
		const allowed = compare(rule.operator, left, right);
		return { allowed, explain: () => `${describe(rule, left, right)} is ${allowed}` };
	}
	if (rule.kind === 'and') {
		for (const child of rule.children) {
			const outcome = evaluate(child, resolve);
			if (!outcome.allowed) return outcome;
		}
		return { allowed: true, explain: () => `${rule.path}: all conditions hold` };
	}
	const failed: Outcome[] = [];
	for (const child of rule.children) {
		const outcome = evaluate(child, resolve);
		if (outcome.allowed) return outcome;
		failed.push(outcome);
	}
	return { allowed: false, explain: () => `${rule.path}: none of ${failed.map((o) => o.explain()).join('; ')}` };
}

export function evaluateRule(rule: CompiledRule, resolve: ScopeResolver): RuleVerdict {
	const outcome = evaluate(rule, resolve);
	return { allowed: outcome.allowed, reason: outcome.explain() };
}

/** Every top-level rule must hold, as in the identity orchestrator's authorization rules. */
export function evaluateRules(rules: CompiledRule[], resolve: ScopeResolver): RuleVerdict {
	for (const rule of rules) {
		const outcome = evaluate(rule, resolve);
		if (!outcome.allowed) return { allowed: false, reason: outcome.explain() };
	}
	return { allowed: true, reason: rules.length ? 'all rules hold' : 'no rules' };
}
