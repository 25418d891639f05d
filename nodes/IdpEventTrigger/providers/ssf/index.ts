import type { IdentityProviderModule } from '../provider';
import { ssfCredentials, SSF_CREDENTIAL, issuerOf } from './ssf.api';
import { enrichSsfEvents, type SsfDirectoryId } from './ssf.enrich';
import { prepareSsf } from './ssf.prepare';
import { createSsfStream, deleteSsfStream, identityKey, ssfStreamExists } from './ssf.registration';
import { ssfSource } from './ssf.source';
import type { SsfStreamState } from './ssf.state';
import { deliveryRefused, verificationArrived } from './ssf.verification';
import type { SsfDelivery } from './ssf.wire';

/** The transmitter's host and path, e.g. `acme.okta.com` or `tr.example.com/issuer1`. */
export function ssfTenantOf(issuer: string): string {
	try {
		const url = new URL(issuer);
		return `${url.host}${url.pathname.replace(/\/+$/, '')}`;
	} catch {
		return issuer;
	}
}

/**
 * Shared Signals: CAEP and RISC SETs pushed by any SSF transmitter (RFC 8935). Users are enriched
 * from one of the other providers' directories, with that provider's own enrichment.
 */
export function createSsfProvider(directories: Record<SsfDirectoryId, IdentityProviderModule>): IdentityProviderModule {
	const provider: IdentityProviderModule = {
		id: 'ssf',
		credentialName: SSF_CREDENTIAL,
		source: ssfSource,
		manualSecretField: 'authorizationSecret',
		manualSecretLabel: 'Authorization Secret',
		manualSecretOptional: true,
		apiSecretField: 'apiToken',
		tenant: async (ctx) => ssfTenantOf(issuerOf(await ssfCredentials(ctx))),
		prepare: async (ctx, input) => await prepareSsf(ctx, input, provider),
		rejected: (ctx, log) => deliveryRefused(identityKey(ctx), log),
		async afterAcknowledge(ctx, _staticData, { delivery, events }) {
			const { verificationState } = delivery as SsfDelivery;
			if (verificationState !== undefined) verificationArrived(identityKey(ctx), verificationState);
			return events;
		},
		enrich: async (ctx, events, options) => await enrichSsfEvents(ctx, events, options, directories),
		registration: {
			exists: (ctx, staticData, url, selected) => ssfStreamExists(ctx, staticData as SsfStreamState, url, selected),
			create: (ctx, staticData, url, selected, name, secret) =>
				createSsfStream(ctx, staticData as SsfStreamState, url, selected, name, secret),
			remove: (ctx, staticData) => deleteSsfStream(ctx, staticData as SsfStreamState),
		},
	};
	return provider;
}
