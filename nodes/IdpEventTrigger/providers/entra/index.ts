import type { IdentityProviderModule } from '../provider';
import { ENTRA_CREDENTIAL, entraCredentials } from './entra.api';
import { classifyEntraEvents } from './entra.classify';
import { enrichEntraEvents } from './entra.enrich';
import {
	createEntraSubscriptions,
	deleteEntraSubscriptions,
	entraSubscriptionsExist,
} from './entra.registration';
import { entraSource } from './entra.source';
import { directoryMemory, type EntraState } from './entra.state';
import { keepSubscriptionsAlive } from './entra.upkeep';
import type { GraphDelivery } from './entra.wire';

export const entraProvider: IdentityProviderModule = {
	id: 'entra',
	credentialName: ENTRA_CREDENTIAL,
	source: entraSource,
	tenant: async (ctx) => (await entraCredentials(ctx)).tenantId,
	async secret(ctx, staticData, automatic) {
		if (automatic) return (staticData as EntraState).graphClientState;
		return (await entraCredentials(ctx)).clientStateSecret || undefined;
	},
	async afterAcknowledge(ctx, staticData, { delivery, events }) {
		const state = staticData as EntraState;
		const now = Date.now();
		const report = await keepSubscriptionsAlive(ctx, state, delivery as GraphDelivery, now);
		if (report.renewed.length + report.reauthorized.length + report.recreated.length > 0) {
			ctx.logger.info('IdP Event Trigger: Microsoft Graph subscriptions kept alive', { ...report });
		}
		return await classifyEntraEvents(ctx, directoryMemory(state), events, now);
	},
	enrich: (ctx, events, options) => enrichEntraEvents(ctx, events, options),
	registration: {
		exists: (ctx, staticData, url, selected) =>
			entraSubscriptionsExist(ctx, staticData as EntraState, url, selected),
		create: (ctx, staticData, url, selected) =>
			createEntraSubscriptions(ctx, staticData as EntraState, url, selected),
		remove: (ctx, staticData) => deleteEntraSubscriptions(ctx, staticData as EntraState),
	},
};
