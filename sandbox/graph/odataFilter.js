// The subset of Microsoft Graph's `$filter` on users the fake needs: `prop eq|ne value`, `prop in ('a','b')`,
// startswith(prop,'v'), endswith(prop,'v'), `not`, `and`, `or` and parentheses, with 'strings', true, false and
// null; `a/b` reads a property of a complex property (onPremisesExtensionAttributes/extensionAttribute1). As Graph
// does, `ne`, `not`, endswith and filters on onPremisesExtensionAttributes are advanced queries: they need
// ConsistencyLevel: eventual and $count=true. At most 15 expressions (`in` values count one each). Anything else is a
// syntax error, which the server answers with 400.
'use strict';

class ODataSyntaxError extends Error {}

function tokenize(text) {
	const tokens = [];
	const re = /\s*(?:(\()|(\))|(,)|'((?:[^']|'')*)'|([A-Za-z_][\w/]*)|(-?\d+(?:\.\d+)?))/y;
	let at = 0;
	while (at < text.length) {
		if (/^\s*$/.test(text.slice(at))) break;
		re.lastIndex = at;
		const m = re.exec(text);
		if (!m) throw new ODataSyntaxError(`Invalid filter clause near '${text.slice(at, at + 20).trim()}'`);
		at = re.lastIndex;
		if (m[1]) tokens.push({ kind: '(' });
		else if (m[2]) tokens.push({ kind: ')' });
		else if (m[3]) tokens.push({ kind: ',' });
		else if (m[4] !== undefined) tokens.push({ kind: 'value', value: m[4].replace(/''/g, "'") });
		else if (m[5] !== undefined) tokens.push({ kind: 'word', value: m[5] });
		else tokens.push({ kind: 'value', value: Number(m[6]) });
	}
	return tokens;
}

/**
 * @param {string} text
 * @returns {{ predicate: (item: object) => boolean, advanced: boolean }}
 */
const MAX_EXPRESSIONS = 15;

/** A property, or a property of a complex property (`a/b`). */
function read(item, path) {
	return path.split('/').reduce((value, key) => (value !== null && typeof value === 'object' ? value[key] : undefined), item);
}

function compileFilter(text) {
	const tokens = tokenize(text);
	let i = 0;
	let advanced = false;
	let expressions = 0;
	const word = (w) => tokens[i]?.kind === 'word' && tokens[i].value.toLowerCase() === w;
	const expect = (kind) => { if (tokens[i++]?.kind !== kind) throw new ODataSyntaxError(`Invalid filter clause: '${kind}' expected`); };
	const literal = () => {
		const t = tokens[i++];
		if (t?.kind === 'value') return t.value;
		if (t?.kind === 'word' && ['true', 'false', 'null'].includes(t.value)) return JSON.parse(t.value);
		throw new ODataSyntaxError('Invalid filter clause: a literal is expected');
	};
	const orExpr = () => { let l = andExpr(); while (word('or')) { i++; const a = l, b = andExpr(); l = (x) => a(x) || b(x); } return l; };
	const andExpr = () => { let l = unary(); while (word('and')) { i++; const a = l, b = unary(); l = (x) => a(x) && b(x); } return l; };
	const unary = () => {
		if (word('not')) { i++; advanced = true; const inner = unary(); return (x) => !inner(x); }
		if (tokens[i]?.kind === '(') { i++; const inner = orExpr(); expect(')'); return inner; }
		const t = tokens[i++];
		if (t?.kind !== 'word') throw new ODataSyntaxError('Invalid filter clause: a property or function is expected');
		const fn = t.value.toLowerCase();
		if ((fn === 'startswith' || fn === 'endswith') && tokens[i]?.kind === '(') {
			i++;
			const prop = tokens[i++];
			if (prop?.kind !== 'word') throw new ODataSyntaxError(`Invalid filter clause: ${fn} needs a property`);
			expect(',');
			const value = String(literal()).toLowerCase();
			expect(')');
			if (fn === 'endswith') advanced = true;
			return (x) => typeof x[prop.value] === 'string' && (fn === 'startswith' ? x[prop.value].toLowerCase().startsWith(value) : x[prop.value].toLowerCase().endsWith(value));
		}
		const op = tokens[i++];
		if (op?.kind !== 'word' || !['eq', 'ne', 'in'].includes(op.value.toLowerCase())) throw new ODataSyntaxError(`Invalid filter clause: operator expected after ${t.value}`);
		if (t.value.startsWith('onPremisesExtensionAttributes/')) advanced = true;
		const same = (actual, value) => (typeof actual === 'string' && typeof value === 'string' ? actual.toLowerCase() === value.toLowerCase() : (actual ?? null) === value);
		if (op.value.toLowerCase() === 'in') {
			expect('(');
			const values = [literal()];
			while (tokens[i]?.kind === ',') { i++; values.push(literal()); }
			expect(')');
			expressions += values.length;
			return (x) => values.some((value) => same(read(x, t.value), value));
		}
		expressions += 1;
		const value = literal();
		const eq = (x) => same(read(x, t.value), value);
		if (op.value.toLowerCase() === 'ne') { advanced = true; return (x) => !eq(x); }
		return eq;
	};
	const predicate = orExpr();
	if (i !== tokens.length) throw new ODataSyntaxError('Invalid filter clause: unexpected text at the end');
	if (expressions > MAX_EXPRESSIONS) throw new ODataSyntaxError(`The number of expressions in the filter clause (${expressions}) exceeds the limit of ${MAX_EXPRESSIONS}.`);
	return { predicate, advanced };
}

module.exports = { compileFilter, ODataSyntaxError };
