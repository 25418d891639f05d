import type { ZodError } from 'zod';

import { IdentityEventSchema, type IdentityEvent } from './identityEvent.schema';

export type ParseResult = { ok: true; event: IdentityEvent } | { ok: false; message: string };

/** Formats zod issues as `path.to.field: problem`, joined by "; ". */
export function formatZodIssues(error: ZodError): string {
	return error.issues
		.map((issue) => {
			const path = issue.path
				.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`))
				.join('');
			return path ? `${path}: ${issue.message}` : issue.message;
		})
		.join('; ');
}

export function parseIdentityEvent(value: unknown): ParseResult {
	const result = IdentityEventSchema.safeParse(value);
	if (result.success) return { ok: true, event: result.data };
	return { ok: false, message: formatZodIssues(result.error) };
}
