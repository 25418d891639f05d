import { createHash, timingSafeEqual } from 'crypto';

/**
 * Compares two secrets in constant time. Both sides are hashed first so that inputs of different
 * lengths take the same time as inputs of equal length and never throw.
 */
export function constantTimeEqual(actual: string | undefined, expected: string): boolean {
	const a = createHash('sha256')
		.update(actual ?? '', 'utf8')
		.digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b) && actual !== undefined && expected.length > 0;
}
