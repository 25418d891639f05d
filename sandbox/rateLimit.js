// A request-rate cap the fakes share: `delay` queues each request for the next free slot (1/perSecond apart);
// `reject` lets at most perSecond requests through in any 1 s window and tells the fake to answer the rest 429.
'use strict';

/**
 * @param {{ perSecond: number, mode?: 'delay' | 'reject' } | undefined} rateLimit
 * @returns {() => Promise<boolean>} resolves once the request may go on: true when it is to be rejected
 */
function createRateLimiter(rateLimit) {
	if (!rateLimit) return async () => false;
	if (!(rateLimit.perSecond > 0)) throw new Error('rateLimit.perSecond must be a positive number');
	const interval = 1000 / rateLimit.perSecond;
	const mode = rateLimit.mode ?? 'delay';
	if (mode !== 'delay' && mode !== 'reject') throw new Error(`Unknown rateLimit mode ${mode}`);
	let nextSlot = 0;
	/** @type {number[]} */
	const recent = [];
	return async () => {
		const now = Date.now();
		if (mode === 'delay') {
			const slot = Math.max(now, nextSlot);
			nextSlot = slot + interval;
			if (slot > now) await new Promise((resolve) => setTimeout(resolve, slot - now));
			return false;
		}
		while (recent.length && recent[0] <= now - 1000) recent.shift();
		if (recent.length >= rateLimit.perSecond) return true;
		recent.push(now);
		return false;
	};
}

module.exports = { createRateLimiter };
