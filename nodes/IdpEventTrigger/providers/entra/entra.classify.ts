import { NodeApiError, type IWebhookFunctions } from 'n8n-workflow';

import type { GroupRef, IdentityEvent } from '../../../shared/model';
import { triggerLog } from '../../triggerLog';
import { graphRequest, type EntraContext } from './entra.api';
import { ENTRA_EVENT_MAP, type EntraEventKey } from './entra.eventMap';
import {
	announce,
	isRecentlyCreated,
	rememberDisabled,
	rememberGroupName,
	wasAnnounced,
	type EntraDirectoryMemory,
} from './entra.state';
import {
	GRAPH_GROUP_SELECT,
	GRAPH_USER_SELECT,
	identityUserFromGraph,
	type GraphGroup,
	type GraphUser,
} from './entra.users';

/** A read of one object; `observedAt` is when the request was sent. */
type Lookup<T> =
	| { found: T; observedAt: string }
	| { gone: true; observedAt: string }
	| { failed: string };

function failure(error: unknown): { failed: string } {
	return { failed: error instanceof NodeApiError ? error.message : String(error) };
}

async function lookup<T>(ctx: EntraContext, path: string, select: string): Promise<Lookup<T>> {
	const observedAt = new Date().toISOString();
	try {
		const { body, statusCode } = await graphRequest<T>(
			ctx,
			'GET',
			path,
			undefined,
			{ $select: select },
			{
				tolerateNotFound: true,
			},
		);
		return statusCode === 404 ? { gone: true, observedAt } : { found: body, observedAt };
	} catch (error) {
		return failure(error);
	}
}

/**
 * Whether a user or group that just answered 404 is in the directory's deleted items, i.e. was
 * soft-deleted. A 404 alone can be a replica that has not seen the object yet; only a confirmed
 * deletion becomes a deletion event.
 */
async function confirmDeleted(ctx: EntraContext, id: string): Promise<{ deleted: boolean } | { failed: string }> {
	try {
		const { statusCode } = await graphRequest(
			ctx,
			'GET',
			`/directory/deletedItems/${encodeURIComponent(id)}`,
			undefined,
			{ $select: 'id' },
			{ tolerateNotFound: true },
		);
		return { deleted: statusCode !== 404 };
	} catch (error) {
		return failure(error);
	}
}

function unconfirmedDeletion(kind: 'user' | 'group', id: string, check: { deleted: boolean } | { failed: string }): string {
	const reason = 'failed' in check ? `checking deleted items failed: ${check.failed}` : 'it is not in deleted items either';
	return `Microsoft Graph answered 404 for ${kind} ${id}, but ${reason}; not treated as a deletion`;
}

function retype<E extends IdentityEvent>(event: E, key: EntraEventKey): E {
	return { ...event, type: ENTRA_EVENT_MAP[key], source: { ...event.source, eventType: key } } as E;
}

/** A deleted group's last known name, so downstream can match it by name. */
function withKnownName<E extends IdentityEvent & { group: GroupRef }>(
	event: E,
	memory: EntraDirectoryMemory,
): E {
	const name = memory.groupNames.get(event.group.id);
	return name === undefined || event.group.name
		? event
		: { ...event, group: { ...event.group, name } };
}

/** `members@delta` names no group: use the remembered name, else fetch the group once. */
async function withGroupName<E extends IdentityEvent & { group: GroupRef }>(
	event: E,
	memory: EntraDirectoryMemory,
	lookupGroup: (id: string) => Promise<Lookup<GraphGroup>>,
): Promise<E> {
	const known = withKnownName(event, memory);
	if (known.group.name) return known;
	const found = await lookupGroup(event.group.id);
	const name = 'found' in found ? (found.found.displayName ?? undefined) : undefined;
	if (!name) return event;
	rememberGroupName(memory, event.group.id, name);
	return { ...event, group: { ...event.group, name } };
}

/** Which user finding a fetched user is, updating what the trigger remembers. */
export function classifyUser(
	user: GraphUser,
	memory: EntraDirectoryMemory,
	now: number,
): EntraEventKey {
	const disabled = user.accountEnabled === false;
	const wasDisabled = memory.disabledUsers.has(user.id);
	rememberDisabled(memory, user.id, disabled);
	if (isRecentlyCreated(user.createdDateTime, now) && !wasAnnounced(memory, user.id, now)) {
		announce(memory, user.id, now);
		return 'users:updated:created';
	}
	if (disabled && !wasDisabled) return 'users:updated:disabled';
	if (!disabled && wasDisabled) return 'users:updated:enabled';
	return 'users:updated';
}

