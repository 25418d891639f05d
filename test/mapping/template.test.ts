import { eventScope } from '../../nodes/shared/mapping/scope';
import { parseTemplate, renderTemplate } from '../../nodes/shared/mapping/template';
import { sampleEvent } from './helpers';

const render = (source: string, event = sampleEvent()) => renderTemplate(parseTemplate(source), eventScope(event));

describe('template engine', () => {
	it.each([
		['a plain reference', '{{ idp.login }}', 'jane.doe@acme.test', []],
		['no spaces', '{{idp.email}}', 'jane@acme.test', []],
		['text around references', '{{ idp.givenName }} {{ idp.familyName }}', "Zoë O'Brien-Åström", []],
		['unicode is kept as is', '{{ idp.address.city }}', 'Zürich', []],
		['an attribute from the flat map', '{{ idp.department }}', 'Engineering', []],
		['an explicit attributes path', '{{ idp.attributes.userType }}', 'Employee', []],
		['a group field', '{{ group.name }}', 'mfa-engineering', []],
		['envelope fields', '{{ event.source.tenant }}/{{ event.type }}', 'acme.okta.com/group.member_added', []],
		['the actor', '{{ event.actor.login }}', 'it.admin@acme.test', []],
		['the user groups as a list', '{{ idp.groups }}', 'mfa-engineering,Everyone,mfa-legacy', []],
		['a fallback when the first is empty', '{{ idp.mobilePhone | idp.primaryPhone }}', '+15555550100', []],
		['a fallback to a literal', '{{ idp.nickname | "n/a" }}', 'n/a', []],
		['a missing value renders empty and is reported', 'x{{ idp.nickname }}y', 'xy', ['idp.nickname']],
		['both sides of a fallback missing', '{{ idp.nickname | idp.title }}', '', ['idp.nickname | idp.title']],
		['an escaped opening brace', '\\{{ idp.login }}', '{{ idp.login }}', []],
		['literal text only', 'static', 'static', []],
		['a closing brace outside a placeholder is text', 'a }} b', 'a }} b', []],
		['a quoted literal with an escaped quote', '{{ "say \\"hi\\"" }}', 'say "hi"', []],
		['prototype keys resolve to nothing', '{{ idp.toString }}{{ event.source.hasOwnProperty }}', '', ['idp.toString', 'event.source.hasOwnProperty']],
		['an object is not rendered', '{{ event.source }}', '', ['event.source']],
	])('%s', (_label, source, value, missing) => {
		expect(render(source)).toEqual({ value, missing });
	});

	it('never renders "undefined" or "null"', () => {
		const event = sampleEvent({ type: 'group.created', user: undefined, group: { id: 'g' } });
		expect(render('{{ idp.login }}{{ group.name }}', event)).toEqual({ value: '', missing: ['idp.login', 'group.name'] });
	});

	it.each([
		['an unknown root', '{{ process.env.HOME }}', /must start with idp\., group\., event\./],
		['a function call', '{{ idp.login.toUpperCase() }}', /not a reference/],
		['arbitrary JavaScript', '{{ constructor.constructor("return 1")() }}', /not a reference/],
		['a reserved segment', '{{ idp.__proto__ }}', /reserved name/],
		['a bare root', '{{ idp }}', /must start with/],
		['two fallbacks', '{{ idp.a | idp.b | idp.c }}', /only one fallback/],
		['an unclosed placeholder', 'hi {{ idp.login', /not closed/],
		['an empty placeholder', '{{ }}', /empty placeholder/],
	])('refuses %s: templates are data, not code', (_label, source, message) => {
		expect(() => parseTemplate(source)).toThrow(message);
	});
});
