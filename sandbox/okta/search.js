// The expression language of Okta's `search` and `filter` parameters on list users, as far as the fake needs it:
// `attr op value` with eq, ne, sw, co, gt, ge, lt, le, `attr pr`, `and`, `or` and parentheses. Operators and string
// values compare case-insensitively, attribute names case-sensitively (as Okta documents for search).
// `filter` accepts only status, lastUpdated, id and profile.login/email/firstName/lastName, with eq (lastUpdated also
// gt/ge/lt/le). Anything else is a parse error, which the server answers with 400.
'use strict';

const OPERATORS = new Set(['eq', 'ne', 'sw', 'co', 'gt', 'ge', 'lt', 'le', 'pr']);
const FILTER_ATTRIBUTES = new Set(['status', 'lastUpdated', 'id', 'profile.login', 'profile.email', 'profile.firstName', 'profile.lastName']);

class SearchSyntaxError extends Error {}

function tokenize(text) {
	const tokens = [];
	const re = /\s*(?:(\()|(\))|"((?:[^"\\]|\\.)*)"|([A-Za-z_][\w.:-]*)|(-?\d+(?:\.\d+)?))/y;
	let at = 0;
	while (at < text.length) {
		if (/^\s*$/.test(text.slice(at))) break;
		re.lastIndex = at;
		const m = re.exec(text);
		if (!m) throw new SearchSyntaxError(`unexpected text at ${at}: ${text.slice(at, at + 20)}`);
		at = re.lastIndex;
		if (m[1]) tokens.push({ kind: '(' });
		else if (m[2]) tokens.push({ kind: ')' });
		else if (m[3] !== undefined) tokens.push({ kind: 'value', value: m[3].replace(/\\(.)/g, '$1') });
		else if (m[4] !== undefined) tokens.push({ kind: 'word', value: m[4] });
		else tokens.push({ kind: 'value', value: Number(m[5]) });
	}
	return tokens;
}

/** Reads one attribute of an Okta user: `status`, `id`, `created`, `lastUpdated`, `profile.x`, `type.id`. */
function attribute(user, path) {
	return path.split('.').reduce((value, key) => (value !== null && typeof value === 'object' ? value[key] : undefined), user);
}

function compare(actual, op, expected) {
	if (actual === undefined || actual === null) return op === 'ne';
	const a = typeof actual === 'string' ? actual.toLowerCase() : actual;
	const b = typeof expected === 'string' ? expected.toLowerCase() : expected;
	switch (op) {
		case 'eq': return a === b || (typeof a !== 'string' && String(a) === String(b));
		case 'ne': return !(a === b || String(a) === String(b));
		case 'sw': return String(a).startsWith(String(b));
		case 'co': return String(a).includes(String(b));
		case 'gt': return a > b;
		case 'ge': return a >= b;
		case 'lt': return a < b;
		case 'le': return a <= b;
		default: return false;
	}
}

/**
 * @param {string} text
 * @param {{ filter?: boolean }} [mode] `filter: true` applies the narrower rules of the `filter` parameter
 * @returns {(user: object) => boolean}
 */
function compileSearch(text, mode = {}) {
	const tokens = tokenize(text);
	let i = 0;
	const peekWord = (...words) => tokens[i]?.kind === 'word' && words.includes(tokens[i].value.toLowerCase());
	const orExpr = () => {
		let left = andExpr();
		while (peekWord('or')) { i++; const l = left, r = andExpr(); left = (u) => l(u) || r(u); }
		return left;
	};
	const andExpr = () => {
		let left = primary();
		while (peekWord('and')) { i++; const l = left, r = primary(); left = (u) => l(u) && r(u); }
		return left;
	};
	const primary = () => {
		const token = tokens[i++];
		if (!token) throw new SearchSyntaxError('the expression ends too early');
		if (token.kind === '(') {
			const inner = orExpr();
			if (tokens[i++]?.kind !== ')') throw new SearchSyntaxError('a parenthesis is not closed');
			return inner;
		}
		if (token.kind !== 'word') throw new SearchSyntaxError('an attribute name is expected');
		const path = token.value;
		const opToken = tokens[i++];
		if (opToken?.kind !== 'word') throw new SearchSyntaxError(`an operator is expected after ${path}`);
		const op = opToken.value.toLowerCase();
		if (!OPERATORS.has(op)) throw new SearchSyntaxError(`unknown operator ${op}`);
		if (mode.filter) {
			if (!FILTER_ATTRIBUTES.has(path)) throw new SearchSyntaxError(`filter does not support ${path}`);
			if (op !== 'eq' && !(path === 'lastUpdated' && ['gt', 'ge', 'lt', 'le'].includes(op))) throw new SearchSyntaxError(`filter does not support ${op} on ${path}`);
		}
		if (op === 'pr') return (u) => attribute(u, path) !== undefined && attribute(u, path) !== null;
		const valueToken = tokens[i++];
		if (!valueToken) throw new SearchSyntaxError(`a value is expected after ${path} ${op}`);
		let value;
		if (valueToken.kind === 'value') value = valueToken.value;
		else if (valueToken.kind === 'word' && ['true', 'false', 'null'].includes(valueToken.value)) value = JSON.parse(valueToken.value);
		else throw new SearchSyntaxError(`a quoted value is expected after ${path} ${op}`);
		return (u) => compare(attribute(u, path), op, value);
	};
	const predicate = orExpr();
	if (i !== tokens.length) throw new SearchSyntaxError(`unexpected ${JSON.stringify(tokens[i])}`);
	return predicate;
}

module.exports = { compileSearch, SearchSyntaxError };
