import type { IdentityProviderId } from '../../shared/model';
import { oktaProvider } from './okta';
import type { IdentityProviderModule } from './provider';

export const PROVIDERS: Partial<Record<IdentityProviderId, IdentityProviderModule>> = {
	okta: oktaProvider,
};

export function providerModule(id: string): IdentityProviderModule | undefined {
	return PROVIDERS[id as IdentityProviderId];
}