/** Which group finding a fetched group is; undefined when nothing the model tracks changed. */
export function classifyGroup(
	group: GraphGroup,
	memory: EntraDirectoryMemory,
	now: number,
): { key: EntraEventKey; group: GroupRef } | undefined {
	const name = group.displayName ?? undefined;
	const previousName = memory.groupNames.get(group.id);
	rememberGroupName(memory, group.id, name);
	if (isRecentlyCreated(group.createdDateTime, now) && !wasAnnounced(memory, group.id, now)) {
		announce(memory, group.id, now);
		return { key: 'groups:updated:created', group: { id: group.id, ...(name ? { name } : {}) } };
	}
	if (previousName !== undefined && name !== undefined && previousName !== name) {
		return { key: 'groups:updated:renamed', group: { id: group.id, name, previousName } };
	}
	return undefined;
}

/**
 * Graph reports creation, soft deletion, enabling and disabling all as `updated`: fetch each
 * object once and turn provisional events into what happened. A 404 becomes a deletion only when
 * the object is in deleted items. Users that cannot be fetched or whose deletion is unconfirmed
 * keep the generic `user.updated`, marked failed; groups in that case, or whose change is none the
 * model tracks, are dropped. Events built from a read carry its time as `enrichment.observedAt`.
 * Never throws.
 */
export async function classifyEntraEvents(
	ctx: IWebhookFunctions,
	memory: EntraDirectoryMemory,
	events: IdentityEvent[],
	now = Date.now(),
): Promise<IdentityEvent[]> {
	const result: IdentityEvent[] = [];
	const looked = new Map<string, Promise<Lookup<GraphGroup>>>();
	const lookupGroup = (id: string) => {
		if (!looked.has(id)) looked.set(id, lookup<GraphGroup>(ctx, `/groups/${encodeURIComponent(id)}`, GRAPH_GROUP_SELECT));
		return looked.get(id) as Promise<Lookup<GraphGroup>>;
	};
	for (const event of events) {
		const key = event.source.eventType;
		if (key === 'users:deleted' && 'user' in event) rememberDisabled(memory, event.user.id, false);
		if (key === 'groups:deleted' && 'group' in event) {
			result.push(withKnownName(event, memory));
			rememberGroupName(memory, event.group.id, undefined);
			continue;
		}
		if (key === 'users:updated' && event.type === 'user.updated') {
			const found = await lookup<GraphUser>(
				ctx,
				`/users/${encodeURIComponent(event.user.id)}`,
				GRAPH_USER_SELECT,
			);
			if ('found' in found) {
				const classified = retype(event, classifyUser(found.found, memory, now));
				result.push({
					...classified,
					user: identityUserFromGraph(found.found),
					enrichment: { status: 'enriched', observedAt: found.observedAt },
				});
			} else if ('gone' in found) {
				const check = await confirmDeleted(ctx, event.user.id);
				if ('deleted' in check && check.deleted) {
					rememberDisabled(memory, event.user.id, false);
					result.push({
						...retype(event, 'users:updated:gone'),
						enrichment: { status: 'not_found', observedAt: found.observedAt },
					});
				} else {
					const message = unconfirmedDeletion('user', event.user.id, check);
					result.push({ ...event, enrichment: { status: 'failed', message } });
				}
			} else {
				result.push({ ...event, enrichment: { status: 'failed', message: found.failed } });
			}
			continue;
		}
		if ((key === 'groups:updated:member_added' || key === 'groups:updated:member_removed') && 'group' in event) {
			result.push(await withGroupName(event, memory, lookupGroup));
			continue;
		}
		if (key === 'groups:updated' && 'group' in event) {
			const found = await lookupGroup(event.group.id);
			if ('found' in found) {
				const classified = classifyGroup(found.found, memory, now);
				if (classified) {
					result.push({
						...retype(event, classified.key),
						group: classified.group,
						enrichment: { status: 'enriched', observedAt: found.observedAt },
					});
				}
				continue;
			}
			const check = 'gone' in found ? await confirmDeleted(ctx, event.group.id) : undefined;
			if ('gone' in found && check && 'deleted' in check && check.deleted) {
				result.push({
					...withKnownName(retype(event, 'groups:updated:gone'), memory),
					enrichment: { status: 'not_found', observedAt: found.observedAt },
				});
				rememberGroupName(memory, event.group.id, undefined);
			} else {
				const reason = 'failed' in found ? found.failed : unconfirmedDeletion('group', event.group.id, check ?? { deleted: false });
				triggerLog(ctx).warn(`skipped a change to Microsoft Entra group ${event.group.id}: ${reason}`);
			}
			continue;
		}
		result.push(event);
	}
	return result;
}

/**
 * What to emit for an event when classification could not run at all: a provisional user event is
 * still a true `user.updated`; a provisional group event says nothing the model tracks.
 */
export function unclassifiedEntraEvent(event: IdentityEvent): IdentityEvent | undefined {
	return event.source.eventType === 'groups:updated' ? undefined : event;
}
