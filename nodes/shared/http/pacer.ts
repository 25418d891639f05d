import { sleep } from 'n8n-workflow';

/** Spaces requests out to at most `perSecond` a second, across everything that shares the pacer. */
export interface Pacer {
	wait(): Promise<void>;
}

export function createPacer(perSecond: number | undefined): Pacer | undefined {
	if (!perSecond || !Number.isFinite(perSecond) || perSecond <= 0) return undefined;
	const interval = 1000 / perSecond;
	let next = 0;
	return {
		async wait() {
			const now = Date.now();
			const slot = Math.max(now, next);
			next = slot + interval;
			if (slot > now) await sleep(slot - now);
		},
	};
}
