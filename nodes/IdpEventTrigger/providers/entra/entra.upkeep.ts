import type { IWebhookFunctions } from 'n8n-workflow';

import { triggerLog } from '../../triggerLog';
import type { EntraState, GraphSubscriptionRecord } from './entra.state';
import {
	createSubscription,
	needsRenewal,
	reauthorizeSubscription,
	renewSubscription,
} from './entra.subscriptions';
import { isLifecycleNotification, type GraphDelivery } from './entra.wire';

/** What upkeep did, for the log line and for tests. */
export interface UpkeepReport {
	reauthorized: string[];
	renewed: string[];
	recreated: Array<{ from: string; to: string }>;
	failed: string[];
}

/**
 * Keeps the subscriptions alive from inside a delivery, since a webhook trigger has no timer:
 * answers `reauthorizationRequired` (reauthorize, then renew if due), recreates a subscription
 * Graph removed (when this trigger created it), and renews any subscription that is past half its
 * lifetime. Without subscriptions of its own (manual registration) it serves those whose
 * notifications it receives. A recreated subscription gets the derived `clientState`. Never throws;
 * failures are logged and reported.
 */
export async function keepSubscriptionsAlive(
	ctx: IWebhookFunctions,
	state: EntraState,
	delivery: GraphDelivery,
	clientState: () => Promise<string | undefined>,
	now = Date.now(),
): Promise<UpkeepReport> {
	const log = triggerLog(ctx);
	const report: UpkeepReport = { reauthorized: [], renewed: [], recreated: [], failed: [] };
	const records = state.graphSubscriptions ?? [];
	const expiries = new Map<string, string | undefined>(records.map((r) => [r.id, r.expiresAt]));
	const reauthorize = new Set<string>();
	const removed = new Set<string>();
	for (const notification of delivery.notifications) {
		const id = notification.subscriptionId;
		// subscriptions this trigger created are the only ones it manages; otherwise, those that notify it
		if (records.length > 0 && !expiries.has(id)) continue;
		expiries.set(id, notification.subscriptionExpirationDateTime ?? expiries.get(id));
		if (!isLifecycleNotification(notification)) continue;
		if (notification.lifecycleEvent === 'reauthorizationRequired') reauthorize.add(id);
		if (notification.lifecycleEvent === 'subscriptionRemoved') removed.add(id);
	}

	const attempt = async (id: string, action: string, work: () => Promise<void>) => {
		try {
			await work();
		} catch (error) {
			report.failed.push(id);
			log.warn(`could not ${action} Microsoft Graph subscription ${id}: ${(error as Error).message}`);
		}
	};
	const recreate = async (record: GraphSubscriptionRecord | undefined, id: string) => {
		const secret = record ? await clientState() : undefined;
		if (!record || !secret) {
			log.warn(`Microsoft Graph subscription ${id} is gone; recreate it (re-publish the workflow)`);
			report.failed.push(id);
			return;
		}
		const url = state.graphNotificationUrl ?? (ctx.getNodeWebhookUrl('default') as string);
		const created = await createSubscription(ctx, record.kind, url, secret, now);
		report.recreated.push({ from: record.id, to: created.id });
		record.id = created.id;
		record.expiresAt = created.expirationDateTime;
	};

	for (const id of expiries.keys()) {
		const record = records.find((r) => r.id === id);
		if (removed.has(id)) {
			await attempt(id, 'recreate', async () => await recreate(record, id));
			continue;
		}
		await attempt(id, 'renew', async () => {
			if (reauthorize.has(id)) {
				if (!(await reauthorizeSubscription(ctx, id))) return await recreate(record, id);
				report.reauthorized.push(id);
			}
			const expiresAt = expiries.get(id);
			if (!expiresAt || !needsRenewal(expiresAt, now)) return;
			const renewed = await renewSubscription(ctx, id, now);
			if (!renewed) return await recreate(record, id);
			report.renewed.push(id);
			if (record) record.expiresAt = renewed.expirationDateTime;
		});
	}
	return report;
}
