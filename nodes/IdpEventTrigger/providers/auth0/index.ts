import type { IdentityProviderModule } from '../provider';
import { AUTH0_CREDENTIAL, auth0Tenant } from './auth0.api';
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
	manualSecretField: 'streamToken',
	manualSecretLabel: 'Stream Token',
	apiSecretField: 'clientSecret',
	legacySecretKey: 'logStreamSecret',
	tenant: auth0Tenant,
	enrich: (ctx, events, options) => enrichAuth0Events(ctx, events, options),
	registration: {
		exists: (ctx, staticData, url) => auth0StreamExists(ctx, staticData as Auth0StreamState, url),
		create: (ctx, staticData, url, _selected, name, secret) =>
			createAuth0Stream(ctx, staticData as Auth0StreamState, url, name, secret),
		remove: (ctx, staticData) => deleteAuth0Stream(ctx, staticData as Auth0StreamState),
	},
};
