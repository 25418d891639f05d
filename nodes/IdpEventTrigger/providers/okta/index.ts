import type { IdentityProviderModule } from '../provider';
import { OKTA_CREDENTIAL, oktaTenant } from './okta.api';
import { enrichOktaEvents } from './okta.enrich';
import { createOktaHook, deleteOktaHook, oktaHookExists, type OktaHookState } from './okta.registration';
import { oktaSource } from './okta.source';

export const oktaProvider: IdentityProviderModule = {
	id: 'okta',
	credentialName: OKTA_CREDENTIAL,
	source: oktaSource,
	manualSecretField: 'eventHookSecret',
	manualSecretLabel: 'Event Hook Secret',
	apiSecretField: 'apiToken',
	legacySecretKey: 'hookSecret',
	tenant: oktaTenant,
	enrich: (ctx, events, options) => enrichOktaEvents(ctx, events, options),
	registration: {
		exists: (ctx, staticData, url, selected) => oktaHookExists(ctx, staticData as OktaHookState, url, selected),
		create: (ctx, staticData, url, selected, name, secret) =>
			createOktaHook(ctx, staticData as OktaHookState, url, selected, name, secret),
		remove: (ctx, staticData) => deleteOktaHook(ctx, staticData as OktaHookState),
	},
};
