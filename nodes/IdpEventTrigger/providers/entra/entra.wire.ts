import { z } from 'zod';

/** A `members@delta` entry; `@removed` comes as a string or as `{reason}`. */
export const GraphMemberDeltaSchema = z
	.object({
		id: z.string().min(1),
		'@odata.type': z.string().optional(),
		'@removed': z
			.union([z.string(), z.object({ reason: z.string().optional() }).passthrough()])
			.optional(),
	})
	.passthrough();

export const GraphResourceDataSchema = z
	.object({
		'@odata.type': z.string().optional(),
		'@odata.id': z.string().optional(),
		id: z.string().optional(),
		organizationId: z.string().optional(),
		'members@delta': z.array(GraphMemberDeltaSchema).optional(),
	})
	.passthrough();

/** A basic change notification (users and groups get no rich notifications). */
export const GraphChangeNotificationSchema = z
	.object({
		id: z.string().optional(),
		subscriptionId: z.string().min(1),
		subscriptionExpirationDateTime: z.string().optional(),
		clientState: z.string().nullish(),
		changeType: z.string().min(1),
		resource: z.string().min(1),
		tenantId: z.string().optional(),
		resourceData: GraphResourceDataSchema.nullish(),
	})
	.passthrough();

/** A lifecycle notification: `reauthorizationRequired`, `subscriptionRemoved` or `missed`. */
export const GraphLifecycleNotificationSchema = z
	.object({
		subscriptionId: z.string().min(1),
		subscriptionExpirationDateTime: z.string().optional(),
		clientState: z.string().nullish(),
		lifecycleEvent: z.string().min(1),
		resource: z.string().optional(),
		tenantId: z.string().optional(),
		organizationId: z.string().optional(),
	})
	.passthrough();

export type GraphMemberDelta = z.infer<typeof GraphMemberDeltaSchema>;
export type GraphChangeNotification = z.infer<typeof GraphChangeNotificationSchema>;
export type GraphLifecycleNotification = z.infer<typeof GraphLifecycleNotificationSchema>;
export type GraphNotification = GraphChangeNotification | GraphLifecycleNotification;

/** One POST from Microsoft Graph: `{value: [...]}`, possibly from several subscriptions. */
export interface GraphDelivery {
	notifications: GraphNotification[];
}

export function isLifecycleNotification(
	notification: GraphNotification,
): notification is GraphLifecycleNotification {
	return 'lifecycleEvent' in notification;
}
