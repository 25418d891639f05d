import type { Logger } from 'n8n-workflow';

import { escapeForLog } from '../shared/security/unicodeText';

type Fields = Record<string, unknown>;

/** Numbers and booleans as they are; any other value as escaped text (objects as JSON). */
function escapedFields(fields: Fields): Record<string, string | number | boolean> {
	const out: Record<string, string | number | boolean> = {};
	for (const [name, value] of Object.entries(fields)) {
		if (typeof value === 'number' || typeof value === 'boolean') out[name] = value;
		else out[name] = escapeForLog(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
	}
	return out;
}

/**
 * The trigger's log lines. Messages and fields carry text from identity providers (event types,
 * ids, error messages), so control, bidirectional and invisible characters are escaped: such text
 * cannot forge or reorder what an operator reads. Field names must be the trigger's own.
 */
export function triggerLog(ctx: { logger: Logger }) {
	const line = (message: string) => `IdP Event Trigger: ${escapeForLog(message)}`;
	return {
		info: (message: string, fields?: Fields) =>
			ctx.logger.info(line(message), fields && escapedFields(fields)),
		warn: (message: string, fields?: Fields) =>
			ctx.logger.warn(line(message), fields && escapedFields(fields)),
	};
}
