import type { EventHook } from '@okta/okta-sdk-nodejs';
import type { IHookFunctions } from 'n8n-workflow';

import type { IdentityEventType } from '../../../shared/model';
import { oktaApiRequest } from './okta.api';
import { oktaEventTypesFor } from './okta.eventMap';

/**
 * What the trigger keeps in the workflow's static data for an automatically registered hook. The
 * hook's secret is derived, never stored; `hookSecret` is what earlier versions stored.
 */
export interface OktaHookState {
	hookId?: string;
	hookSecret?: string;
	hookEvents?: string[];
}

function forget(state: OktaHookState): void {
	delete state.hookId;
	delete state.hookSecret;
	delete state.hookEvents;
}

const HOOKS = '/api/v1/eventHooks';

function sameEvents(a: readonly string[] = [], b: readonly string[] = []): boolean {
	return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

function hookUri(hook: EventHook): string | undefined {
	return (hook.channel?.config as { uri?: string } | undefined)?.uri;
}

async function listHooks(ctx: IHookFunctions): Promise<EventHook[]> {
	const { body } = await oktaApiRequest<EventHook[]>(ctx, 'GET', HOOKS);
	return body;
}

async function removeHook(ctx: IHookFunctions, id: string): Promise<void> {
	const tolerate = { tolerateNotFound: true };
	const deactivated = await oktaApiRequest(ctx, 'POST', `${HOOKS}/${id}/lifecycle/deactivate`, undefined, undefined, tolerate);
	if (deactivated.statusCode === 404) return;
	await oktaApiRequest(ctx, 'DELETE', `${HOOKS}/${id}`, undefined, undefined, tolerate);
}

/**
 * True when Okta holds an active, verified hook of ours for this webhook URL with exactly the event
 * types the node is set to (the trigger has checked the secret it was made with).
 */
export async function oktaHookExists(
	ctx: IHookFunctions,
	state: OktaHookState,
	webhookUrl: string,
	selected: readonly IdentityEventType[],
): Promise<boolean> {
	if (!state.hookId) return false;
	const hook = (await listHooks(ctx)).find((candidate) => candidate.id === state.hookId);
	if (!hook) {
		forget(state);
		return false;
	}
	return (
		hookUri(hook) === webhookUrl &&
		hook.status === 'ACTIVE' &&
		hook.verificationStatus === 'VERIFIED' &&
		sameEvents(hook.events?.items, oktaEventTypesFor(selected))
	);
}

/**
 * Replaces any hook pointing at this URL (its secret is write-only at Okta, so it cannot be
 * checked), creates a new one that sends `secret`, and asks Okta to verify it, which makes Okta
 * call this trigger's GET handshake.
 */
export async function createOktaHook(
	ctx: IHookFunctions,
	state: OktaHookState,
	webhookUrl: string,
	selected: readonly IdentityEventType[],
	hookName: string,
	secret: string,
): Promise<void> {
	for (const hook of await listHooks(ctx)) {
		if (hook.id && (hook.id === state.hookId || hookUri(hook) === webhookUrl)) {
			await removeHook(ctx, hook.id);
		}
	}
	forget(state);
	const events = oktaEventTypesFor(selected);
	const { body: created } = await oktaApiRequest<EventHook>(ctx, 'POST', HOOKS, {
		name: hookName,
		events: { type: 'EVENT_TYPE', items: events },
		channel: {
			type: 'HTTP',
			version: '1.0.0',
			config: {
				uri: webhookUrl,
				authScheme: { type: 'HEADER', key: 'Authorization', value: secret },
			},
		},
	});
	state.hookId = created.id;
	state.hookEvents = events;
	if (created.status !== 'ACTIVE') {
		await oktaApiRequest(ctx, 'POST', `${HOOKS}/${created.id}/lifecycle/activate`);
	}
	await oktaApiRequest(ctx, 'POST', `${HOOKS}/${created.id}/lifecycle/verify`);
}

export async function deleteOktaHook(ctx: IHookFunctions, state: OktaHookState): Promise<void> {
	if (state.hookId) await removeHook(ctx, state.hookId);
	forget(state);
}
