import type { IdentityProviderModule } from '../provider';
import { AUTH0_CREDENTIAL, auth0Domain } from './auth0.api';
import { auth0BaseUrl } from './auth0.baseUrl';
import { enrichAuth0Events } from './auth0.enrich';
import {
	auth0StreamExists,
	createAuth0Stream,
	deleteAuth0Stream,
	type Auth0StreamState,
} from './auth0.registration';
import { auth0Source } from './auth0.source';

export const auth0Provider: IdentityProviderModule = {
	id: 'auth0',
	credentialName: AUTH0_CREDENTIAL,
	source: auth0Source,
	tenant: async (ctx) => new URL(auth0BaseUrl(await auth0Domain(ctx))).host,
	async secret(ctx, staticData, automatic) {
		if (automatic) return (staticData as Auth0StreamState).logStreamSecret;
		const credentials = await ctx.getCredentials<{ streamToken?: string }>(AUTH0_CREDENTIAL);
		return credentials.streamToken || undefined;
	},
	enrich: (ctx, events, options) => enrichAuth0Events(ctx, events, options),
	registration: {
		exists: (ctx, staticData, url) => auth0StreamExists(ctx, staticData as Auth0StreamState, url),
		create: (ctx, staticData, url, _selected, name) =>
			createAuth0Stream(ctx, staticData as Auth0StreamState, url, name),
		remove: (ctx, staticData) => deleteAuth0Stream(ctx, staticData as Auth0StreamState),
	},
};
