/**
 * Mapping templates: literal text with `{{ path }}` or `{{ path | fallback }}` placeholders. A template is data,
 * never code: the grammar admits only dotted identifiers and quoted strings, and paths resolve against a scope.
 */
/** A reference split once at parse time: `idp.address.city` → root `idp`, rest `['address', 'city']`. */
export interface Reference {
	path: string;
	root: string;
	rest: string[];
	/** `rest` joined with dots: the key into a flat attribute map */
	key: string;
}
export type TemplateTerm = ({ kind: 'path' } & Reference) | { kind: 'literal'; value: string };
export type TemplatePart = { kind: 'text'; value: string } | { kind: 'expression'; terms: TemplateTerm[] };
export type ParsedTemplate = { source: string; parts: TemplatePart[] };

export const TEMPLATE_ROOTS = ['idp', 'group', 'event'] as const;
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

export class TemplateSyntaxError extends Error {}

function parseTerm(raw: string): TemplateTerm {
	const text = raw.trim();
	const quoted = /^"((?:[^"\\]|\\.)*)"$|^'((?:[^'\\]|\\.)*)'$/.exec(text);
	if (quoted) return { kind: 'literal', value: (quoted[1] ?? quoted[2]).replace(/\\(.)/g, '$1') };
	if (text === '') throw new TemplateSyntaxError('empty placeholder');
	const segments = text.split('.');
	if (!segments.every((segment) => IDENTIFIER.test(segment))) {
		throw new TemplateSyntaxError(`"${text}" is not a reference like idp.email or a quoted string`);
	}
	if (!(TEMPLATE_ROOTS as readonly string[]).includes(segments[0]) || segments.length < 2) {
		throw new TemplateSyntaxError(`"${text}" must start with ${TEMPLATE_ROOTS.map((r) => `${r}.`).join(', ')}`);
	}
	if (segments.some((segment) => FORBIDDEN_SEGMENTS.has(segment))) {
		throw new TemplateSyntaxError(`"${text}" uses a reserved name`);
	}
	return { kind: 'path', path: text, root: segments[0], rest: segments.slice(1), key: segments.slice(1).join('.') };
}

export function parseTemplate(source: string): ParsedTemplate {
	const parts: TemplatePart[] = [];
	let text = '';
	let i = 0;
	while (i < source.length) {
		if (source.startsWith('\\{{', i)) {
			text += '{{';
			i += 3;
			continue;
		}
		if (source.startsWith('{{', i)) {
			const end = source.indexOf('}}', i + 2);
			if (end < 0) throw new TemplateSyntaxError('"{{" is not closed by "}}"');
			if (text) parts.push({ kind: 'text', value: text });
			text = '';
			const alternatives = source.slice(i + 2, end).split('|');
			if (alternatives.length > 2) {
				throw new TemplateSyntaxError('only one fallback is allowed, as in {{ idp.mobilePhone | idp.primaryPhone }}');
			}
			parts.push({ kind: 'expression', terms: alternatives.map(parseTerm) });
			i = end + 2;
			continue;
		}
		text += source[i];
		i++;
	}
	if (text) parts.push({ kind: 'text', value: text });
	return { source, parts };
}

/** parseTemplate without exceptions: the message says what is wrong. */
export function tryParseTemplate(source: string): { ok: true; template: ParsedTemplate } | { ok: false; message: string } {
	try {
		return { ok: true, template: parseTemplate(source) };
	} catch (error) {
		return { ok: false, message: (error as Error).message };
	}
}

export type ScopeResolver = (reference: Reference) => unknown;

export interface Rendered {
	value: string;
	/** References that had no value (after the fallback). */
	missing: string[];
}

function asText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (Array.isArray(value)) {
		const joined = value.filter((v) => v !== null && v !== undefined).map(String).join(',');
		return joined === '' ? undefined : joined;
	}
	if (typeof value === 'object') return undefined;
	const text = String(value);
	return text === '' ? undefined : text;
}

export function renderTemplate(template: ParsedTemplate, resolve: ScopeResolver): Rendered {
	const missing: string[] = [];
	let value = '';
	for (const part of template.parts) {
		if (part.kind === 'text') {
			value += part.value;
			continue;
		}
		let rendered: string | undefined;
		for (const term of part.terms) {
			rendered = term.kind === 'literal' ? term.value : asText(resolve(term));
			if (rendered !== undefined) break;
		}
		if (rendered === undefined) {
			missing.push(part.terms.filter((t) => t.kind === 'path').map((t) => (t as { path: string }).path).join(' | '));
		}
		value += rendered ?? '';
	}
	return { value, missing };
}
