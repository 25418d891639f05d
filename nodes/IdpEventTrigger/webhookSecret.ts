import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { deriveSecret, secretTag } from '../shared/security/deriveSecret';
import { credentialsOnce } from './providers/http/credentialsOnce';

/** The path of the trigger's webhooks (`<base>/<webhookId>/events`). */
export const WEBHOOK_PATH = 'events';

/** The credential field every identity provider's credential has for the derivation key. */
export const REGISTRATION_KEY_FIELD = 'registrationKey';

/** Static data: a tag of the secret the remote registration was made with (not the secret). */
const SECRET_TAG_KEY = 'secretTag';

type TriggerContext = IHookFunctions | IWebhookFunctions;

/** Where a provider's credential and static data keep what the delivery secret comes from. */
export interface SecretSource {
	id: string;
	credentialName: string;
	/** The credential field holding the secret of a manually registered hook, and its label. */
	manualSecretField: string;
	manualSecretLabel: string;
	/**
	 * Whether a manually registered source may send no secret at all: its deliveries carry their own
	 * signature, and the shared secret is an extra the transmitter may not support.
	 */
	manualSecretOptional?: boolean;
	/** The credential's API secret: the derivation key when the credential has no Registration Key. */
	apiSecretField: string;
	/** Where versions before derivation kept their generated secret in static data, if they did. */
	legacySecretKey?: string;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * What identifies this trigger's webhook to every n8n process, across restarts and re-publishing:
 * the workflow id, the node id, and the webhook id and path that make up its URL. The URL's base is
 * left out: it comes from each process's configuration and need not match.
 */
export function webhookIdentity(ctx: TriggerContext): string[] {
	const node = ctx.getNode();
	return [ctx.getWorkflow().id ?? '', node.id ?? node.name, node.webhookId ?? '', WEBHOOK_PATH];
}

/** The secrets a credential holds for one webhook: the manual one, and the one derived for automatic registration. */
export interface CredentialSecrets {
	manual?: string;
	derived?: string;
}

/**
 * The secret an automatically registered hook presents: HMAC-SHA256 of the webhook's identity under
 * the credential's Automatic Registration Key, or under its API secret when that key is empty; and
 * the credential's manual secret. Each is undefined when the credential does not hold it.
 */
export function credentialSecrets(
	credentials: ICredentialDataDecryptedObject,
	source: SecretSource,
	identity: readonly string[],
): CredentialSecrets {
	const key = text(credentials[REGISTRATION_KEY_FIELD]) ?? text(credentials[source.apiSecretField]);
	return {
		manual: text(credentials[source.manualSecretField]),
		derived:
			key === undefined
				? undefined
				: deriveSecret(key, ['n8n-nodes-idp-mfa-sync delivery secret', source.id, ...identity]),
	};
}

/** The derived secret of this trigger's webhook (see {@link credentialSecrets}). */
export async function derivedSecret(
	ctx: TriggerContext,
	source: SecretSource,
): Promise<string | undefined> {
	const credentials = await credentialsOnce(ctx, source.credentialName);
	return credentialSecrets(credentials, source, webhookIdentity(ctx)).derived;
}

/**
 * The secrets a delivery may present, or why there is none. Automatic registration: the derived
 * secret, and a secret an earlier version generated and stored, until the next registration
 * replaces it.
 */
export function deliverySecrets(
	source: SecretSource,
	fromCredential: CredentialSecrets,
	staticData: IDataObject,
	automatic: boolean,
): { secrets: string[]; derived?: string; noSecretReason?: string; optional?: boolean } {
	if (!automatic) {
		if (fromCredential.manual) return { secrets: [fromCredential.manual] };
		return source.manualSecretOptional
			? { secrets: [], optional: true }
			: { secrets: [], noSecretReason: `the credential's ${source.manualSecretLabel} is empty` };
	}
	const derived = fromCredential.derived;
	const legacy = source.legacySecretKey === undefined ? undefined : text(staticData[source.legacySecretKey]);
	const secrets = [derived, legacy].filter(
		(secret): secret is string => secret !== undefined,
	);
	return secrets.length > 0
		? { secrets, derived }
		: {
				secrets,
				noSecretReason:
					'the credential has neither an Automatic Registration Key nor an API secret to derive the delivery secret from',
			};
}

/** Whether the remote registration was made with `secret` (as far as static data knows). */
export function registeredWith(staticData: IDataObject, secret: string): boolean {
	return staticData[SECRET_TAG_KEY] === secretTag(secret);
}

/** Whether the registration was made with a secret other than `secret`: the key changed since. */
export function registeredWithAnotherSecret(staticData: IDataObject, secret: string): boolean {
	return typeof staticData[SECRET_TAG_KEY] === 'string' && !registeredWith(staticData, secret);
}

export function rememberRegistration(staticData: IDataObject, secret: string): void {
	staticData[SECRET_TAG_KEY] = secretTag(secret);
}

export function forgetRegistration(staticData: IDataObject): void {
	delete staticData[SECRET_TAG_KEY];
}
