import { formatZodIssues } from '../../../shared/model';
import { refuseDeepJson } from '../../pipeline/jsonBody';
import type { InboundRequest, ParseResult } from '../../pipeline/request';
import {
	GraphChangeNotificationSchema,
	GraphLifecycleNotificationSchema,
	type GraphDelivery,
} from './entra.wire';

/** Parses a change-notification collection `{value: [...]}` from the verified raw bytes. */
export function parseGraphDelivery(request: InboundRequest): ParseResult<GraphDelivery> {
	const text = request.rawBody?.toString('utf8') ?? '';
	const tooDeep = refuseDeepJson(text);
	if (tooDeep) return tooDeep;
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		return {
			ok: false,
			message: `The request body is not valid JSON (${(error as Error).message})`,
		};
	}
	const value = (json as { value?: unknown } | null)?.value;
	if (!Array.isArray(value)) {
		return {
			ok: false,
			message: 'The body is not a Microsoft Graph notification collection: value: Required',
		};
	}
	const delivery: GraphDelivery = { notifications: [] };
	for (const [index, item] of value.entries()) {
		const lifecycle = item !== null && typeof item === 'object' && 'lifecycleEvent' in item;
		const schema = lifecycle ? GraphLifecycleNotificationSchema : GraphChangeNotificationSchema;
		const result = schema.safeParse(item);
		if (!result.success) {
			return {
				ok: false,
				message: `value[${index}] is not a Microsoft Graph ${lifecycle ? 'lifecycle' : 'change'} notification: ${formatZodIssues(result.error)}`,
			};
		}
		delivery.notifications.push(result.data);
	}
	return { ok: true, value: delivery };
}
