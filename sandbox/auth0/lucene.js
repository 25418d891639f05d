// The subset of Auth0's user search (search engine v3, Lucene syntax) the fake needs: `field:value`,
// `field:"exact phrase"`, trailing `*` wildcards, `_exists_:field`, AND / OR / NOT (capitalized) and parentheses;
// terms side by side are ORed, as Lucene does. Normalized fields (email, name, given_name, family_name, nickname)
// compare case-insensitively, every other field case-sensitively; dotted paths reach into metadata, and
// `email.domain` is the part after the @. Anything else is a syntax error, which the server answers with 400.
'use strict';

const CASE_INSENSITIVE = new Set(['email', 'email.domain', 'name', 'given_name', 'family_name', 'nickname']);

class LuceneSyntaxError extends Error {}

function tokenize(text) {
	const tokens = [];
	const re = /\s*(?:(\()|(\))|([A-Za-z_][\w.]*):(?:"((?:[^"\\]|\\.)*)"|([^\s()"]+))|(AND|OR|NOT)(?=[\s(]|$))/y;
	let at = 0;
	while (at < text.length) {
		if (/^\s*$/.test(text.slice(at))) break;
		re.lastIndex = at;
		const m = re.exec(text);
		if (!m) throw new LuceneSyntaxError(`cannot parse the query near "${text.slice(at, at + 20).trim()}"`);
		at = re.lastIndex;
		if (m[1]) tokens.push({ kind: '(' });
		else if (m[2]) tokens.push({ kind: ')' });
		else if (m[3]) tokens.push({ kind: 'term', field: m[3], value: m[4] !== undefined ? m[4].replace(/\\(.)/g, '$1') : m[5], exact: m[4] !== undefined });
		else tokens.push({ kind: m[6] });
	}
	return tokens;
}

function valuesAt(user, path) {
	if (path === 'email.domain') return typeof user.email === 'string' ? [user.email.split('@').pop()] : [];
	let values = [user];
	for (const key of path.split('.')) {
		values = values.flatMap((v) => (Array.isArray(v) ? v : [v])).flatMap((v) => (v !== null && typeof v === 'object' && key in v ? [v[key]] : []));
	}
	return values.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== null && typeof v !== 'object');
}

function termMatches(user, term) {
	if (term.field === '_exists_') return valuesAt(user, term.value).length > 0;
	const fold = (v) => (CASE_INSENSITIVE.has(term.field) ? String(v).toLowerCase() : String(v));
	const wanted = fold(term.value);
	return valuesAt(user, term.field).some((v) => {
		const actual = fold(v);
		if (!term.exact && wanted.endsWith('*')) return actual.startsWith(wanted.slice(0, -1));
		return actual === wanted;
	});
}

/** @returns {(user: object) => boolean} */
function compileLucene(text) {
	const tokens = tokenize(text);
	if (tokens.length === 0) throw new LuceneSyntaxError('the query is empty');
	let i = 0;
	const orExpr = () => {
		let left = andExpr();
		while (i < tokens.length && tokens[i].kind !== ')') {
			if (tokens[i].kind === 'OR') i++;
			const l = left, r = andExpr();
			left = (u) => l(u) || r(u);
		}
		return left;
	};
	const andExpr = () => {
		let left = unary();
		while (tokens[i]?.kind === 'AND') { i++; const l = left, r = unary(); left = (u) => l(u) && r(u); }
		return left;
	};
	const unary = () => {
		if (tokens[i]?.kind === 'NOT') { i++; const inner = unary(); return (u) => !inner(u); }
		const token = tokens[i++];
		if (!token) throw new LuceneSyntaxError('the query ends too early');
		if (token.kind === '(') {
			const inner = orExpr();
			if (tokens[i++]?.kind !== ')') throw new LuceneSyntaxError('a parenthesis is not closed');
			return inner;
		}
		if (token.kind !== 'term') throw new LuceneSyntaxError(`unexpected ${token.kind}`);
		return (u) => termMatches(u, token);
	};
	const predicate = orExpr();
	if (i !== tokens.length) throw new LuceneSyntaxError('unbalanced parentheses');
	return predicate;
}

module.exports = { compileLucene, LuceneSyntaxError };
