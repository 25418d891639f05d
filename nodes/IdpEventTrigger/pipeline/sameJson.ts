/**
 * Whether two parsed JSON values are equal (objects compared key by key, in any order). Iterative,
 * so no depth overflows it.
 */
export function sameJson(a: unknown, b: unknown): boolean {
	const stack: Array<[unknown, unknown]> = [[a, b]];
	while (stack.length > 0) {
		const [left, right] = stack.pop() as [unknown, unknown];
		if (left === right) continue;
		if (left === null || right === null || typeof left !== 'object' || typeof right !== 'object') {
			return false;
		}
		if (Array.isArray(left) !== Array.isArray(right)) return false;
		const leftKeys = Object.keys(left).filter((key) => (left as Record<string, unknown>)[key] !== undefined);
		const rightKeys = Object.keys(right).filter((key) => (right as Record<string, unknown>)[key] !== undefined);
		if (leftKeys.length !== rightKeys.length) return false;
		for (const key of leftKeys) {
			if (!Object.prototype.hasOwnProperty.call(right, key)) return false;
			stack.push([(left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key]]);
		}
	}
	return true;
}
