import { compileRule, evaluateRules, type CompiledRule, type ProfileIssue } from '../../nodes/shared/mapping/rules';
import { eventScope } from '../../nodes/shared/mapping/scope';
import { sampleEvent } from './helpers';

function compile(rules: unknown[]): CompiledRule[] {
	const issues: ProfileIssue[] = [];
	const compiled = rules.map((rule, i) => compileRule(rule, `rules[${i}]`, issues));
	if (issues.length) throw new Error(issues.map((i) => `${i.path}: ${i.message}`).join('; '));
	return compiled as CompiledRule[];
}
const verdict = (rules: unknown[]) => evaluateRules(compile(rules), eventScope(sampleEvent()));

describe('rules', () => {
	it.each([
		['equals true', [{ equals: ['{{ idp.status }}', 'active'] }], true],
		['equals false', [{ equals: ['{{ idp.status }}', 'suspended'] }], false],
		['notEquals', [{ notEquals: ['{{ idp.department }}', 'Sales'] }], true],
		['contains', [{ contains: ['{{ idp.login }}', '@acme.test'] }], true],
		['notContains false', [{ notContains: ['{{ idp.login }}', 'jane'] }], false],
		['contains on the group list', [{ contains: ['{{ idp.groups }}', 'mfa-legacy'] }], true],
		['and: all hold', [{ and: [{ equals: ['{{ idp.userType }}', 'Employee'] }, { contains: ['{{ idp.email }}', '@acme.test'] }] }], true],
		['and: one fails', [{ and: [{ equals: ['{{ idp.userType }}', 'Employee'] }, { contains: ['{{ idp.email }}', '@other.test'] }] }], false],
		['or: one holds', [{ or: [{ equals: ['{{ idp.userType }}', 'Contractor'] }, { contains: ['{{ idp.email }}', '@acme.test'] }] }], true],
		['or: none holds', [{ or: [{ equals: ['a', 'b'] }, { equals: ['c', 'd'] }] }], false],
		['nested trees', [{ and: [{ or: [{ equals: ['x', 'y'] }, { notContains: ['{{ idp.login }}', 'svc-'] }] }] }], true],
		['every top-level rule must hold', [{ equals: ['a', 'a'] }, { equals: ['a', 'b'] }], false],
		['a missing value compares as empty', [{ equals: ['{{ idp.nickname }}', ''] }], true],
		['no rules means in scope', [], true],
	])('%s', (_label, rules, allowed) => {
		expect(verdict(rules).allowed).toBe(allowed);
	});

	it('explains a false verdict with the failing condition and its rendered operands', () => {
		expect(verdict([{ equals: ['a', 'a'] }, { and: [{ equals: ['x', 'x'] }, { notContains: ['{{ idp.login }}', 'jane'] }] }]).reason).toBe(
			'rules[1].and[1]: notContains("jane.doe@acme.test", "jane") is false',
		);
		expect(verdict([{ or: [{ equals: ['a', 'b'] }, { equals: ['c', 'd'] }] }]).reason).toBe(
			'rules[0]: none of rules[0].or[0]: equals("a", "b") is false; rules[0].or[1]: equals("c", "d") is false',
		);
	});

	it.each([
		[{ and: [{ contains: ['only one'] }] }, 'rules[0].and[0].contains: expected exactly two operands'],
		[{ equals: ['a', 'b', 'c'] }, 'rules[0].equals: expected exactly two operands'],
		[{ startsWith: ['a', 'b'] }, 'rules[0].startsWith: unknown operator; use and, or, equals, notEquals, contains, notContains'],
		[{ equals: ['a', 'b'], contains: ['a', 'b'] }, 'rules[0]: expected exactly one of and, or, equals, notEquals, contains, notContains; found equals, contains'],
		[{ or: [] }, 'rules[0].or: expected a non-empty list of conditions'],
		[{ equals: ['{{ process.env }}', 'b'] }, 'rules[0].equals[0]: "process.env" must start with idp., group., event.'],
		[{ equals: [1, 'b'] }, 'rules[0].equals[0]: expected a string (a template such as "{{ idp.email }}" or a literal)'],
		['equals', 'rules[0]: expected an object such as {"equals": ["{{ idp.status }}", "active"]}'],
	])('names the exact path of a broken rule: %j', (rule, message) => {
		expect(() => compile([rule])).toThrow(message);
	});
});
