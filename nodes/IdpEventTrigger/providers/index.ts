import type { IdentityProviderId } from '../../shared/model';
import { auth0Provider } from './auth0';
import { entraProvider } from './entra';
import { oktaProvider } from './okta';
import type { IdentityProviderModule } from './provider';

export const PROVIDERS: Partial<Record<IdentityProviderId, IdentityProviderModule>> = {
	auth0: auth0Provider,
	entra: entraProvider,
	okta: oktaProvider,
};

export function providerModule(id: string): IdentityProviderModule | undefined {
	return PROVIDERS[id as IdentityProviderId];
}
