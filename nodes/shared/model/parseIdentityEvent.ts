import type { ZodError } from 'zod';

import { IdentityEventSchema, type IdentityEvent } from './identityEvent.schema';

export type ParseResult = { ok: true; event: IdentityEvent } | { ok: false; message: string };

/** zod issues as `{path: 'a.b[0].c', message}`; the path is empty for the root. */
export function zodIssueList(error: ZodError): Array<{ path: string; message: string }> {
	return error.issues.map((issue) => ({
		path: issue.path
			.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`))
			.join(''),
		message: issue.message,
	}));
}

/** Formats zod issues as `path.to.field: problem`, joined by "; ". */
export function formatZodIssues(error: ZodError): string {
	return zodIssueList(error)
		.map(({ path, message }) => (path ? `${path}: ${message}` : message))
		.join('; ');
}

export function parseIdentityEvent(value: unknown): ParseResult {
	const result = IdentityEventSchema.safeParse(value);
	if (result.success) return { ok: true, event: result.data };
	return { ok: false, message: formatZodIssues(result.error) };
}
