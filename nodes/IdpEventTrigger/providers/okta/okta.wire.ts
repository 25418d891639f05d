import { z } from 'zod';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO 8601 timestamp, checked with one precompiled pattern (zod's datetime() rebuilds its regex per call). */
const isoTimestamp = z
	.string()
	.refine((value) => ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value)), {
		message: 'Invalid datetime',
	});

/** Okta's System Log LogEvent as delivered by Event Hooks: lenient, only what normalization reads. */
export const OktaLogTargetSchema = z
	.object({
		id: z.string(),
		type: z.string(),
		alternateId: z.string().nullish(),
		displayName: z.string().nullish(),
		detailEntry: z.record(z.unknown()).nullish(),
		changeDetails: z
			.object({ from: z.record(z.unknown()).nullish(), to: z.record(z.unknown()).nullish() })
			.passthrough()
			.nullish(),
	})
	.passthrough();

export const OktaLogEventSchema = z
	.object({
		uuid: z.string().min(1),
		published: isoTimestamp,
		eventType: z.string().min(1),
		displayMessage: z.string().nullish(),
		actor: z
			.object({
				id: z.string(),
				type: z.string().nullish(),
				alternateId: z.string().nullish(),
				displayName: z.string().nullish(),
			})
			.passthrough()
			.nullish(),
		outcome: z
			.object({ result: z.string(), reason: z.string().nullish() })
			.passthrough()
			.nullish(),
		target: z.array(OktaLogTargetSchema).nullish(),
		debugContext: z
			.object({ debugData: z.record(z.unknown()).nullish() })
			.passthrough()
			.nullish(),
	})
	.passthrough();

export const OktaEventHookDeliverySchema = z
	.object({
		eventType: z.string().optional(),
		eventId: z.string().optional(),
		eventTime: z.string().optional(),
		source: z.string().optional(),
		data: z.object({ events: z.array(OktaLogEventSchema) }).passthrough(),
	})
	.passthrough();

export type OktaLogTarget = z.infer<typeof OktaLogTargetSchema>;
export type OktaLogEvent = z.infer<typeof OktaLogEventSchema>;
export type OktaEventHookDelivery = z.infer<typeof OktaEventHookDeliverySchema>;
