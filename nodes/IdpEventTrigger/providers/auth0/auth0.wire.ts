import { z } from 'zod';

/** The `details` of a `sapi` log: the Management API request that succeeded, and its response. */
export const Auth0SapiDetailsSchema = z
	.object({
		request: z
			.object({
				method: z.string(),
				path: z.string(),
				body: z.unknown().optional(),
			})
			.passthrough(),
		response: z
			.object({ statusCode: z.number().optional(), body: z.unknown().optional() })
			.passthrough()
			.nullish(),
	})
	.passthrough();

/** One tenant log event (Log Streams): lenient, only what normalization reads. */
export const Auth0LogDataSchema = z
	.object({
		log_id: z.string().min(1).optional(),
		date: z.string().datetime({ offset: true }),
		type: z.string().min(1),
		description: z.string().nullish(),
		client_id: z.string().nullish(),
		client_name: z.string().nullish(),
		user_id: z.string().nullish(),
		user_name: z.string().nullish(),
		connection: z.string().nullish(),
		tenant_name: z.string().nullish(),
		details: z.record(z.unknown()).nullish(),
	})
	.passthrough();

/** A Log Streams element: `{log_id, data}`; `data` repeats `log_id`. */
export const Auth0LogEntrySchema = z
	.object({ log_id: z.string().min(1), data: Auth0LogDataSchema })
	.passthrough();

const Auth0EventUserSchema = z
	.object({
		user_id: z.string().min(1),
		email: z.string().nullish(),
		username: z.string().nullish(),
		name: z.string().nullish(),
		given_name: z.string().nullish(),
		family_name: z.string().nullish(),
		nickname: z.string().nullish(),
		blocked: z.boolean().nullish(),
	})
	.passthrough();

/** An Event Streams CloudEvent; `type` may carry the `com.auth0.` prefix the prose docs show. */
export const Auth0CloudEventSchema = z
	.object({
		id: z.string().min(1),
		type: z.string().min(1),
		time: z.string().datetime({ offset: true }),
		source: z.string().optional(),
		specversion: z.string().optional(),
		spec_version: z.string().optional(),
		a0tenant: z.string().optional(),
		a0stream: z.string().optional(),
		a0purpose: z.string().optional(),
		data: z
			.object({
				object: z.record(z.unknown()),
				previous_object: z.record(z.unknown()).nullish(),
				context: z.record(z.unknown()).nullish(),
			})
			.passthrough(),
	})
	.passthrough();

export const Auth0EventUserObjectSchema = Auth0EventUserSchema;

export const Auth0EventGroupObjectSchema = z
	.object({ id: z.string().min(1), name: z.string().nullish() })
	.passthrough();

export const Auth0EventMemberObjectSchema = z
	.object({
		group: z.object({ id: z.string().min(1) }).passthrough(),
		member: z.object({ id: z.string().min(1), member_type: z.string().optional() }).passthrough(),
	})
	.passthrough();

export type Auth0SapiDetails = z.infer<typeof Auth0SapiDetailsSchema>;
export type Auth0LogData = z.infer<typeof Auth0LogDataSchema>;
export type Auth0LogEntry = z.infer<typeof Auth0LogEntrySchema>;
export type Auth0CloudEvent = z.infer<typeof Auth0CloudEventSchema>;
export type Auth0EventUser = z.infer<typeof Auth0EventUserObjectSchema>;

/** One POST from Auth0: tenant logs (Log Streams) or CloudEvents (Event Streams). */
export interface Auth0Delivery {
	logs: Auth0LogEntry[];
	events: Auth0CloudEvent[];
}
