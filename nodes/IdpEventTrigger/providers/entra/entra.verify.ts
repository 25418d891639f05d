import { constantTimeEqual } from '../../../shared/security/constantTimeEqual';
import type { InboundRequest } from '../../pipeline/request';

function clientStatesOf(request: InboundRequest): unknown[] | undefined {
	try {
		const body = JSON.parse(request.rawBody?.toString('utf8') ?? '') as { value?: unknown };
		if (!Array.isArray(body?.value) || body.value.length === 0) return undefined;
		return body.value.map((item) =>
			item !== null && typeof item === 'object'
				? (item as Record<string, unknown>).clientState
				: undefined,
		);
	} catch {
		return undefined;
	}
}

/**
 * Graph signs nothing: each notification carries the subscription's `clientState`. Every one of
 * them is compared in constant time, and the delivery is accepted only when all match.
 */
export function verifyGraphRequest(
	request: InboundRequest,
	clientState: string,
): { ok: true } | { ok: false; presented: string | undefined } {
	const states = clientStatesOf(request);
	if (!states) return { ok: false, presented: undefined };
	let mismatch: { presented: string | undefined } | undefined;
	for (const state of states) {
		const presented = typeof state === 'string' ? state : undefined;
		const matches = constantTimeEqual(presented, clientState);
		if (!matches && !mismatch) mismatch = { presented };
	}
	return mismatch ? { ok: false, ...mismatch } : { ok: true };
}
