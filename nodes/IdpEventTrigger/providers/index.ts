import type { INodeCredentialDescription } from 'n8n-workflow';

import type { IdentityProviderId } from '../../shared/model';
import { onlyFor } from '../../shared/n8n/selectorCredentials';
import { auth0Provider } from './auth0';
import { entraProvider } from './entra';
import { oktaProvider } from './okta';
import type { IdentityProviderModule } from './provider';
import { createSsfProvider } from './ssf';
import { SSF_DIRECTORY_PARAMETER, type SsfDirectoryId } from './ssf/ssf.enrich';

/** The providers whose directory can enrich Shared Signals events. */
const DIRECTORIES: Record<SsfDirectoryId, IdentityProviderModule> = {
	auth0: auth0Provider,
	entra: entraProvider,
	okta: oktaProvider,
};

export const PROVIDERS: Partial<Record<IdentityProviderId, IdentityProviderModule>> = {
	...DIRECTORIES,
	ssf: createSsfProvider(DIRECTORIES),
};

export function providerModule(id: string): IdentityProviderModule | undefined {
	return Object.prototype.hasOwnProperty.call(PROVIDERS, id) ? PROVIDERS[id as IdentityProviderId] : undefined;
}

/**
 * The trigger's credentials: each provider's own, shown for that provider. n8n finds a node's
 * credential description by name, so a directory's credential has one description for both uses:
 * shown for its own provider, and for Shared Signals when it is the chosen User Directory. The rules
 * are hide rules so that the Identity Provider selector stays a parameter (see `onlyFor`).
 */
export function triggerCredentials(): INodeCredentialDescription[] {
	const providerIds = Object.keys(PROVIDERS);
	const directoryIds = Object.keys(DIRECTORIES);
	return Object.values(PROVIDERS).map((module) => {
		const isDirectory = directoryIds.includes(module.id);
		return {
			name: module.credentialName,
			required: true,
			displayOptions: {
				hide: isDirectory
					? {
							...onlyFor('provider', providerIds, [module.id, 'ssf']),
							...onlyFor(SSF_DIRECTORY_PARAMETER, ['none', ...directoryIds], [module.id]),
						}
					: onlyFor('provider', providerIds, [module.id]),
			},
		};
	});
}
