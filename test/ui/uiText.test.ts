import type { INodeProperties } from 'n8n-workflow';

import { packageCredentials, packageNodes } from '../helpers/packageTypes';

interface Text {
	where: string;
	kind: 'name' | 'sentence' | 'notice';
	text: string;
}

/** Every text n8n shows for these properties: names, options, actions, descriptions, hints, notices. */
function texts(where: string, properties: unknown[]): Text[] {
	const found: Text[] = [];
	for (const property of properties as Array<INodeProperties & Record<string, unknown>>) {
		const at = `${where} › ${property.displayName ?? property.name}`;
		if (typeof property.displayName === 'string') {
			found.push({ where: at, kind: property.type === 'notice' ? 'notice' : 'name', text: property.displayName });
		} else if (typeof property.name === 'string' && 'value' in property) {
			found.push({ where: at, kind: 'name', text: property.name });
		}
		for (const key of ['action', 'description', 'hint', 'placeholder'] as const) {
			if (typeof property[key] === 'string') found.push({ where: at, kind: 'sentence', text: property[key] });
		}
		for (const nested of ['options', 'values', 'modes'] as const) {
			if (Array.isArray(property[nested])) found.push(...texts(at, property[nested] as unknown[]));
		}
	}
	return found;
}

const all: Text[] = [
	...packageNodes().flatMap(({ instance: { description } }) => [
		{ where: description.displayName, kind: 'sentence' as const, text: description.description },
		...texts(description.displayName, description.properties),
	]),
	...packageCredentials().flatMap(({ instance }) => texts(instance.displayName, instance.properties)),
];

/** Tags n8n's sanitizer keeps: notices keep `a`, `ul`, `li`; descriptions also simple formatting. */
const KEPT_IN_NOTICES = ['a', 'ul', 'li'];
const KEPT_ELSEWHERE = ['a', 'b', 'br', 'code', 'em', 'i', 'li', 'strong', 'ul'];

/** Acronyms and names with fixed casing, and the wrong forms n8n's lint lets through. */
const FIXED_CASING: Record<string, RegExp> = {
	MFA: /\bMfa\b|\bmfa\b(?![._])/,
	IdP: /\b(Idp|IDP)\b|\bidp\b(?![.:_])/,
	ID: /\bId\b(?!\w)/,
	API: /\bApi\b/,
	URL: /\bUrl\b/,
	JSON: /\bJson\b/,
	SSF: /\bSsf\b/,
	Duo: /\bDUO\b/,
	Okta: /\bOKTA\b/,
};

describe('UI text', () => {
	it('collects the texts of every node and credential', () => {
		expect(all.length).toBeGreaterThan(300);
		expect(all.some((t) => t.text === 'Identity Provider')).toBe(true);
	});

	it('has no text that n8n would strip as HTML', () => {
		const stripped = all.flatMap(({ where, kind, text }) =>
			[...text.matchAll(/<\/?([A-Za-z][\w-]*)[^>]*>?/g)]
				.filter(([, tag]) => !(kind === 'notice' ? KEPT_IN_NOTICES : KEPT_ELSEWHERE).includes(tag.toLowerCase()))
				.map(([match]) => `${where}: ${match}`),
		);
		expect(stripped).toEqual([]);
	});

	it('writes acronyms and product names in their own casing', () => {
		const wrong = all.flatMap(({ where, text }) =>
			Object.entries(FIXED_CASING)
				.filter(([, pattern]) => pattern.test(text))
				.map(([right]) => `${where}: "${text.slice(0, 80)}" (write ${right})`),
		);
		expect(wrong).toEqual([]);
	});

	it('catches what it is meant to', () => {
		const check = (text: string) => Object.values(FIXED_CASING).some((pattern) => pattern.test(text));
		expect(check('On user mfa reset')).toBe(true);
		expect(check('Idp Directory')).toBe(true);
		expect(check('user.mfa_reset')).toBe(false);
		expect(check('On user MFA reset')).toBe(false);
	});
});
