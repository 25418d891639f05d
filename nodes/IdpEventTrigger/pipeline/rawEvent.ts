/** Keys whose value is a credential: Graph's `clientState`, Auth0's `httpAuthorization`, any token or password. */
const SECRET_KEY = /(secret|password|token|authorization|clientstate|apikey)$/;

export function isSecretKey(key: string): boolean {
	return SECRET_KEY.test(key.toLowerCase().replace(/[^a-z]/g, ''));
}

function define(target: object, key: string | number, value: unknown): void {
	Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * A copy of an IdP's original event for `raw`, without the members that carry secrets (at any
 * depth). Iterative, so no depth overflows it; keys keep their order, and every key (even
 * `__proto__`) stays a plain member.
 */
export function withoutSecrets(value: unknown): unknown {
	const holder: Record<string, unknown> = {};
	const stack: Array<{ source: unknown; target: object; key: string | number }> = [
		{ source: value, target: holder, key: 'value' },
	];
	while (stack.length > 0) {
		const { source, target, key } = stack.pop() as (typeof stack)[number];
		if (Array.isArray(source)) {
			const copy: unknown[] = new Array<unknown>(source.length);
			source.forEach((item, index) => stack.push({ source: item, target: copy, key: index }));
			define(target, key, copy);
		} else if (source !== null && typeof source === 'object') {
			const copy = {};
			for (const [name, item] of Object.entries(source)) {
				if (isSecretKey(name)) continue;
				define(copy, name, undefined);
				stack.push({ source: item, target: copy, key: name });
			}
			define(target, key, copy);
		} else {
			define(target, key, source);
		}
	}
	return holder.value;
}
