/** A UTF-16 surrogate without its partner: text that cannot be encoded as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** `String.prototype.isWellFormed`, which Node 20 lacks. */
export function isWellFormed(text: string): boolean {
	return !LONE_SURROGATE.test(text);
}

/** `String.prototype.toWellFormed`: every lone surrogate becomes U+FFFD. */
export function toWellFormed(text: string): string {
	return text.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\ufffd');
}

/**
 * Control characters (C0, DEL, C1), bidirectional and invisible formatting characters, line and
 * paragraph separators, and lone surrogates: what lets text rearrange or forge the lines around it.
 */
const UNSAFE_IN_LOGS = new RegExp(
	`[\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb]|${LONE_SURROGATE.source}`,
	'g',
);

/** Text as it may appear in a log line: every unsafe character as a visible `\uXXXX` escape. */
export function escapeForLog(text: string): string {
	return text.replace(
		UNSAFE_IN_LOGS,
		(char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
	);
}
