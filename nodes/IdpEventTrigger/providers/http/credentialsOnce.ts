import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	INode,
} from 'n8n-workflow';

/** What reads a credential: any n8n context the trigger and the directory node run in. */
export interface CredentialReader {
	getCredentials<T extends object = ICredentialDataDecryptedObject>(type: string): Promise<T>;
	getNode(): INode;
}

const reads = new WeakMap<object, Map<string, Promise<ICredentialDataDecryptedObject>>>();

/**
 * The credential of `type` as n8n decrypts it for `ctx`, read once for as long as the context lives.
 * Every read costs n8n a database query, a decryption and, with its default expression engine, a
 * fresh isolate. A failed read is not kept.
 */
export async function credentialsOnce<T extends object = ICredentialDataDecryptedObject>(
	ctx: CredentialReader,
	type: string,
): Promise<T> {
	let byType = reads.get(ctx);
	if (!byType) reads.set(ctx, (byType = new Map()));
	let read = byType.get(type);
	if (!read) {
		const started = ctx.getCredentials<ICredentialDataDecryptedObject>(type);
		read = started;
		byType.set(type, started);
		started.catch(() => {
			if (byType.get(type) === started) byType.delete(type);
		});
	}
	return (await read) as T;
}

/** Makes `data`, read for this same node elsewhere, what {@link credentialsOnce} returns for `ctx`. */
export function rememberCredentials(
	ctx: CredentialReader,
	type: string,
	data: ICredentialDataDecryptedObject,
): void {
	let byType = reads.get(ctx);
	if (!byType) reads.set(ctx, (byType = new Map()));
	byType.set(type, Promise.resolve(data));
}

/**
 * The credential already read for `ctx`, handed to `httpRequestWithAuthentication` so that n8n does
 * not read it again for every request. Undefined when the node names no credential of `type`.
 */
export async function readCredentialOption(
	ctx: CredentialReader,
	type: string,
): Promise<IAdditionalCredentialOptions | undefined> {
	const reference = ctx.getNode().credentials?.[type];
	if (!reference?.id) return undefined;
	const data = await credentialsOnce(ctx, type);
	// n8n may add to the data it is given (pre-authentication): give it a copy.
	return { credentialsDecrypted: { id: reference.id, name: reference.name, type, data: { ...data } } };
}
