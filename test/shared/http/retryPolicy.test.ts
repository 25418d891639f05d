import { retryAfterMs } from '../../../nodes/shared/http/retryAfter';
import {
	DEFAULT_RETRY_POLICY,
	retryBudget,
	retryDelayMs,
	statusRetryReason,
} from '../../../nodes/shared/http/retryPolicy';
import { thrownFailure, tokenEndpointError } from '../../../nodes/shared/http/serviceResponse';

describe('retry policy for MFA providers', () => {
	it('retries 429 and 5xx, never another 4xx', () => {
		expect([429, 500, 503, 599].map(statusRetryReason)).toEqual([
			'rateLimit',
			'serverError',
			'serverError',
			'serverError',
		]);
		expect([200, 204, 400, 401, 403, 404, 409, 415].map(statusRetryReason)).toEqual(
			Array(8).fill(undefined),
		);
		expect(
			['rateLimit', 'serverError', 'network'].map((r) =>
				retryBudget(DEFAULT_RETRY_POLICY, r as never),
			),
		).toEqual([5, 3, 3]);
	});

	it('backs off exponentially with jitter up to the maximum, unless Retry-After says otherwise', () => {
		const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
		const none = () => 0;
		expect([0, 1, 2, 3, 4, 5].map((retry) => retryDelayMs(policy, retry, undefined, none))).toEqual(
			[100, 200, 400, 800, 1000, 1000],
		);
		expect(retryDelayMs(policy, 0, undefined, () => 0.5)).toBe(150);
		expect(retryDelayMs(policy, 3, { 'retry-after': '0' }, none)).toBe(0);
		expect(retryDelayMs(policy, 0, { 'retry-after': '2' }, none)).toBe(1000);
	});

	it('reads Retry-After as seconds or as an HTTP date', () => {
		const now = Date.parse('2026-01-01T00:00:00Z');
		expect(retryAfterMs({ 'retry-after': '3' }, now)).toBe(3000);
		expect(retryAfterMs({ 'retry-after': ['1.5'] }, now)).toBe(1500);
		expect(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }, now)).toBe(10_000);
		expect(retryAfterMs({ 'retry-after': 'Wed, 31 Dec 2025 00:00:00 GMT' }, now)).toBe(0);
		expect(retryAfterMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
		expect(retryAfterMs({}, now)).toBeUndefined();
	});

	it('reads status and network failures through the causes n8n wraps them in', () => {
		const axiosLike = Object.assign(new Error('Request failed'), {
			response: { status: 503, headers: { 'Retry-After': '4' }, data: { code: 'X' } },
		});
		expect(thrownFailure({ cause: axiosLike })).toEqual({
			kind: 'response',
			response: { statusCode: 503, headers: { 'retry-after': '4' }, body: { code: 'X' } },
		});
		expect(thrownFailure({ cause: { cause: { code: 'ECONNRESET' } } })).toEqual({
			kind: 'network',
			code: 'ECONNRESET',
		});
		const token = tokenEndpointError('refused', {
			statusCode: 401,
			headers: {},
			body: { error: 'invalid_client' },
		});
		expect(thrownFailure({ cause: token })).toEqual({
			kind: 'response',
			response: {
				statusCode: 401,
				headers: {},
				body: { error: 'invalid_client' },
				endpoint: 'token',
			},
		});
		expect((token as { response?: unknown }).response).toBeUndefined();
		expect(thrownFailure(new Error('ENOTFOUND'))).toBeUndefined();
		expect(thrownFailure({ code: 'ERR_CANCELED' })).toBeUndefined();
	});
});
