import { NodeOperationError, type IHookFunctions } from 'n8n-workflow';

import type { IdentityEventType } from '../../../shared/model';
import { graphRequestAllItems, type EntraContext } from './entra.api';
import { entraResourcesFor, type EntraResourceKind } from './entra.eventMap';
import {
	MAX_REMEMBERED_OBJECTS,
	emptyDirectoryMemory,
	rememberDisabled,
	rememberGroupName,
	saveDirectoryMemory,
	type EntraState,
} from './entra.state';
import {
	createSubscription,
	deleteSubscription,
	getSubscription,
	listSubscriptions,
	needsRenewal,
	renewSubscription,
} from './entra.subscriptions';
import type { GraphGroup } from './entra.users';

function forget(state: EntraState): void {
	delete state.graphClientState;
	delete state.graphNotificationUrl;
	delete state.graphSubscriptions;
}

function sameKinds(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');
}

/**
 * True when Graph still holds a subscription of ours for every resource the selected events need,
 * each pointing at this URL (the trigger has checked the clientState they were made with). One that
 * is due for renewal is renewed on the way, so every activation and every n8n start extends the
 * subscriptions.
 */
export async function entraSubscriptionsExist(
	ctx: IHookFunctions,
	state: EntraState,
	webhookUrl: string,
	selected: readonly IdentityEventType[],
	now = Date.now(),
): Promise<boolean> {
	const stored = state.graphSubscriptions ?? [];
	if (stored.length === 0) return false;
	if (
		!sameKinds(
			stored.map((s) => s.kind),
			entraResourcesFor(selected),
		)
	)
		return false;
	for (const record of stored) {
		const remote = await getSubscription(ctx, record.id);
		if (!remote || remote.notificationUrl !== webhookUrl) return false;
		record.expiresAt = remote.expirationDateTime;
		if (needsRenewal(record.expiresAt, now)) {
			const renewed = await renewSubscription(ctx, record.id, now);
			if (!renewed) return false;
			record.expiresAt = renewed.expirationDateTime;
		}
	}
	return true;
}

/** Remembers disabled users and group names, so later notifications can be told apart. */
async function seedDirectoryMemory(
	ctx: EntraContext,
	state: EntraState,
	kinds: EntraResourceKind[],
): Promise<void> {
	const memory = emptyDirectoryMemory();
	if (kinds.includes('users')) {
		const disabled = await graphRequestAllItems<{ id: string }>(
			ctx,
			'/users',
			{ $filter: 'accountEnabled eq false', $select: 'id', $top: 999 },
			MAX_REMEMBERED_OBJECTS,
		);
		for (const user of disabled) rememberDisabled(memory, user.id, true);
	}
	if (kinds.includes('groups')) {
		const groups = await graphRequestAllItems<GraphGroup>(
			ctx,
			'/groups',
			{ $select: 'id,displayName', $top: 999 },
			MAX_REMEMBERED_OBJECTS,
		);
		for (const group of groups) rememberGroupName(memory, group.id, group.displayName ?? undefined);
	}
	saveDirectoryMemory(state, memory, true);
}

/**
 * Replaces our subscriptions (and any of this app's subscriptions posting to this URL) with one
 * per needed resource, all carrying `clientState`. If one cannot be created, the others are
 * removed again.
 */
export async function createEntraSubscriptions(
	ctx: IHookFunctions,
	state: EntraState,
	webhookUrl: string,
	selected: readonly IdentityEventType[],
	clientState: string,
	now = Date.now(),
): Promise<void> {
	const kinds = entraResourcesFor(selected);
	if (kinds.length === 0) {
		throw new NodeOperationError(
			ctx.getNode(),
			'Microsoft Entra ID sends change notifications for users and groups only: select at least one user or group event in Trigger On',
		);
	}
	const stale = new Set((state.graphSubscriptions ?? []).map((s) => s.id));
	for (const subscription of await listSubscriptions(ctx)) {
		if (subscription.notificationUrl === webhookUrl) stale.add(subscription.id);
	}
	for (const id of stale) await deleteSubscription(ctx, id);
	forget(state);

	const created: EntraState['graphSubscriptions'] = [];
	let complete = false;
	try {
		for (const kind of kinds) {
			const subscription = await createSubscription(ctx, kind, webhookUrl, clientState, now);
			created.push({ id: subscription.id, kind, expiresAt: subscription.expirationDateTime });
		}
		await seedDirectoryMemory(ctx, state, kinds);
		complete = true;
	} finally {
		if (complete) {
			state.graphNotificationUrl = webhookUrl;
			state.graphSubscriptions = created;
		} else {
			for (const subscription of created) await deleteSubscription(ctx, subscription.id);
		}
	}
}

export async function deleteEntraSubscriptions(
	ctx: IHookFunctions,
	state: EntraState,
): Promise<void> {
	for (const subscription of state.graphSubscriptions ?? [])
		await deleteSubscription(ctx, subscription.id);
	forget(state);
}
