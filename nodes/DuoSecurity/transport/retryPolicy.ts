import { backoffDelayMs } from '../../shared/http/backoff';
import type { Pacer } from '../../shared/http/pacer';

export interface RetryPolicy {
	/** First wait; each retry doubles it up to 32 times this value, plus up to this value of jitter. */
	baseDelayMs: number;
	/** Retries after HTTP 429: Duo's SDKs wait 1, 2, 4, 8, 16 and 32 s, then give up. */
	maxRateLimitRetries: number;
	/** Retries after HTTP 5xx, a lost connection or a timeout. */
	maxServerErrorRetries: number;
	/** How long one request may take before it counts as lost. */
	timeoutMs: number;
	/** Spaces every request of the execution out to a request rate, when one is set. */
	pacer?: Pacer;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	baseDelayMs: 1000,
	maxRateLimitRetries: 6,
	maxServerErrorRetries: 5,
	timeoutMs: 30_000,
};

export type RetryReason = 'rateLimit' | 'serverError';

/** Why a response should be retried, or undefined when it should not (every other 4xx, or success). */
export function retryReason(statusCode: number): RetryReason | undefined {
	if (statusCode === 429) return 'rateLimit';
	if (statusCode >= 500 && statusCode <= 599) return 'serverError';
	return undefined;
}

export function retryBudget(policy: RetryPolicy, reason: RetryReason): number {
	return reason === 'rateLimit' ? policy.maxRateLimitRetries : policy.maxServerErrorRetries;
}

/** Wait before retry number `retry` (0-based) of one kind. */
export function retryDelayMs(policy: RetryPolicy, retry: number, random?: () => number): number {
	return backoffDelayMs(
		retry,
		{ baseMs: policy.baseDelayMs, maxMs: policy.baseDelayMs * 32, jitterMs: policy.baseDelayMs },
		random,
	);
}
