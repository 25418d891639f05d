import type { EntraContext } from './entra.api';
import { graphRequest, graphRequestAllItems } from './entra.api';
import { ENTRA_RESOURCES, type EntraResourceKind } from './entra.eventMap';

/** Graph's limit for users and groups is 41,760 minutes; stay an hour below it for clock skew. */
export const SUBSCRIPTION_LIFETIME_MS = (41_760 - 60) * 60_000;

/** Renew once less than half the lifetime is left. */
export const RENEW_BELOW_MS = SUBSCRIPTION_LIFETIME_MS / 2;

export interface GraphSubscription {
	id: string;
	resource: string;
	changeType: string;
	notificationUrl: string;
	lifecycleNotificationUrl?: string | null;
	expirationDateTime: string;
}

const SUBSCRIPTIONS = '/subscriptions';

export function expirationFrom(now: number): string {
	return new Date(now + SUBSCRIPTION_LIFETIME_MS).toISOString();
}

export function needsRenewal(expiresAt: string | undefined, now: number): boolean {
	const at = expiresAt ? Date.parse(expiresAt) : Number.NaN;
	return !Number.isFinite(at) || at - now < RENEW_BELOW_MS;
}

/**
 * Creates a subscription for `updated` and `deleted` changes. Graph validates the notification
 * and the lifecycle URL (the same here) by POSTing a validationToken to the trigger before it
 * answers.
 */
export async function createSubscription(
	ctx: EntraContext,
	kind: EntraResourceKind,
	webhookUrl: string,
	clientState: string,
	now: number,
): Promise<GraphSubscription> {
	const { body } = await graphRequest<GraphSubscription>(ctx, 'POST', SUBSCRIPTIONS, {
		changeType: 'updated,deleted',
		notificationUrl: webhookUrl,
		lifecycleNotificationUrl: webhookUrl,
		resource: ENTRA_RESOURCES[kind],
		expirationDateTime: expirationFrom(now),
		clientState,
		latestSupportedTlsVersion: 'v1_2',
	});
	return body;
}

/** Extends a subscription to the full lifetime; undefined when Graph no longer has it. */
export async function renewSubscription(
	ctx: EntraContext,
	id: string,
	now: number,
): Promise<GraphSubscription | undefined> {
	const { body, statusCode } = await graphRequest<GraphSubscription>(
		ctx,
		'PATCH',
		`${SUBSCRIPTIONS}/${encodeURIComponent(id)}`,
		{ expirationDateTime: expirationFrom(now) },
		undefined,
		{ tolerateNotFound: true },
	);
	return statusCode === 404 ? undefined : body;
}

/** Answers `reauthorizationRequired`; false when Graph no longer has the subscription. */
export async function reauthorizeSubscription(ctx: EntraContext, id: string): Promise<boolean> {
	const { statusCode } = await graphRequest(
		ctx,
		'POST',
		`${SUBSCRIPTIONS}/${encodeURIComponent(id)}/reauthorize`,
		undefined,
		undefined,
		{ tolerateNotFound: true },
	);
	return statusCode !== 404;
}

export async function getSubscription(
	ctx: EntraContext,
	id: string,
): Promise<GraphSubscription | undefined> {
	const { body, statusCode } = await graphRequest<GraphSubscription>(
		ctx,
		'GET',
		`${SUBSCRIPTIONS}/${encodeURIComponent(id)}`,
		undefined,
		undefined,
		{ tolerateNotFound: true },
	);
	return statusCode === 404 ? undefined : body;
}

export async function deleteSubscription(ctx: EntraContext, id: string): Promise<void> {
	await graphRequest(
		ctx,
		'DELETE',
		`${SUBSCRIPTIONS}/${encodeURIComponent(id)}`,
		undefined,
		undefined,
		{
			tolerateNotFound: true,
		},
	);
}

/** The application's subscriptions (Graph lists only those the calling app created). */
export async function listSubscriptions(ctx: EntraContext): Promise<GraphSubscription[]> {
	return await graphRequestAllItems<GraphSubscription>(ctx, SUBSCRIPTIONS);
}
