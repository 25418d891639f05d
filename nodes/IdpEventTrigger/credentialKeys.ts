import type { ICredentialDataDecryptedObject, IWebhookFunctions } from 'n8n-workflow';

import { rememberCredentials } from './providers/http/credentialsOnce';
import type { IdentityProviderModule } from './providers/provider';
import { credentialSecrets, webhookIdentity, type CredentialSecrets } from './webhookSecret';

/** What a delivery is checked against, from the credential: its secrets, and the tenant events name. */
export interface CredentialKeys extends CredentialSecrets {
	tenant: string;
}

/** Keys, and when the credential read they come from started. */
export interface KeysRead {
	keys: CredentialKeys;
	readAt: number;
}

/**
 * Keys read longer ago than this are not used: the delivery waits for a new read. So a trigger's
 * credential is read at most once in this time under a steady flow, and an old secret stops working
 * this long after the credential changed.
 */
export const KEYS_FRESH_FOR_MS = 2000;
const MAX_TRIGGERS = 1000;

type Read = Promise<KeysRead & { credentials: ICredentialDataDecryptedObject }>;

interface Entry {
	latest?: KeysRead;
	/** The read in flight, and when it started. */
	inFlight?: { startsAt: number; read: Read };
	/** The read that starts when the one in flight ends: every delivery that arrives until then joins it. */
	queued?: Read;
}

/**
 * Per n8n process, by provider, credential and webhook: the keys as last read. Only what is derived
 * from the credential is kept here, never the decrypted credential itself.
 */
const entries = new Map<string, Entry>();

function entryKey(ctx: IWebhookFunctions, idp: IdentityProviderModule): string | undefined {
	const credentialId = ctx.getNode().credentials?.[idp.credentialName]?.id;
	if (!credentialId) return undefined;
	return [idp.id, credentialId, ...webhookIdentity(ctx)].join('\u0000');
}

async function readKeys(ctx: IWebhookFunctions, idp: IdentityProviderModule) {
	const readAt = Date.now();
	const credentials = await ctx.getCredentials<ICredentialDataDecryptedObject>(idp.credentialName);
	rememberCredentials(ctx, idp.credentialName, credentials);
	const secrets = credentialSecrets(credentials, idp, webhookIdentity(ctx));
	return { keys: { ...secrets, tenant: await idp.tenant(ctx) }, readAt, credentials };
}

function entryFor(key: string): Entry {
	let entry = entries.get(key);
	if (!entry) {
		if (entries.size >= MAX_TRIGGERS) entries.clear();
		entry = {};
		entries.set(key, entry);
	}
	return entry;
}

/**
 * Keys from a credential read that started at `since` or later. One read of a trigger's credential
 * is in flight at a time, and deliveries that wait meanwhile share the next: each read costs n8n a
 * database query, a decryption and, with its default expression engine, an isolate.
 */
export async function keysReadSince(
	ctx: IWebhookFunctions,
	idp: IdentityProviderModule,
	since: number,
): Promise<KeysRead> {
	const key = entryKey(ctx, idp);
	if (key === undefined) return await readKeys(ctx, idp);
	const entry = entryFor(key);
	if (entry.latest && entry.latest.readAt >= since) return entry.latest;
	const start = (): Read => {
		const read = readKeys(ctx, idp);
		const inFlight = { startsAt: Date.now(), read };
		entry.inFlight = inFlight;
		const settled = () => {
			if (entry.inFlight === inFlight) entry.inFlight = undefined;
		};
		read.then((done) => {
			if (!entry.latest || done.readAt >= entry.latest.readAt) entry.latest = { keys: done.keys, readAt: done.readAt };
			settled();
		}, settled);
		return read;
	};
	const inFlight = entry.inFlight;
	if (!inFlight) return await joined(ctx, idp, start());
	if (inFlight.startsAt >= since) return await joined(ctx, idp, inFlight.read);
	entry.queued ??= inFlight.read.then(
		() => undefined,
		() => undefined,
	).then(() => {
		entry.queued = undefined;
		return start();
	});
	return await joined(ctx, idp, entry.queued);
}

async function joined(
	ctx: IWebhookFunctions,
	idp: IdentityProviderModule,
	read: Read,
): Promise<KeysRead> {
	const { keys, readAt, credentials } = await read;
	rememberCredentials(ctx, idp.credentialName, credentials);
	return { keys, readAt };
}

/**
 * The keys as read in this process in the last {@link KEYS_FRESH_FOR_MS}, without reading the
 * credential again; otherwise from a new read. A changed secret is accepted at once (a delivery
 * refused on kept keys is checked against a new read); the old one stops working within
 * {@link KEYS_FRESH_FOR_MS}.
 */
export async function currentKeys(ctx: IWebhookFunctions, idp: IdentityProviderModule): Promise<KeysRead> {
	const key = entryKey(ctx, idp);
	const entry = key === undefined ? undefined : entries.get(key);
	const now = Date.now();
	if (entry?.latest && now - entry.latest.readAt <= KEYS_FRESH_FOR_MS) return entry.latest;
	if (entry?.inFlight && now - entry.inFlight.startsAt <= KEYS_FRESH_FOR_MS) {
		return await joined(ctx, idp, entry.inFlight.read);
	}
	return await keysReadSince(ctx, idp, now);
}
