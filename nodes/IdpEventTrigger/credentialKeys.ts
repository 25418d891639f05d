import { sleep, type ICredentialDataDecryptedObject, type IWebhookFunctions } from 'n8n-workflow';

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

/** Reads of one trigger's credential are at least this far apart, however many deliveries wait. */
export const MIN_READ_INTERVAL_MS = 500;
/**
 * Keys read longer ago than this are not used for a reply: the delivery waits for a new read. Under a
 * steady flow the reads that confirm accepted deliveries keep the keys younger than this.
 */
export const KEYS_FRESH_FOR_MS = 2000;
const MAX_TRIGGERS = 1000;

interface Entry {
	latest?: KeysRead;
	/** The read that starts next (or started), and when. */
	next?: { startsAt: number; read: Promise<KeysRead & { credentials: ICredentialDataDecryptedObject }> };
	lastStart: number;
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
		entry = { lastStart: 0 };
		entries.set(key, entry);
	}
	return entry;
}

/**
 * Keys from a credential read that started at `since` or later. Deliveries waiting at the same time
 * share one read, and reads of one trigger's credential are `minIntervalMs` apart: each costs n8n a
 * database query, a decryption and, with its default expression engine, an isolate.
 */
export async function keysReadSince(
	ctx: IWebhookFunctions,
	idp: IdentityProviderModule,
	since: number,
	minIntervalMs = MIN_READ_INTERVAL_MS,
): Promise<KeysRead> {
	const key = entryKey(ctx, idp);
	if (key === undefined) return await readKeys(ctx, idp);
	const entry = entryFor(key);
	if (entry.latest && entry.latest.readAt >= since) return entry.latest;
	let next = entry.next;
	if (!next || next.startsAt < since) {
		const startsAt = Math.max(Date.now(), entry.lastStart + minIntervalMs);
		entry.lastStart = startsAt;
		const read = (async () => {
			const wait = startsAt - Date.now();
			if (wait > 0) await sleep(wait);
			return await readKeys(ctx, idp);
		})();
		next = { startsAt, read };
		entry.next = next;
		const settled = () => {
			if (entry.next === next) entry.next = undefined;
		};
		read.then((done) => {
			if (!entry.latest || done.readAt >= entry.latest.readAt) entry.latest = { keys: done.keys, readAt: done.readAt };
			settled();
		}, settled);
	}
	return await joined(ctx, idp, next.read);
}

async function joined(
	ctx: IWebhookFunctions,
	idp: IdentityProviderModule,
	read: NonNullable<Entry['next']>['read'],
): Promise<KeysRead> {
	const { keys, readAt, credentials } = await read;
	rememberCredentials(ctx, idp.credentialName, credentials);
	return { keys, readAt };
}

/**
 * The keys as read in this process in the last {@link KEYS_FRESH_FOR_MS}, without reading the
 * credential again; otherwise from a new read. A delivery accepted on keys read before it arrived
 * is confirmed with {@link keysReadSince} before it starts an execution, so that a changed
 * credential starts no execution on its old secret.
 */
export async function currentKeys(ctx: IWebhookFunctions, idp: IdentityProviderModule): Promise<KeysRead> {
	const key = entryKey(ctx, idp);
	const entry = key === undefined ? undefined : entries.get(key);
	const now = Date.now();
	if (entry?.latest && now - entry.latest.readAt <= KEYS_FRESH_FOR_MS) return entry.latest;
	if (entry?.next && now - entry.next.startsAt <= KEYS_FRESH_FOR_MS) {
		return await joined(ctx, idp, entry.next.read);
	}
	return await keysReadSince(ctx, idp, now);
}

/** Whether two reads gave the same keys. */
export function sameKeys(a: CredentialKeys, b: CredentialKeys): boolean {
	return a.manual === b.manual && a.derived === b.derived && a.tenant === b.tenant;
}
