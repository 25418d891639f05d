import { formatZodIssues } from '../../../shared/model';
import { refuseDeepJson } from '../../pipeline/jsonBody';
import type { InboundRequest, ParseResult } from '../../pipeline/request';
import { Auth0CloudEventSchema, Auth0LogEntrySchema, type Auth0Delivery } from './auth0.wire';

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isCloudEvent(value: Record<string, unknown>): boolean {
	return 'specversion' in value || 'spec_version' in value;
}

/** JSONARRAY, JSONLINES, or one JSON object (JSONOBJECT, or a single CloudEvent). */
function splitBody(text: string): ParseResult<unknown[]> {
	const trimmed = text.trim();
	if (trimmed.startsWith('[')) {
		try {
			const parsed: unknown = JSON.parse(trimmed);
			return { ok: true, value: parsed as unknown[] };
		} catch (error) {
			return {
				ok: false,
				message: `The request body is not a valid JSON array (${(error as Error).message})`,
			};
		}
	}
	try {
		return { ok: true, value: [JSON.parse(trimmed)] };
	} catch {
		const lines = trimmed.split(/\r?\n/).filter((line) => line.trim() !== '');
		const items: unknown[] = [];
		for (const [index, line] of lines.entries()) {
			try {
				items.push(JSON.parse(line));
			} catch (error) {
				return {
					ok: false,
					message: `Line ${index + 1} of the request body is not valid JSON (${(error as Error).message})`,
				};
			}
		}
		return { ok: true, value: items };
	}
}

/**
 * Parses a Log Streams batch (JSON array or JSON lines of `{log_id, data}`) or Event Streams
 * CloudEvents from the raw bytes that were verified.
 */
export function parseAuth0Delivery(request: InboundRequest): ParseResult<Auth0Delivery> {
	const text = request.rawBody?.toString('utf8') ?? '';
	if (text.trim() === '') {
		return {
			ok: false,
			message: 'The request body is empty; Auth0 sends JSON logs or CloudEvents',
		};
	}
	const tooDeep = refuseDeepJson(text);
	if (tooDeep) return tooDeep;
	const split = splitBody(text);
	if (!split.ok) return split;
	const delivery: Auth0Delivery = { logs: [], events: [] };
	for (const [index, item] of split.value.entries()) {
		if (!isObject(item)) {
			return { ok: false, message: `Item ${index} of the body is not a JSON object` };
		}
		if (isCloudEvent(item)) {
			const result = Auth0CloudEventSchema.safeParse(item);
			if (!result.success) {
				return {
					ok: false,
					message: `Item ${index} is not an Auth0 CloudEvent: ${formatZodIssues(result.error)}`,
				};
			}
			delivery.events.push(result.data);
			continue;
		}
		const entry = isObject(item.data) ? item : { log_id: item.log_id, data: item };
		const result = Auth0LogEntrySchema.safeParse(entry);
		if (!result.success) {
			return {
				ok: false,
				message: `Item ${index} is not an Auth0 log: ${formatZodIssues(result.error)}`,
			};
		}
		delivery.logs.push(result.data);
	}
	return { ok: true, value: delivery };
}
