import { sleep, type IN8nHttpFullResponse } from 'n8n-workflow';

import { oktaRateLimitWaitMs } from '../../../IdpEventTrigger/providers/okta/okta.api';

/** Okta counts its rate limits per endpoint: `/api/v1/groups/{id}/users` is one bucket for all groups. */
function bucketOf(pathOrUrl: string): string {
	const path = pathOrUrl.replace(/^https?:\/\/[^/]+/, '').split('?')[0];
	return path.replace(/\/(users|groups)\/[^/]+/g, '/$1/{id}');
}

/**
 * Okta answers every call with `X-Rate-Limit-Remaining` for the endpoint's window. Once a response
 * says none remain, later calls to that endpoint wait for the window to reset instead of drawing 429s.
 */
export class OktaRateGate {
	private readonly openAt = new Map<string, number>();

	async ready(pathOrUrl: string): Promise<void> {
		const bucket = bucketOf(pathOrUrl);
		for (let wait = (this.openAt.get(bucket) ?? 0) - Date.now(); wait > 0; ) {
			await sleep(wait);
			wait = (this.openAt.get(bucket) ?? 0) - Date.now();
		}
	}

	observe(pathOrUrl: string, headers: Record<string, unknown>): void {
		const remaining = Number(headers['x-rate-limit-remaining']);
		if (!Number.isFinite(remaining) || remaining > 0) return;
		const response = { headers, body: undefined, statusCode: 200 } as IN8nHttpFullResponse;
		const bucket = bucketOf(pathOrUrl);
		const openAt = Date.now() + oktaRateLimitWaitMs(response);
		this.openAt.set(bucket, Math.max(this.openAt.get(bucket) ?? 0, openAt));
	}
}
