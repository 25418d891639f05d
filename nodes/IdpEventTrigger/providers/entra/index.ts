import { triggerLog } from '../../triggerLog';
import { derivedSecret } from '../../webhookSecret';
import type { IdentityProviderModule } from '../provider';
import { ENTRA_CREDENTIAL, entraTenant } from './entra.api';
import { classifyEntraEvents, unclassifiedEntraEvent } from './entra.classify';
import { enrichEntraEvents } from './entra.enrich';
import {
	createEntraSubscriptions,
	deleteEntraSubscriptions,
	entraSubscriptionsExist,
} from './entra.registration';
import { entraSource } from './entra.source';
import { loadDirectoryMemory, saveDirectoryMemory, type EntraState } from './entra.state';
import { keepSubscriptionsAlive } from './entra.upkeep';
import type { GraphDelivery } from './entra.wire';

export const entraProvider: IdentityProviderModule = {
	id: 'entra',
	credentialName: ENTRA_CREDENTIAL,
	source: entraSource,
	manualSecretField: 'clientStateSecret',
	manualSecretLabel: 'Client State',
	apiSecretField: 'clientSecret',
	legacySecretKey: 'graphClientState',
	tenant: entraTenant,
	async afterAcknowledge(ctx, staticData, { delivery, events }) {
		const state = staticData as EntraState;
		const now = Date.now();
		const clientState = async () => await derivedSecret(ctx, entraProvider);
		const report = await keepSubscriptionsAlive(ctx, state, delivery as GraphDelivery, clientState, now);
		if (report.renewed.length + report.reauthorized.length + report.recreated.length > 0) {
			triggerLog(ctx).info('Microsoft Graph subscriptions kept alive', { ...report });
		}
		const memory = loadDirectoryMemory(state);
		const classified = await classifyEntraEvents(ctx, memory, events, now);
		saveDirectoryMemory(state, memory);
		return classified;
	},
	unclassified: unclassifiedEntraEvent,
	enrich: (ctx, events, options) => enrichEntraEvents(ctx, events, options),
	registration: {
		exists: (ctx, staticData, url, selected) =>
			entraSubscriptionsExist(ctx, staticData as EntraState, url, selected),
		create: (ctx, staticData, url, selected, _name, secret) =>
			createEntraSubscriptions(ctx, staticData as EntraState, url, selected, secret),
		remove: (ctx, staticData) => deleteEntraSubscriptions(ctx, staticData as EntraState),
	},
};
