import type { IdentityProviderModule } from '../provider';
import { OKTA_CREDENTIAL, oktaOrgUrl } from './okta.api';
import { enrichOktaEvents } from './okta.enrich';
import { createOktaHook, deleteOktaHook, oktaHookExists, type OktaHookState } from './okta.registration';
import { oktaSource } from './okta.source';

export const oktaProvider: IdentityProviderModule = {
	id: 'okta',
	credentialName: OKTA_CREDENTIAL,
	source: oktaSource,
	tenant: async (ctx) => new URL(await oktaOrgUrl(ctx)).host,
	async secret(ctx, staticData, automatic) {
		if (automatic) return (staticData as OktaHookState).hookSecret;
		const credentials = await ctx.getCredentials<{ eventHookSecret?: string }>(OKTA_CREDENTIAL);
		return credentials.eventHookSecret || undefined;
	},
	enrich: (ctx, events, options) => enrichOktaEvents(ctx, events, options),
	registration: {
		exists: (ctx, staticData, url, selected) => oktaHookExists(ctx, staticData as OktaHookState, url, selected),
		create: (ctx, staticData, url, selected, name) => createOktaHook(ctx, staticData as OktaHookState, url, selected, name),
		remove: (ctx, staticData) => deleteOktaHook(ctx, staticData as OktaHookState),
	},
};
