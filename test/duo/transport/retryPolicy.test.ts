import {
	DEFAULT_RETRY_POLICY,
	retryBudget,
	retryDelayMs,
	retryReason,
} from '../../../nodes/DuoSecurity/transport/retryPolicy';

describe('retry policy', () => {
	it('retries 429 and 5xx only', () => {
		expect([429, 500, 502, 503, 599].map(retryReason)).toEqual([
			'rateLimit',
			'serverError',
			'serverError',
			'serverError',
			'serverError',
		]);
		expect([200, 400, 401, 403, 404, 405].map(retryReason)).toEqual(Array(6).fill(undefined));
		expect(retryBudget(DEFAULT_RETRY_POLICY, 'rateLimit')).toBe(6);
		expect(retryBudget(DEFAULT_RETRY_POLICY, 'serverError')).toBe(5);
	});

	it("waits 1, 2, 4, 8, 16, 32 s plus up to 1 s of jitter, like Duo's SDKs", () => {
		const none = () => 0;
		const most = () => 0.999;
		expect(
			[0, 1, 2, 3, 4, 5, 6].map((retry) => retryDelayMs(DEFAULT_RETRY_POLICY, retry, none)),
		).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 32000]);
		expect(retryDelayMs(DEFAULT_RETRY_POLICY, 5, most)).toBe(32999);
		expect(retryDelayMs({ ...DEFAULT_RETRY_POLICY, baseDelayMs: 10 }, 2, none)).toBe(40);
	});
});
