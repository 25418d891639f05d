import type { AttributeMap } from '../../shared/model';

type Scalar = string | number | boolean | null;

/** Profiles nest a few levels; anything deeper is left out rather than walked. */
const MAX_ATTRIBUTE_DEPTH = 16;

function isScalar(value: unknown): value is Scalar {
	return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/**
 * Flattens a profile into `a.b.c` keys; arrays of scalars are kept as arrays. Iterative and bounded
 * in depth, and every key (even `__proto__`) becomes a plain member, whatever the IdP returned.
 */
export function flattenAttributes(value: Record<string, unknown>): AttributeMap {
	const out: AttributeMap = {};
	const add = (path: string, item: Scalar | Scalar[]) =>
		Object.defineProperty(out, path, { value: item, enumerable: true, writable: true, configurable: true });
	const stack = [{ entries: Object.entries(value), next: 0, prefix: '', depth: 0 }];
	while (stack.length > 0) {
		const frame = stack[stack.length - 1];
		if (frame.next >= frame.entries.length) {
			stack.pop();
			continue;
		}
		const [key, item] = frame.entries[frame.next++];
		const path = frame.prefix ? `${frame.prefix}.${key}` : key;
		if (isScalar(item)) add(path, item);
		else if (Array.isArray(item)) add(path, item.filter(isScalar));
		else if (item !== undefined && typeof item === 'object' && frame.depth < MAX_ATTRIBUTE_DEPTH) {
			stack.push({ entries: Object.entries(item as object), next: 0, prefix: path, depth: frame.depth + 1 });
		}
	}
	return out;
}
