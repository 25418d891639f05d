import { z } from 'zod';

/** The structure of a mapping profile; templates and rules are checked further by compileProfile. */
export const MappingProfileSchema = z
	.object({
		version: z.literal(1).default(1),
		description: z.string().optional(),
		username: z.string().optional(),
		attributes: z.record(z.string()).default({}),
		groups: z
			.object({
				include: z.array(z.string()).default([]),
				exclude: z.array(z.string()).default([]),
				rename: z.record(z.string()).default({}),
				createMissing: z.boolean().optional(),
			})
			.strict()
			.default({}),
		rules: z.array(z.unknown()).default([]),
		onDelete: z.enum(['delete', 'disable']).optional(),
		reset: z
			.object({ factors: z.union([z.enum(['any', 'provider']), z.array(z.string()).min(1)]) })
			.strict()
			.optional(),
	})
	.strict();

/** One profile, or one per IdP tenant (matched against the event's `source.tenant`). */
export const ProfileDocumentSchema = z.union([
	z
		.object({
			tenants: z.record(MappingProfileSchema),
			default: MappingProfileSchema.optional(),
		})
		.strict(),
	MappingProfileSchema,
]);

export type MappingProfile = z.infer<typeof MappingProfileSchema>;
export type ProfileDocument = z.infer<typeof ProfileDocumentSchema>;
