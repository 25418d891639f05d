import { createHash } from 'crypto';

import {
	IDENTITY_EVENT_SCHEMA_VERSION,
	type IdentityEvent,
	type IdentityEventType,
} from '../../../shared/model';
import type { NormalizeOptions } from '../../pipeline/sourceAdapter';
import { bump, newTally } from '../../pipeline/tally';
import type { NormalizeOutcome } from '../../pipeline/types';
import { ENTRA_EVENT_MAP, type EntraEventKey, type EntraResourceKind } from './entra.eventMap';
import {
	isLifecycleNotification,
	type GraphChangeNotification,
	type GraphDelivery,
	type GraphLifecycleNotification,
	type GraphNotification,
} from './entra.wire';

/**
 * `users:updated` and `groups:updated` are provisional: the trigger fetches the object after the
 * acknowledgement and turns the event into one of these outcomes (or drops it).
 */
export const ENTRA_CLASSIFICATION_OUTCOMES = {
	'users:updated': [
		'users:updated:created',
		'users:updated',
		'users:updated:disabled',
		'users:updated:enabled',
		'users:updated:gone',
	],
	'groups:updated': ['groups:updated:created', 'groups:updated:renamed', 'groups:updated:gone'],
} as const satisfies Record<string, readonly EntraEventKey[]>;

export type EntraProvisionalKey = keyof typeof ENTRA_CLASSIFICATION_OUTCOMES;

export function isProvisional(eventType: string): eventType is EntraProvisionalKey {
	return Object.prototype.hasOwnProperty.call(ENTRA_CLASSIFICATION_OUTCOMES, eventType);
}

/** The normalized types a provisional event can still become. */
export function entraCandidateTypes(event: IdentityEvent): readonly IdentityEventType[] {
	const { eventType } = event.source;
	if (!isProvisional(eventType)) return [];
	return ENTRA_CLASSIFICATION_OUTCOMES[eventType].map((key) => ENTRA_EVENT_MAP[key]);
}

const KIND_BY_TYPE = new Map<string, EntraResourceKind>([
	['#microsoft.graph.user', 'users'],
	['#microsoft.graph.group', 'groups'],
]);
const KIND_BY_COLLECTION = new Map<string, EntraResourceKind>([
	['users', 'users'],
	['groups', 'groups'],
]);

/** The user or group a notification is about; undefined for anything else (messages, events, …). */
function resourceOf(
	notification: GraphChangeNotification,
): { kind: EntraResourceKind; id: string } | undefined {
	const segments = notification.resource.replace(/^\/+/, '').split('/');
	const type = notification.resourceData?.['@odata.type']?.toLowerCase();
	const byPath = segments.length === 2 ? KIND_BY_COLLECTION.get(segments[0].toLowerCase()) : undefined;
	const kind = type ? KIND_BY_TYPE.get(type) : byPath;
	const id = notification.resourceData?.id ?? segments[1];
	return kind && id ? { kind, id } : undefined;
}

/** Starts every id the trigger makes up for a notification that came without one. */
const SYNTHESIZED_PREFIX = 'graph-';

export function isSynthesizedNotificationId(id: string): boolean {
	return id.startsWith(SYNTHESIZED_PREFIX);
}

/**
 * Graph promises no id per notification: use its `id` when present, otherwise a digest of what
 * identifies it and the instant it arrived. A made-up id tells events apart downstream but never
 * suppresses a duplicate: two real changes to one object can look alike.
 */
export function notificationId(notification: GraphNotification, receivedAt: string): string {
	if (!isLifecycleNotification(notification) && notification.id) return notification.id;
	const parts = isLifecycleNotification(notification)
		? [
				notification.subscriptionId,
				notification.lifecycleEvent,
				notification.subscriptionExpirationDateTime ?? '',
			]
		: [
				notification.subscriptionId,
				notification.changeType,
				notification.resource,
				...(notification.resourceData?.['members@delta'] ?? []).map(
					(member) => `${member.id}:${isRemoved(member['@removed']) ? 'removed' : 'added'}`,
				),
			];
	const digest = createHash('sha256')
		.update([...parts, receivedAt].join('\n'))
		.digest('hex')
		.slice(0, 32);
	return `${SYNTHESIZED_PREFIX}${digest}`;
}

function isRemoved(value: unknown): boolean {
	return value !== undefined && value !== null && value !== false;
}

interface Context {
	receivedAt: string;
	tenant: string;
	includeRaw: boolean;
}

