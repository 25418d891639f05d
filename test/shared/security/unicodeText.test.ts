import { escapeForLog, isWellFormed, toWellFormed } from '../../../nodes/shared/security/unicodeText';

describe('well-formed Unicode (String.prototype.isWellFormed / toWellFormed, which Node 20 lacks)', () => {
	it.each([
		['plain text', 'jane.doe@acme.test', true],
		['a surrogate pair (emoji)', 'jane😀doe', true],
		['an empty string', '', true],
		['a lone high surrogate', 'jane\ud800doe', false],
		['a lone low surrogate', '\udc00jane', false],
		['a high surrogate at the end', 'jane\udbff', false],
		['two high surrogates', '\ud800\ud800\udc00', false],
		['reversed pair', '\udc00\ud800', false],
	])('%s → %s', (_label, text, expected) => {
		expect(isWellFormed(text)).toBe(expected);
		expect(toWellFormed(text) === text).toBe(expected);
		expect(isWellFormed(toWellFormed(text))).toBe(true);
		expect(() => encodeURIComponent(toWellFormed(text))).not.toThrow();
	});
});

describe('escapeForLog', () => {
	it('escapes control, bidirectional and invisible characters and lone surrogates, and nothing else', () => {
		expect(escapeForLog('a\u202eb\u2066c\u200bd\u0000e\u007ff\u0085g\r\nh\tI\ud800')).toBe(
			'a\\u202eb\\u2066c\\u200bd\\u0000e\\u007ff\\u0085g\\u000d\\u000ah\\u0009I\\ud800',
		);
		expect(escapeForLog('Jane Doe (jäne@acme.test) 😀 日本')).toBe('Jane Doe (jäne@acme.test) 😀 日本');
	});
});
