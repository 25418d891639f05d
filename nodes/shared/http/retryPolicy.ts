import { backoffDelayMs } from './backoff';
import type { Pacer } from './pacer';
import { retryAfterMs } from './retryAfter';

/** How an MFA provider's transport retries and how long one attempt may take. */
export interface RetryPolicy {
	/** First backoff wait; it doubles per retry up to `maxDelayMs`, plus up to this much jitter. */
	baseDelayMs: number;
	/** The longest wait between two attempts, also the cap on a server's `Retry-After`. */
	maxDelayMs: number;
	/** Retries after HTTP 429. */
	maxRateLimitRetries: number;
	/** Retries after HTTP 5xx. */
	maxServerErrorRetries: number;
	/** Retries after a reset, refused or timed-out connection. */
	maxNetworkRetries: number;
	/** How long one attempt may take before it counts as a network failure. */
	timeoutMs: number;
	/** Spaces every attempt of the execution out to a request rate, when one is set. */
	pacer?: Pacer;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	baseDelayMs: 1000,
	maxDelayMs: 30_000,
	maxRateLimitRetries: 5,
	maxServerErrorRetries: 3,
	maxNetworkRetries: 3,
	timeoutMs: 30_000,
};

export type RetryReason = 'rateLimit' | 'serverError' | 'network';

export function retryBudget(policy: RetryPolicy, reason: RetryReason): number {
	if (reason === 'rateLimit') return policy.maxRateLimitRetries;
	if (reason === 'serverError') return policy.maxServerErrorRetries;
	return policy.maxNetworkRetries;
}

/** Why an HTTP status should be retried, or undefined for success and every other 4xx. */
export function statusRetryReason(statusCode: number): RetryReason | undefined {
	if (statusCode === 429) return 'rateLimit';
	if (statusCode >= 500 && statusCode <= 599) return 'serverError';
	return undefined;
}

/**
 * The wait before retry number `retry` (0-based) of one kind: the server's `Retry-After` when it
 * sent one, else exponential backoff with jitter; never more than `maxDelayMs`.
 */
export function retryDelayMs(
	policy: RetryPolicy,
	retry: number,
	headers?: Record<string, unknown>,
	random?: () => number,
): number {
	const asked = retryAfterMs(headers);
	if (asked !== undefined) return Math.min(asked, policy.maxDelayMs);
	return Math.min(
		policy.maxDelayMs,
		backoffDelayMs(
			retry,
			{ baseMs: policy.baseDelayMs, maxMs: policy.maxDelayMs, jitterMs: policy.baseDelayMs },
			random,
		),
	);
}
