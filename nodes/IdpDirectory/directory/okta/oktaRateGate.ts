import { sleep, type IN8nHttpFullResponse } from 'n8n-workflow';

import { oktaRateLimitWaitMs } from '../../../IdpEventTrigger/providers/okta/okta.api';

/** Okta counts its rate limits per endpoint: `/api/v1/groups/{id}/users` is one bucket for all groups. */
function bucketOf(pathOrUrl: string): string {
	const path = pathOrUrl.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
	return path.replace(/\/(users|groups)\/[^/]+/g, '/$1/{id}');
}

interface Bucket {
	/** What the latest response of the current window said remains; undefined before one arrives. */
	remaining?: number;
	/** The window's `X-Rate-Limit-Reset`, in epoch seconds. */
	reset?: number;
	/** When the next window opens, by this process's clock, with Okta's one-second margin. */
	openAt: number;
	inFlight: number;
}

/**
 * Okta answers every call with `X-Rate-Limit-Remaining` and `-Reset` for the endpoint's window. A
 * call waits for the next window once the calls already in flight would use up what remains, so
 * that parallel reads do not run into 429s.
 */
export class OktaRateGate {
	private readonly buckets = new Map<string, Bucket>();

	private bucket(pathOrUrl: string): Bucket {
		const key = bucketOf(pathOrUrl);
		let bucket = this.buckets.get(key);
		if (!bucket) this.buckets.set(key, (bucket = { openAt: 0, inFlight: 0 }));
		return bucket;
	}

	/** Waits for room in the endpoint's window; the returned function must be called with the response headers. */
	async acquire(pathOrUrl: string): Promise<(headers?: Record<string, unknown>) => void> {
		const bucket = this.bucket(pathOrUrl);
		for (;;) {
			const now = Date.now();
			if (bucket.remaining !== undefined && now >= bucket.openAt) bucket.remaining = undefined;
			if (bucket.remaining === undefined || bucket.remaining - bucket.inFlight > 0) break;
			await sleep(bucket.openAt - now);
		}
		bucket.inFlight++;
		let released = false;
		return (headers) => {
			if (released) return;
			released = true;
			bucket.inFlight--;
			if (headers) this.observe(bucket, headers);
		};
	}

	private observe(bucket: Bucket, headers: Record<string, unknown>): void {
		const remaining = Number(headers['x-rate-limit-remaining']);
		const reset = Number(headers['x-rate-limit-reset']);
		if (!Number.isFinite(remaining) || !Number.isFinite(reset)) return;
		// Responses can arrive out of order: within one window the smallest count is the true one.
		if (bucket.reset === reset && bucket.remaining !== undefined) {
			bucket.remaining = Math.min(bucket.remaining, remaining);
		} else if (bucket.reset === undefined || reset >= bucket.reset) {
			bucket.remaining = remaining;
			bucket.reset = reset;
		} else return;
		const response = { headers, body: undefined, statusCode: 200 } as IN8nHttpFullResponse;
		bucket.openAt = Date.now() + oktaRateLimitWaitMs(response);
	}
}
