import type { IWebhookFunctions } from 'n8n-workflow';

import { jsonReply } from '../../pipeline/request';
import { derivedSecret } from '../../webhookSecret';
import type { PrepareInput, Prepared, IdentityProviderModule } from '../provider';
import { configuredAudiences, issuerOf, ssfCredentials } from './ssf.api';
import { peekHeader } from './ssf.jws';
import { FUTURE_SKEW_MS, type SsfPrepared } from './ssf.parse';
import { identityKey } from './ssf.registration';
import { registeredAudience, type SsfStreamState } from './ssf.state';
import { transmitterKeys } from './ssf.transmitter';
import { isOwnVerificationState } from './ssf.verification';

/** How old a SET may be when the duplicate window is off. */
export const DEFAULT_MAX_AGE_MS = 24 * 60 * 60_000;

/**
 * What a SET is checked against: the transmitter's keys (cached per process; fetched again for an
 * unknown `kid`), the issuer and audiences, and how old it may be: no older than the duplicate
 * window, since an older replay would no longer be recognized. Keys are fetched only for a request
 * that carries the shared secret (or when none is required), so strangers cannot make the trigger
 * call the transmitter.
 */
export async function prepareSsf(
	ctx: IWebhookFunctions,
	input: PrepareInput,
	source: Pick<IdentityProviderModule, 'id' | 'credentialName' | 'manualSecretField' | 'manualSecretLabel' | 'apiSecretField'>,
): Promise<Prepared> {
	const credentials = await ssfCredentials(ctx);
	const issuer = issuerOf(credentials);
	const automatic = input.automatic;
	const identity = identityKey(ctx);
	const stored = automatic ? registeredAudience(identity, input.staticData as SsfStreamState) : [];
	const audiences = [...new Set([...configuredAudiences(credentials), ...stored])];
	const secret = automatic ? await derivedSecret(ctx, source) : undefined;
	const prepared: SsfPrepared = {
		issuer,
		audiences,
		noAudienceReason: automatic
			? 'the stream this trigger registered is unknown here; set the Audience of the credential, or publish the workflow again'
			: "set the credential's Audience to the aud of the transmitter's stream",
		keys: [],
		criticalSubjectMembers: [],
		now: input.now,
		maxAgeMs: input.windowMs > 0 ? input.windowMs : DEFAULT_MAX_AGE_MS,
		futureSkewMs: FUTURE_SKEW_MS,
		...(secret ? { isOwnState: (state: string) => isOwnVerificationState(secret, state) } : {}),
	};
	if (!input.authenticated) return { ok: true, value: prepared };
	const kid = peekHeader(input.request.rawBody?.toString('utf8') ?? '')?.kid;
	try {
		const { metadata, keys } = await transmitterKeys(ctx, issuer, typeof kid === 'string' ? kid : undefined, input.now);
		return { ok: true, value: { ...prepared, keys, criticalSubjectMembers: metadata.critical_subject_members ?? [] } };
	} catch (error) {
		const message = `Could not read the transmitter's keys to verify the SET: ${(error as Error).message}`;
		return { ok: false, reply: jsonReply(503, { message }), log: message };
	}
}
