/** Deeper than any identity provider's delivery nests; deeper values would overflow recursive code. */
export const MAX_JSON_DEPTH = 64;

/**
 * How deep `text` nests arrays and objects, counted without parsing and stopping once past `limit`,
 * so a body of any depth is measured in one pass and constant stack.
 */
export function jsonNestingExceeds(text: string, limit: number): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const char = text.charCodeAt(i);
		if (inString) {
			if (char === 0x5c) i++;
			else if (char === 0x22) inString = false;
		} else if (char === 0x22) inString = true;
		else if (char === 0x7b || char === 0x5b) {
			if (++depth > limit) return true;
		} else if (char === 0x7d || char === 0x5d) depth--;
	}
	return false;
}

/** A 400 for a body nested deeper than {@link MAX_JSON_DEPTH}; undefined when the depth is fine. */
export function refuseDeepJson(text: string): { ok: false; message: string } | undefined {
	if (!jsonNestingExceeds(text, MAX_JSON_DEPTH)) return undefined;
	return {
		ok: false,
		message: `The request body nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep; identity providers never send that`,
	};
}
