import { z } from 'zod';

import { IDENTITY_EVENT_SCHEMA_VERSION, IDENTITY_PROVIDERS } from './eventCatalogue';
import { IdentityUserSchema } from './identityEvent.schema';
import { formatZodIssues } from './parseIdentityEvent';

/**
 * One user of an identity provider's directory, as the IdP Directory node reads it: the same user
 * shape the trigger's enrichment emits (with groups), its tenant, and when it was read. Reconcile
 * takes all of one execution's items as the complete desired set for one tenant.
 */
export const DirectoryUserSchema = z.object({
	schemaVersion: z.literal(IDENTITY_EVENT_SCHEMA_VERSION),
	type: z.literal('directory.user'),
	idp: z.enum(IDENTITY_PROVIDERS),
	tenant: z.string().min(1),
	/** When the request that read this user was sent (ISO 8601). */
	observedAt: z.string().datetime({ offset: true }),
	user: IdentityUserSchema,
});

export type DirectoryUser = z.infer<typeof DirectoryUserSchema>;

export function parseDirectoryUser(value: unknown): { ok: true; user: DirectoryUser } | { ok: false; message: string } {
	const result = DirectoryUserSchema.safeParse(value);
	return result.success ? { ok: true, user: result.data } : { ok: false, message: formatZodIssues(result.error) };
}
