import {
	NodeApiError,
	sleep,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
	type JsonObject,
} from 'n8n-workflow';

import {
	retryBudget,
	retryDelayMs,
	statusRetryReason,
	type RetryPolicy,
	type RetryReason,
} from './retryPolicy';
import {
	lowerCaseKeys,
	thrownFailure,
	type ServiceResponse,
	type ThrownFailure,
} from './serviceResponse';

export type ApiContext = IExecuteFunctions | ILoadOptionsFunctions;

/** What a request does to the service; it decides how an answer to a retried write is read. */
export type RequestIntent = 'read' | 'create' | 'update' | 'delete';

export interface ResilientRequest {
	credential: string;
	/** Method, URL, query, body and headers; timeout and status handling are set here. */
	options: IHttpRequestOptions;
	intent: RequestIntent;
	policy: RetryPolicy;
	/**
	 * For credentials with preAuthentication: a 401 is left to n8n, which fetches a new token and
	 * sends the request once more.
	 */
	refreshTokenOn401?: boolean;
	/** Whether a failed create says that the object exists already. */
	isAlreadyExists?(response: ServiceResponse): boolean;
	/**
	 * The wait a rate-limited answer asks for when the service says it its own way (e.g. a reset
	 * time in a header); undefined falls back to `Retry-After`, then backoff.
	 */
	rateLimitWaitMs?(headers: Record<string, unknown>): number | undefined;
}

export type Replayed = 'notFound' | 'alreadyExists';

export type ResilientOutcome =
	| { type: 'response'; response: ServiceResponse; attempts: number; replayed?: Replayed }
	| { type: 'unreachable'; code: string; attempts: number };

function cancelled(ctx: ApiContext): boolean {
	return 'getExecutionCancelSignal' in ctx && ctx.getExecutionCancelSignal()?.aborted === true;
}

async function attempt(ctx: ApiContext, request: ResilientRequest): Promise<ThrownFailure> {
	await request.policy.pacer?.wait();
	try {
		const full = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, request.credential, {
			...request.options,
			headers: { ...(request.options.headers ?? {}) },
			json: true,
			timeout: request.policy.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: request.refreshTokenOn401 ? { ignore: true, except: [401] } : true,
		})) as IN8nHttpFullResponse;
		return {
			kind: 'response',
			response: {
				statusCode: full.statusCode,
				headers: lowerCaseKeys(full.headers),
				body: full.body,
			},
		};
	} catch (error) {
		const failure = thrownFailure(error);
		if (!failure) throw new NodeApiError(ctx.getNode(), error as JsonObject);
		return failure;
	}
}

function waitBeforeRetry(
	request: ResilientRequest,
	reason: RetryReason,
	retry: number,
	headers: Record<string, unknown> | undefined,
): number {
	const asked = reason === 'rateLimit' && headers ? request.rateLimitWaitMs?.(headers) : undefined;
	if (asked !== undefined) return Math.min(Math.max(0, asked), request.policy.maxDelayMs);
	return retryDelayMs(request.policy, retry, headers);
}

function reasonFor(failure: ThrownFailure): RetryReason | undefined {
	return failure.kind === 'network' ? 'network' : statusRetryReason(failure.response.statusCode);
}

/**
 * Sends one request through the credential, retrying 429 (after `Retry-After` when given), 5xx
 * and connection failures within the policy's budgets, and never any other 4xx. Once a write was
 * retried after a 5xx or a lost connection it may already have taken effect, so then a DELETE
 * answered 404, or a create answered "already exists", is reported as `replayed`.
 */
export async function sendResilient(
	ctx: ApiContext,
	request: ResilientRequest,
): Promise<ResilientOutcome> {
	const retries: Record<RetryReason, number> = { rateLimit: 0, serverError: 0, network: 0 };
	let mayHaveApplied = false;
	for (let attempts = 1; ; attempts++) {
		const failure = await attempt(ctx, request);
		const reason = reasonFor(failure);
		if (reason && retries[reason] < retryBudget(request.policy, reason) && !cancelled(ctx)) {
			const fromApi = failure.kind === 'network' || failure.response.endpoint !== 'token';
			if (request.intent !== 'read' && reason !== 'rateLimit' && fromApi) mayHaveApplied = true;
			const headers = failure.kind === 'response' ? failure.response.headers : undefined;
			await sleep(waitBeforeRetry(request, reason, retries[reason], headers));
			retries[reason]++;
			continue;
		}
		if (failure.kind === 'network') return { type: 'unreachable', code: failure.code, attempts };
		const { response } = failure;
		if (mayHaveApplied && request.intent === 'delete' && response.statusCode === 404) {
			return { type: 'response', response, attempts, replayed: 'notFound' };
		}
		if (mayHaveApplied && request.intent === 'create' && request.isAlreadyExists?.(response)) {
			return { type: 'response', response, attempts, replayed: 'alreadyExists' };
		}
		return { type: 'response', response, attempts };
	}
}

/** The intent a method has unless the caller says otherwise (a POST that only reads, say). */
export function intentOf(method: string): RequestIntent {
	const upper = method.toUpperCase();
	if (upper === 'GET' || upper === 'HEAD') return 'read';
	if (upper === 'POST') return 'create';
	if (upper === 'DELETE') return 'delete';
	return 'update';
}
