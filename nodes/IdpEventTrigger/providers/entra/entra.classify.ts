import { NodeApiError, type IWebhookFunctions } from 'n8n-workflow';

import type { GroupRef, IdentityEvent } from '../../../shared/model';
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

type Lookup<T> = { found: T } | { gone: true } | { failed: string };

async function lookup<T>(ctx: EntraContext, path: string, select: string): Promise<Lookup<T>> {
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
		return statusCode === 404 ? { gone: true } : { found: body };
	} catch (error) {
		return { failed: error instanceof NodeApiError ? error.message : String(error) };
	}
}

function retype<E extends IdentityEvent>(event: E, key: EntraEventKey): E {
	return { ...event, type: ENTRA_EVENT_MAP[key], source: { ...event.source, eventType: key } } as E;
}

/** A deleted group's last known name, so downstream can match it by name. */
function withKnownName<E extends IdentityEvent & { group: GroupRef }>(
	event: E,
	memory: EntraDirectoryMemory,
): E {
	const name = memory.groupNames[event.group.id];
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
	const wasDisabled = memory.disabledUsers[user.id] === 1;
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
	const previousName = memory.groupNames[group.id];
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
 * object once and turn provisional events into what happened. Users that cannot be fetched keep
 * the generic `user.updated`, marked failed; groups that cannot be fetched, or whose change is
 * none the model tracks, are dropped. Never throws.
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
					enrichment: { status: 'enriched' },
				});
			} else if ('gone' in found) {
				rememberDisabled(memory, event.user.id, false);
				result.push({
					...retype(event, 'users:updated:gone'),
					enrichment: { status: 'not_found' },
				});
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
				if (classified) result.push({ ...retype(event, classified.key), group: classified.group });
			} else if ('gone' in found) {
				result.push(withKnownName(retype(event, 'groups:updated:gone'), memory));
				rememberGroupName(memory, event.group.id, undefined);
			} else {
				ctx.logger.warn(
					`IdP Event Trigger: skipped a change to Microsoft Entra group ${event.group.id}: ${found.failed}`,
				);
			}
			continue;
		}
		result.push(event);
	}
	return result;
}
