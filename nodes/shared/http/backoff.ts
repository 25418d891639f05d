/** Exponential backoff with full jitter: base·2^attempt capped at `maxMs`, plus up to `jitterMs`. */
export function backoffDelayMs(
	attempt: number,
	options: { baseMs: number; maxMs: number; jitterMs: number },
	random: () => number = Math.random,
): number {
	const exponential = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
	return exponential + Math.floor(random() * options.jitterMs);
}