function envelope(
	key: EntraEventKey | EntraProvisionalKey,
	id: string,
	tenant: string,
	raw: unknown,
	context: Context,
) {
	return {
		schemaVersion: IDENTITY_EVENT_SCHEMA_VERSION,
		id,
		occurredAt: context.receivedAt,
		source: { idp: 'entra' as const, tenant, eventType: key, eventIds: [id] },
		...(context.includeRaw ? { raw } : {}),
	};
}

function fromLifecycle(
	notification: GraphLifecycleNotification,
	context: Context,
): IdentityEvent | string {
	const key = `lifecycle:${notification.lifecycleEvent}`;
	if (key !== 'lifecycle:missed' && key !== 'lifecycle:subscriptionRemoved') return key;
	const id = notificationId(notification, context.receivedAt);
	return {
		...envelope(key, id, notification.tenantId ?? context.tenant, notification, context),
		type: ENTRA_EVENT_MAP[key],
		notice: {
			reason: notification.lifecycleEvent,
			...(notification.resource ? { resource: notification.resource } : {}),
			subscriptionId: notification.subscriptionId,
		},
	};
}

function fromChange(
	notification: GraphChangeNotification,
	context: Context,
): IdentityEvent[] | string {
	const resource = resourceOf(notification);
	if (!resource) {
		const type = notification.resourceData?.['@odata.type'] ?? notification.resource.split('/')[0];
		return `${type}:${notification.changeType}`;
	}
	const id = notificationId(notification, context.receivedAt);
	const tenant = notification.tenantId ?? context.tenant;
	const { kind } = resource;
	const deleted = notification.changeType === 'deleted';
	if (kind === 'users') {
		const key = deleted ? 'users:deleted' : 'users:updated';
		return [
			{
				...envelope(key, id, tenant, notification, context),
				type: ENTRA_EVENT_MAP[key],
				user: { id: resource.id, attributes: {} },
			},
		];
	}
	if (deleted) {
		return [
			{
				...envelope('groups:deleted', id, tenant, notification, context),
				type: ENTRA_EVENT_MAP['groups:deleted'],
				group: { id: resource.id },
			},
		];
	}
	const members = notification.resourceData?.['members@delta'];
	if (!members || members.length === 0) {
		return [
			{
				...envelope('groups:updated', id, tenant, notification, context),
				type: 'group.renamed',
				group: { id: resource.id },
			},
		];
	}
	return members.map((member) => {
		const removed = isRemoved(member['@removed']);
		const key = removed ? 'groups:updated:member_removed' : 'groups:updated:member_added';
		const memberId = `${id}:${member.id}:${removed ? 'removed' : 'added'}`;
		return {
			...envelope(key, memberId, tenant, notification, context),
			type: ENTRA_EVENT_MAP[key],
			user: { id: member.id, attributes: {} },
			group: { id: resource.id },
		};
	});
}

function coalesceKey(event: IdentityEvent): string {
	const subject = 'user' in event ? event.user.id : '';
	const group = 'group' in event ? event.group.id : '';
	return `${event.source.eventType}|${subject}|${group}`;
}

/**
 * Maps one Graph delivery to normalized events, in delivery order. Notifications about the same
 * object and change within the delivery become one event carrying all their ids (Graph often
 * sends several for one change). `reauthorizationRequired` produces no event: the trigger answers
 * it after the acknowledgement.
 */
export function normalizeGraphDelivery(
	delivery: GraphDelivery,
	options: NormalizeOptions,
): NormalizeOutcome {
	const outcome: NormalizeOutcome = { events: [], ignored: newTally(), failedOutcomes: 0 };
	const context: Context = {
		receivedAt: options.receivedAt ?? new Date().toISOString(),
		tenant: options.tenant,
		includeRaw: options.includeRaw,
	};
	const byKey = new Map<string, IdentityEvent>();
	for (const notification of delivery.notifications) {
		const result = isLifecycleNotification(notification)
			? fromLifecycle(notification, context)
			: fromChange(notification, context);
		if (typeof result === 'string') {
			bump(outcome.ignored, result);
			continue;
		}
		for (const event of Array.isArray(result) ? result : [result]) {
			const key = coalesceKey(event);
			const first = byKey.get(key);
			if (!first) {
				byKey.set(key, event);
				outcome.events.push(event);
				continue;
			}
			for (const id of event.source.eventIds) {
				if (!first.source.eventIds.includes(id)) first.source.eventIds.push(id);
			}
			if (options.includeRaw)
				first.raw = [...(Array.isArray(first.raw) ? first.raw : [first.raw]), event.raw];
		}
	}
	return outcome;
}
