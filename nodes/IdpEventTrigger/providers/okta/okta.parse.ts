import { formatZodIssues } from '../../../shared/model';
import { refuseDeepJson } from '../../pipeline/jsonBody';
import type { InboundRequest, ParseResult } from '../../pipeline/request';
import { OktaEventHookDeliverySchema, type OktaEventHookDelivery } from './okta.wire';

/** Parses and validates a POST delivery from the raw bytes that were verified. */
export function parseOktaDelivery(request: InboundRequest): ParseResult<OktaEventHookDelivery> {
	if (!request.rawBody || request.rawBody.length === 0) {
		return { ok: false, message: 'The request body is empty; Okta deliveries are JSON objects' };
	}
	const text = request.rawBody.toString('utf8');
	const tooDeep = refuseDeepJson(text);
	if (tooDeep) return tooDeep;
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		return { ok: false, message: `The request body is not valid JSON (${(error as Error).message})` };
	}
	const result = OktaEventHookDeliverySchema.safeParse(json);
	if (!result.success) {
		return {
			ok: false,
			message: `The body is not an Okta Event Hook delivery: ${formatZodIssues(result.error)}`,
		};
	}
	return { ok: true, value: result.data };
}
