// The SCIM filter subset the fake PingOne understands: `attr eq "v"`, `attr sw "v"`, `and`, `or` (either case),
// parentheses, and `memberOfGroups[id eq "x"]`. Operators are the two the PingOne docs verify for users
// (https://docs.pingidentity.com/pingone/directory/p1_scim_filter_language.html); anything else is refused the
// way PingOne refuses a bad filter (400). String comparison ignores case [unverified for every attribute].
'use strict';

function tokenize(text) {
	const tokens = [];
	let i = 0;
	while (i < text.length) {
		const char = text[i];
		if (/\s/.test(char)) {
			i += 1;
		} else if ('()[]'.includes(char)) {
			tokens.push({ type: char });
			i += 1;
		} else if (char === '"') {
			let value = '';
			i += 1;
			while (i < text.length && text[i] !== '"') {
				if (text[i] === '\\' && i + 1 < text.length) i += 1;
				value += text[i];
				i += 1;
			}
			if (text[i] !== '"') throw new Error('Unterminated string in filter');
			i += 1;
			tokens.push({ type: 'string', value });
		} else {
			const match = /^[A-Za-z0-9_.]+/.exec(text.slice(i));
			if (!match) throw new Error(`Unexpected "${char}" in filter`);
			tokens.push({ type: 'word', value: match[0] });
			i += match[0].length;
		}
	}
	return tokens;
}

/**
 * Parses a filter into a predicate over the object `read(object, attribute)` reads from.
 * @param {string} text
 * @param {{ attributes: Set<string>, read: (object: any, attribute: string) => unknown,
 *   groupsOf?: (object: any) => string[] }} schema
 * @returns {(object: any) => boolean}
 */
function parseFilter(text, schema) {
	const tokens = tokenize(text);
	let position = 0;
	const peek = () => tokens[position];
	const next = () => tokens[position++];
	const keyword = (word) =>
		peek()?.type === 'word' && peek().value.toLowerCase() === word ? (next(), true) : false;
	const expect = (type) => {
		const token = next();
		if (!token || token.type !== type) throw new Error(`Expected ${type} in filter`);
		return token;
	};

	function comparison(attribute, object, operator, value) {
		const actual = schema.read(object, attribute);
		if (typeof actual === 'boolean') return String(actual) === value.toLowerCase();
		if (actual === undefined || actual === null) return false;
		const left = String(actual).toLowerCase();
		const right = value.toLowerCase();
		return operator === 'eq' ? left === right : left.startsWith(right);
	}

	function factor() {
		if (peek()?.type === '(') {
			next();
			const inner = expression();
			expect(')');
			return inner;
		}
		const attribute = expect('word').value;
		if (attribute === 'memberOfGroups' && schema.groupsOf) {
			expect('[');
			if (expect('word').value !== 'id' || !keyword('eq')) {
				throw new Error('memberOfGroups supports only [id eq "..."]');
			}
			const groupId = expect('string').value;
			expect(']');
			return (object) => schema.groupsOf(object).includes(groupId);
		}
		if (!schema.attributes.has(attribute))
			throw new Error(`Attribute ${attribute} cannot be filtered`);
		const operator = expect('word').value.toLowerCase();
		if (operator !== 'eq' && operator !== 'sw')
			throw new Error(`Operator ${operator} is not supported`);
		const token = next();
		if (!token || (token.type !== 'string' && token.type !== 'word'))
			throw new Error('Expected a value');
		return (object) => comparison(attribute, object, operator, token.value);
	}

	function term() {
		let left = factor();
		while (keyword('and')) {
			const right = factor();
			const previous = left;
			left = (object) => previous(object) && right(object);
		}
		return left;
	}

	function expression() {
		let left = term();
		while (keyword('or')) {
			const right = term();
			const previous = left;
			left = (object) => previous(object) || right(object);
		}
		return left;
	}

	const predicate = expression();
	if (position !== tokens.length) throw new Error('Unexpected text after the filter');
	return predicate;
}

module.exports = { parseFilter };
