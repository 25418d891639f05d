import { isWellFormed, toWellFormed } from '../../shared/security/unicodeText';

type Visit = { value: unknown; path: string };

function childPath(path: string, key: string | number): string {
	if (typeof key === 'number') return `${path}[${key}]`;
	return /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

/**
 * The path of the first string (or key) in `value` that is not well-formed UTF-16, e.g.
 * `user.login`; undefined when all text is well-formed. Iterative over any depth.
 */
export function malformedTextPath(value: unknown): string | undefined {
	const stack: Visit[] = [{ value, path: '' }];
	while (stack.length > 0) {
		const { value: current, path } = stack.pop() as Visit;
		if (typeof current === 'string') {
			if (!isWellFormed(current)) return path;
		} else if (Array.isArray(current)) {
			for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], path: childPath(path, i) });
		} else if (current !== null && typeof current === 'object') {
			const entries = Object.entries(current);
			for (let i = entries.length - 1; i >= 0; i--) {
				const [key, item] = entries[i];
				if (!isWellFormed(key)) return `${childPath(path, key)} (its name)`;
				stack.push({ value: item, path: childPath(path, key) });
			}
		}
	}
	return undefined;
}

/** Replaces every lone surrogate in the strings of `value` with U+FFFD, in place. */
export function makeTextWellFormed(value: Record<string, unknown>): void {
	const stack: unknown[] = [value];
	while (stack.length > 0) {
		const current = stack.pop() as Record<string, unknown> | unknown[];
		const keys: Array<string | number> = Array.isArray(current) ? current.map((_, i) => i) : Object.keys(current);
		for (const key of keys) {
			const item = (current as Record<string | number, unknown>)[key];
			if (typeof item === 'string') {
				if (!isWellFormed(item)) (current as Record<string | number, unknown>)[key] = toWellFormed(item);
			} else if (item !== null && typeof item === 'object') stack.push(item);
			if (typeof key === 'string' && !isWellFormed(key)) {
				const entry = (current as Record<string, unknown>)[key];
				delete (current as Record<string, unknown>)[key];
				Object.defineProperty(current, toWellFormed(key), { value: entry, enumerable: true, writable: true, configurable: true });
			}
		}
	}
}
